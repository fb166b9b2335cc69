import {
  type CaptureContext,
  type CardBrand,
  detectCardBrand,
  type FlexFieldIssue,
  type FlexFieldPath,
  maskCardNumber,
  type TransientToken,
} from 'flex-types'
import { decodeBase64Url } from 'flex-types/internal'
import type { DescribedError } from './describe-error.js'
import type { EmulatorTokenRecord } from './flex-functions.js'

/** The steps of the flow, in order; `pay` runs when the form takes a payment. */
export const FLOW_STEPS = {
  session: 'Create session',
  'verify-capture-context': 'Verify capture context',
  encrypt: 'Validate and encrypt',
  tokenize: 'Create transient token',
  'verify-transient-token': 'Verify transient token',
  pay: 'Take the payment',
} as const

/** One of the steps. */
export type FlowStep = keyof typeof FLOW_STEPS

/** How one step went and how long it took. */
export interface StepReport {
  step: FlowStep
  durationMs: number
  ok: boolean
}

/** Facts about a verified capture context that are safe to show: no JWT, no key material. */
export interface CaptureContextFacts {
  kid: string
  type: string
  issuedAt: Date
  expiresAt: Date
  requiredFields: readonly FlexFieldPath[]
  optionalFields: readonly FlexFieldPath[]
  tokensOrigin: string
}

/** Facts about the JWE: its protected header and size, never its content. */
export interface EncryptionFacts {
  algorithm: string
  encryption: string
  keyId: string
  size: number
}

/** Facts about a verified transient token: a shortened id, never the token or its whole id. */
interface TransientTokenFacts {
  shortId: string
  type: string
  issuer: string
  issuedAt: Date
  expiresAt: Date
}

/** The card as the agent keyed it, masked to the last four digits. */
interface KeyedCardFacts {
  brand: CardBrand
  maskedNumber: string
}

/** What the flow produced: only safe facts, so a page or a log cannot show more than these. */
export type TokenizationReport =
  | { outcome: 'invalid'; issues: readonly FlexFieldIssue[]; steps: StepReport[] }
  | {
      outcome: 'failed'
      steps: StepReport[]
      failedStep: FlowStep
      error: DescribedError
      captureContext?: CaptureContextFacts
      encryption?: EncryptionFacts
    }
  | {
      outcome: 'tokenized'
      steps: StepReport[]
      captureContext: CaptureContextFacts
      /** Absent when the browser encrypted (the customer checkout's Microform fields). */
      encryption?: EncryptionFacts
      token: TransientTokenFacts
      keyedCard?: KeyedCardFacts
      emulatorRecord?: { maskedNumber?: string; brand?: string; fields: string[] }
    }

/**
 * The facts of a verified capture context that a page may show: its kid, type, times, fields and
 * the origin tokens are created at.
 *
 * @example
 * ```ts
 * factsOf(captureContext).tokensOrigin // 'https://apitest.cybersource.com'
 * ```
 */
export function factsOf(captureContext: CaptureContext): CaptureContextFacts {
  return {
    kid: captureContext.kid,
    type: captureContext.type,
    issuedAt: captureContext.issuedAt,
    expiresAt: captureContext.expiresAt,
    requiredFields: captureContext.requiredFields,
    optionalFields: captureContext.optionalFields,
    tokensOrigin: new URL(captureContext.tokensUrl).origin,
  }
}

/** Shortens an id to its first 6 and last 4 characters, too little to use it. */
export function shortenId(id: string): string {
  return id.length <= 12 ? `${id.slice(0, 4)}…` : `${id.slice(0, 6)}…${id.slice(-4)}`
}

/** The protected header's algorithms, a shortened kid and the size of a JWE. */
export function readEncryptionFacts(jwe: string): EncryptionFacts {
  const bytes = decodeBase64Url(jwe.split('.')[0] ?? '')
  let header: Record<string, unknown> = {}
  try {
    header = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>) : {}
  } catch {}
  const text = (value: unknown): string => (typeof value === 'string' ? value : '?')
  return {
    algorithm: text(header.alg),
    encryption: text(header.enc),
    keyId: shortenId(text(header.kid)),
    size: jwe.length,
  }
}

function readRecordFields(fields: unknown): string[] {
  // Only names: a record may hold values (billing data) that a page must not show.
  if (Array.isArray(fields)) return fields.filter((field) => typeof field === 'string')
  return typeof fields === 'object' && fields !== null ? Object.keys(fields) : []
}

/**
 * The facts of a verified transient token that a page may show: a shortened id, never the token.
 *
 * @example
 * ```ts
 * tokenFactsOf(token).shortId // 'a1b2c3…d4e5'
 * ```
 */
export function tokenFactsOf(token: TransientToken): TransientTokenFacts {
  return {
    shortId: shortenId(token.jti),
    type: token.type,
    issuer: token.claims.iss,
    issuedAt: token.issuedAt,
    expiresAt: token.expiresAt,
  }
}

/**
 * The safe facts of a tokenized flow beyond its steps and capture context: the token's, the keyed
 * card's (masked) and the emulator's record of the token (field names only).
 *
 * @example
 * ```ts
 * tokenizedFacts(token, values.get('paymentInformation.card.number'), record).token.shortId
 * ```
 */
export function tokenizedFacts(
  token: TransientToken,
  cardNumber: string | undefined,
  record: EmulatorTokenRecord | undefined,
): Pick<
  Extract<TokenizationReport, { outcome: 'tokenized' }>,
  'token' | 'keyedCard' | 'emulatorRecord'
> {
  return {
    token: tokenFactsOf(token),
    ...(cardNumber
      ? {
          keyedCard: {
            brand: detectCardBrand(cardNumber),
            maskedNumber: maskCardNumber(cardNumber),
          },
        }
      : {}),
    ...(record
      ? {
          emulatorRecord: {
            ...(record.maskedCard?.maskedNumber
              ? { maskedNumber: record.maskedCard.maskedNumber }
              : {}),
            ...(record.maskedCard?.brand ? { brand: record.maskedCard.brand } : {}),
            fields: readRecordFields(record.fields),
          },
        }
      : {}),
  }
}
