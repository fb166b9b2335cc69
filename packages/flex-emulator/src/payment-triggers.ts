/** What the emulated processor answers to an authorization. */
export interface AuthorizationOutcome {
  status: 'AUTHORIZED' | 'PARTIAL_AUTHORIZED' | 'AUTHORIZED_PENDING_REVIEW' | 'DECLINED'
  /** `errorInformation.reason` when not plainly authorized. */
  reason?: string
  message?: string
  /** `processorInformation.responseCode` (ISO 8583 style). */
  responseCode: string
  /** `processorInformation.avs.code`. */
  avsCode: string
  /** `processorInformation.cardVerification.resultCode`, when a security code was captured. */
  cvnCode?: string
}

interface Trigger {
  outcome: Omit<AuthorizationOutcome, 'avsCode' | 'cvnCode'> & {
    avsCode?: string
    cvnCode?: string
  }
}

/**
 * The test triggers, by the amount in minor units of any currency (20.01 USD, 2001 JPY,
 * 2.001 BHD): the README's "Payments" table lists them.
 */
export const PAYMENT_TRIGGERS: ReadonlyMap<bigint, Trigger> = new Map([
  [
    2001n,
    {
      outcome: {
        status: 'DECLINED',
        reason: 'INSUFFICIENT_FUND',
        message: 'Decline - Insufficient funds in the account.',
        responseCode: '51',
      },
    },
  ],
  [
    2002n,
    {
      outcome: {
        status: 'DECLINED',
        reason: 'EXPIRED_CARD',
        message: 'Decline - Expired card.',
        responseCode: '54',
      },
    },
  ],
  [
    2003n,
    {
      outcome: {
        status: 'DECLINED',
        reason: 'CVN_NOT_MATCH',
        message: 'Decline - The security code does not match.',
        responseCode: '00',
        cvnCode: 'N',
      },
    },
  ],
  [
    2004n,
    {
      outcome: {
        status: 'DECLINED',
        reason: 'STOLEN_LOST_CARD',
        message: 'Decline - Stolen or lost card.',
        responseCode: '43',
      },
    },
  ],
  [
    2005n,
    {
      outcome: {
        status: 'DECLINED',
        reason: 'PROCESSOR_DECLINED',
        message: 'Decline - General decline of the card.',
        responseCode: '05',
      },
    },
  ],
  [
    2006n,
    {
      outcome: {
        status: 'DECLINED',
        reason: 'AVS_FAILED',
        message: 'Decline - The address does not match.',
        responseCode: '00',
        avsCode: 'N',
      },
    },
  ],
  [
    2007n,
    {
      outcome: {
        status: 'AUTHORIZED_PENDING_REVIEW',
        reason: 'DECISION_PROFILE_REVIEW',
        message: 'Decision is REVIEW.',
        responseCode: '00',
      },
    },
  ],
  [2008n, { outcome: { status: 'PARTIAL_AUTHORIZED', responseCode: '10' } }],
])

/** A card verification result the processor gives for a security code (`processorInformation.cardVerification.resultCode`). */
export type CardVerificationResult = 'M' | 'N' | 'P' | 'S' | 'U'

interface SecurityCodeTrigger {
  cvnCode: CardVerificationResult
  declined: boolean
  message: string
}

/**
 * The test security codes of Cybersource's "CyberSource through VisaNet" CVV test table
 * (docs/protocol.md 14.9); every other code matches (`M`).
 */
export const SECURITY_CODE_TRIGGERS: ReadonlyMap<string, SecurityCodeTrigger> = new Map([
  ['002', { cvnCode: 'N', declined: true, message: 'Decline - The security code does not match.' }],
  [
    '003',
    { cvnCode: 'P', declined: false, message: 'Approved - The security code was not processed.' },
  ],
  [
    '004',
    {
      cvnCode: 'S',
      declined: false,
      message: 'Approved - The security code should be on the card but was not given.',
    },
  ],
  [
    '005',
    {
      cvnCode: 'U',
      declined: false,
      message: 'Approved - The issuer does not check security codes.',
    },
  ],
])

/**
 * The verification result a security code gets: a trigger's (`'0002'` reads as `'002'`, for
 * four-digit codes) or `M`. Only this mark is kept of a token's security code, never the code.
 */
export function cardVerificationResultOf(securityCode: string): CardVerificationResult {
  const digits =
    securityCode.length === 4 && securityCode.startsWith('0') ? securityCode.slice(1) : securityCode
  return SECURITY_CODE_TRIGGERS.get(digits)?.cvnCode ?? 'M'
}

const CVN_DECLINE = {
  status: 'DECLINED',
  reason: 'CVN_NOT_MATCH',
  message: 'Decline - The security code does not match.',
  responseCode: '00',
} as const

const EXPIRED = {
  status: 'DECLINED',
  reason: 'EXPIRED_CARD',
  message: 'Decline - Expired card.',
  responseCode: '54',
} as const

/**
 * The processor's answer to an authorization of `minor` units, from what the emulator knows:
 * whether the card has expired, the amount (the triggers), the verification result of the
 * security code when one was given, whether a billing postal code was given.
 */
export function decideAuthorization(input: {
  minor: bigint
  cvnResult: CardVerificationResult | undefined
  hasBillingPostalCode: boolean
  cardExpired?: boolean
}): AuthorizationOutcome {
  const amountTrigger = PAYMENT_TRIGGERS.get(input.minor)?.outcome
  const trigger =
    input.cardExpired === true
      ? EXPIRED
      : (amountTrigger ?? (input.cvnResult === 'N' ? CVN_DECLINE : undefined))
  const avsCode = amountTrigger?.avsCode ?? (input.hasBillingPostalCode ? 'Y' : 'U')
  const cvnCode = amountTrigger?.cvnCode ?? input.cvnResult
  const codes = { avsCode, ...(cvnCode ? { cvnCode } : {}) }
  if (!trigger) return { status: 'AUTHORIZED', responseCode: '00', ...codes }
  return { ...trigger, ...codes }
}

/** The amount a partial approval grants: half the request, rounded down to a minor unit. */
export function partiallyAuthorized(minor: bigint): bigint {
  return minor / 2n
}
