import { describe, expect, it } from 'vitest'
import { recordProcessorFacts } from './record-processor-facts.js'

function clientAnswering(body: unknown) {
  return {
    origin: 'http://127.0.0.1:4010',
    request: async () => ({ status: 201, body, correlationId: 'c-1' }),
  }
}

describe('recordProcessorFacts', () => {
  it('keeps the approval code, AVS and CVN results, and passes the answer on unchanged', async () => {
    const body = {
      status: 'AUTHORIZED',
      processorInformation: {
        approvalCode: '831000',
        avs: { code: 'Y' },
        cardVerification: { resultCode: 'M' },
      },
    }
    const recorder = recordProcessorFacts(clientAnswering(body))
    expect(recorder.client.origin).toBe('http://127.0.0.1:4010')
    const answer = await recorder.client.request({ method: 'POST', path: '/pts/v2/payments' })
    expect(answer.body).toBe(body)
    expect(recorder.facts()).toEqual({ approvalCode: '831000', avsCode: 'Y', cvnCode: 'M' })
  })

  it('drops members of another shape: free text, card numbers, objects', async () => {
    const recorder = recordProcessorFacts(
      clientAnswering({
        processorInformation: {
          approvalCode: '4111 1111 1111 1111',
          avs: { code: 'no match at all' },
          cardVerification: { resultCode: { nested: true } },
        },
      }),
    )
    await recorder.client.request({ method: 'POST', path: '/pts/v2/payments' })
    expect(recorder.facts()).toEqual({})
  })

  it('has no facts for an answer without processorInformation', async () => {
    const recorder = recordProcessorFacts(clientAnswering(undefined))
    await recorder.client.request({ method: 'POST', path: '/pts/v2/payments' })
    expect(recorder.facts()).toEqual({})
  })
})
