import {
  type CaptureContext,
  type CardBrand,
  detectCardBrand,
  FLEX_ERROR_CODES,
  type FlexFieldIssue,
  type FlexFieldPath,
  FlexValidationError,
  maskCardNumber,
  validatePaymentData,
} from 'flex-types'
import { decodeBase64Url } from 'flex-types/internal'
import { type DescribedError, describeError } from './describe-error.js'
import { type FieldSelection, toSessionFields } from './field-selection.js'
import type { FlexFunctions } from './flex-functions.js'
import { verifyAndConsume, verifyForReference } from './verify-and-consume.js'

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
interface StepReport {
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
interface EncryptionFacts {
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

function readEncryptionFacts(jwe: string): EncryptionFacts {
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

/** The customer data of one submission, keyed by field path, as typed. */
export type SubmittedValues = ReadonlyMap<FlexFieldPath, string>

/** The form being submitted: its reference, and how to pay when it takes a payment. */
export interface FlowSubmission {
  /** The form's reference: its capture context is saved with it, and the token must carry it. */
  reference: string
  now: Date
  pay?: PayWithToken | undefined
}

/** Pays with the verified token; the flow's last step, timed like the others. */
type PayWithToken = (transientToken: string, captureContext: CaptureContext) => Promise<void>

/**
 * Runs the whole Flex flow for one submission: check the data against the selection, create a
 * session, verify its capture context and save it in the store with the form's reference,
 * encrypt, create the transient token and verify it through the store (its context found by kid,
 * its reference the form's), then, when `pay` is given, consume it (once across the fleet) and
 * pay with it, timing each step. Never throws for a failing step: the report says which step
 * failed and why.
 *
 * @example
 * ```ts
 * const report = await runTokenizationFlow(functions, selection, values, { reference, now })
 * if (report.outcome === 'tokenized') console.log(report.token.shortId)
 * ```
 */
export async function runTokenizationFlow(
  functions: FlexFunctions,
  selection: FieldSelection,
  values: SubmittedValues,
  { reference, now, pay }: FlowSubmission,
): Promise<TokenizationReport> {
  const checked = validatePaymentData(Object.fromEntries(values), {
    requiredFields: selection.required,
    optionalFields: selection.optional,
    currentDate: now,
  })
  if (checked.issues.length > 0) return { outcome: 'invalid', issues: checked.issues, steps: [] }

  const steps: StepReport[] = []
  let captureContextFacts: CaptureContextFacts | undefined
  let encryptionFacts: EncryptionFacts | undefined
  async function step<Result>(name: FlowStep, run: () => Promise<Result>): Promise<Result> {
    const started = performance.now()
    try {
      const result = await run()
      steps.push({ step: name, durationMs: performance.now() - started, ok: true })
      return result
    } catch (error) {
      steps.push({ step: name, durationMs: performance.now() - started, ok: false })
      throw new StepFailure(name, error)
    }
  }

  try {
    const captureContextJwt = await step('session', () =>
      functions.createSession(toSessionFields(selection)),
    )
    const captureContext = await step('verify-capture-context', async () => {
      const verified = await functions.verifyCaptureContext(captureContextJwt)
      await functions.saveCaptureContext(verified, reference)
      return verified
    })
    captureContextFacts = factsOf(captureContext)
    const jwe = await step('encrypt', () =>
      functions.encryptPaymentData(captureContext, checked.data),
    )
    encryptionFacts = readEncryptionFacts(jwe)
    const transientTokenJwt = await step('tokenize', () =>
      functions.createTransientToken(captureContext, jwe),
    )
    const token = await step('verify-transient-token', () =>
      (pay ? verifyAndConsume : verifyForReference)(functions, transientTokenJwt, reference),
    )
    if (pay) await step('pay', () => pay(transientTokenJwt, token.captureContext))
    const cardNumber = values.get('paymentInformation.card.number')
    const record = await functions.inspectTransientToken?.(token.jti)
    return {
      outcome: 'tokenized',
      steps,
      captureContext: captureContextFacts,
      encryption: encryptionFacts,
      token: {
        shortId: shortenId(token.jti),
        type: token.type,
        issuer: token.claims.iss,
        issuedAt: token.issuedAt,
        expiresAt: token.expiresAt,
      },
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
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error
    if (
      FlexValidationError.isInstance(error.cause) &&
      error.cause.code === FLEX_ERROR_CODES.DATA_INVALID
    ) {
      return { outcome: 'invalid', issues: error.cause.issues, steps }
    }
    return {
      outcome: 'failed',
      steps,
      failedStep: error.step,
      error: describeError(error.cause),
      ...(captureContextFacts ? { captureContext: captureContextFacts } : {}),
      ...(encryptionFacts ? { encryption: encryptionFacts } : {}),
    }
  }
}

class StepFailure extends Error {
  override readonly name: string = 'StepFailure'
  readonly step: FlowStep

  constructor(step: FlowStep, cause: unknown) {
    super(`step ${step} failed`, { cause })
    this.step = step
  }
}
