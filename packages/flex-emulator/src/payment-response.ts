import { formatAmount } from './payment-amount.js'
import type { FollowOnRecord, PaymentRecord } from './payment-record.js'
import { formatSubmitTime } from './payment-refusal.js'
import type { AuthorizationOutcome } from './payment-triggers.js'

const link = (href: string, method: 'GET' | 'POST') => ({ href, method })

function reference(code: string | undefined, transactionId: string | undefined): object {
  return {
    clientReferenceInformation: {
      ...(code === undefined ? {} : { code }),
      ...(transactionId === undefined ? {} : { transactionId }),
    },
  }
}

/** The 201 body of `POST /pts/v2/payments` (`PtsV2PaymentsPost201Response`). */
export function authorizationBody(
  payment: PaymentRecord,
  outcome: AuthorizationOutcome,
  extra: { code?: string; reconciliationId: string; approvalCode: string; networkId: string },
): object {
  const { id, currency } = payment
  const declined = outcome.status === 'DECLINED'
  return {
    _links: {
      self: link(`/pts/v2/payments/${id}`, 'GET'),
      ...(declined
        ? {}
        : {
            capture: link(`/pts/v2/payments/${id}/captures`, 'POST'),
            reversal: link(`/pts/v2/payments/${id}/reversals`, 'POST'),
          }),
    },
    id,
    submitTimeUtc: formatSubmitTime(payment.createdAt),
    status: outcome.status,
    reconciliationId: extra.reconciliationId,
    ...(outcome.reason === undefined
      ? {}
      : { errorInformation: { reason: outcome.reason, message: outcome.message } }),
    ...reference(extra.code, payment.transactionId),
    processorInformation: {
      ...(declined ? {} : { approvalCode: extra.approvalCode }),
      responseCode: outcome.responseCode,
      transactionId: extra.networkId,
      networkTransactionId: extra.networkId,
      avs: { code: outcome.avsCode, codeRaw: outcome.avsCode },
      ...(outcome.cvnCode === undefined
        ? {}
        : { cardVerification: { resultCode: outcome.cvnCode, resultCodeRaw: outcome.cvnCode } }),
    },
    orderInformation: {
      amountDetails: {
        totalAmount: formatAmount(payment.requestedMinor, currency),
        ...(declined ? {} : { authorizedAmount: formatAmount(payment.authorizedMinor, currency) }),
        currency,
      },
    },
  }
}

/** The 201 body of a capture or a refund (`PtsV2PaymentsCapturesPost201Response`, `…RefundPost…`). */
export function followOnBody(
  payment: PaymentRecord,
  followOn: FollowOnRecord,
  extra: { code?: string; reconciliationId: string },
): object {
  const { id, kind } = followOn
  const plural = kind === 'capture' ? 'captures' : 'refunds'
  const amount = formatAmount(followOn.minor, payment.currency)
  return {
    _links: {
      self: link(`/pts/v2/${plural}/${id}`, 'GET'),
      void: link(`/pts/v2/${plural}/${id}/voids`, 'POST'),
      ...(kind === 'capture' ? { refund: link(`/pts/v2/captures/${id}/refunds`, 'POST') } : {}),
    },
    id,
    submitTimeUtc: formatSubmitTime(followOn.submittedAt),
    status: 'PENDING',
    reconciliationId: extra.reconciliationId,
    ...reference(extra.code, followOn.transactionId),
    ...(kind === 'refund'
      ? { refundAmountDetails: { refundAmount: amount, currency: payment.currency } }
      : {}),
    orderInformation: {
      amountDetails: {
        ...(kind === 'capture' ? { totalAmount: amount } : {}),
        currency: payment.currency,
      },
    },
  }
}

/** The 201 body of a reversal or a void (`PtsV2PaymentsReversalsPost201Response`, `…Voids…`). */
export function reversalOrVoidBody(
  kind: 'reversal' | 'void',
  input: {
    id: string
    at: Date
    code?: string
    minor: bigint
    originalMinor: bigint
    currency: string
  },
): object {
  const amount = formatAmount(input.minor, input.currency)
  const original = formatAmount(input.originalMinor, input.currency)
  return {
    _links: {
      self: link(`/pts/v2/${kind === 'reversal' ? 'reversals' : 'voids'}/${input.id}`, 'GET'),
    },
    id: input.id,
    submitTimeUtc: formatSubmitTime(input.at),
    status: kind === 'reversal' ? 'REVERSED' : 'VOIDED',
    ...reference(input.code, undefined),
    ...(kind === 'reversal'
      ? {
          reversalAmountDetails: {
            reversedAmount: amount,
            originalTransactionAmount: original,
            currency: input.currency,
          },
          processorInformation: { responseCode: '00' },
        }
      : {
          voidAmountDetails: {
            voidAmount: amount,
            originalTransactionAmount: original,
            currency: input.currency,
          },
        }),
  }
}
