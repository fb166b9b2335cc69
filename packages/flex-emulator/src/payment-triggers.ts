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

/**
 * The processor's answer to an authorization of `minor` units, from what the emulator knows:
 * the amount (the triggers), whether the token carried a security code, whether the request
 * gave a billing postal code.
 */
export function decideAuthorization(input: {
  minor: bigint
  hasSecurityCode: boolean
  hasBillingPostalCode: boolean
}): AuthorizationOutcome {
  const trigger = PAYMENT_TRIGGERS.get(input.minor)?.outcome
  const avsCode = trigger?.avsCode ?? (input.hasBillingPostalCode ? 'Y' : 'U')
  const cvnCode = trigger?.cvnCode ?? (input.hasSecurityCode ? 'M' : undefined)
  if (!trigger)
    return { status: 'AUTHORIZED', responseCode: '00', avsCode, ...(cvnCode ? { cvnCode } : {}) }
  return { ...trigger, avsCode, ...(cvnCode ? { cvnCode } : {}) }
}

/** The amount a partial approval grants: half the request, rounded down to a minor unit. */
export function partiallyAuthorized(minor: bigint): bigint {
  return minor / 2n
}
