import { SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { readPaymentAnswer } from './read-payment-answer.js'

const pan = SENTINEL_CARD_NUMBERS[0] as string
const grouped = (separator: string) => (pan.match(/.{1,4}/g) ?? []).join(separator)

function read(body: Record<string, unknown>) {
  return readPaymentAnswer({
    operation: 'authorizePayment',
    path: '/pts/v2/payments',
    response: { status: 201, body, correlationId: undefined },
    statuses: ['DECLINED'] as const,
    transactionId: 'tx-1',
  })
}

describe('readPaymentAnswer', () => {
  it('keeps a reason and a time that are short codes', () => {
    const answer = read({
      id: '7000000000000000000001',
      status: 'DECLINED',
      submitTimeUtc: '2026-12-05T21:12:24Z',
      errorInformation: { reason: 'INSUFFICIENT_FUND' },
    })
    expect(answer.reason).toBe('INSUFFICIENT_FUND')
    expect(answer.base.submitTimeUtc).toBe('2026-12-05T21:12:24Z')
  })

  it('drops a reason or a time that holds a card-like digit run, with or without separators', () => {
    for (const digits of [pan, grouped('_')]) {
      const answer = read({
        id: '7000000000000000000001',
        status: 'DECLINED',
        submitTimeUtc: grouped(':'),
        errorInformation: { reason: `R_${digits}` },
      })
      expect(answer.reason).toBeUndefined()
      expect(answer.base.submitTimeUtc).toBeUndefined()
    }
  })

  it('keeps the processor codes a receipt shows: approval, response, AVS and CVN results', () => {
    const answer = read({
      id: '7000000000000000000001',
      status: 'DECLINED',
      processorInformation: {
        approvalCode: '831000',
        responseCode: '00',
        avs: { code: 'Y', codeRaw: 'Y' },
        cardVerification: { resultCode: 'M', resultCodeRaw: 'M' },
        transactionId: '558196000003814',
      },
    })
    expect(answer.base.processor).toStrictEqual({
      approvalCode: '831000',
      responseCode: '00',
      avsCode: 'Y',
      cvnCode: 'M',
    })
  })

  it('keeps the documented shapes of other processors: OFFLINE, aa,bb and 2:R06', () => {
    const elavon = read({
      id: '1',
      status: 'DECLINED',
      processorInformation: { approvalCode: 'OFFLINE' },
    })
    expect(elavon.base.processor).toStrictEqual({ approvalCode: 'OFFLINE' })
    for (const responseCode of ['05,51', '2:R06']) {
      const answer = read({ id: '1', status: 'DECLINED', processorInformation: { responseCode } })
      expect(answer.base.processor).toStrictEqual({ responseCode })
    }
  })

  it('drops processor members of another shape: card numbers, free text, objects, long codes', () => {
    const answer = read({
      id: '7000000000000000000001',
      status: 'DECLINED',
      processorInformation: {
        approvalCode: pan,
        responseCode: 'Do not honour',
        avs: { code: { nested: 'Y' } },
        cardVerification: { resultCode: 'MATCH' },
      },
    })
    expect(answer.base).not.toHaveProperty('processor')
    expect(
      read({ id: '1', status: 'DECLINED', processorInformation: 'Y' }).base,
    ).not.toHaveProperty('processor')
    expect(read({ id: '1', status: 'DECLINED' }).base).not.toHaveProperty('processor')
  })
})
