import type { PaymentsClient } from 'flex-payments'

/** What the processor said about an authorization, each checked against its shape. */
export interface ProcessorFacts {
  approvalCode?: string
  avsCode?: string
  cvnCode?: string
}

const APPROVAL_CODE = /^[A-Za-z0-9]{1,10}$/
const RESULT_CODE = /^[A-Za-z0-9]{1,3}$/

function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function shaped(value: unknown, shape: RegExp): string | undefined {
  return typeof value === 'string' && shape.test(value) ? value : undefined
}

/**
 * Reads `processorInformation` (approval code, AVS and CVN results) of the next answer the client
 * gets: flex-payments keeps only ids, statuses and amounts of an answer, and a receipt shows these
 * too. Only short codes of the expected shape are kept, never free text.
 *
 * @example
 * ```ts
 * const recorder = recordProcessorFacts(client)
 * await authorizePayment(recorder.client, options)
 * recorder.facts() // { approvalCode: '831000', avsCode: 'Y', cvnCode: 'M' }
 * ```
 */
export function recordProcessorFacts(client: PaymentsClient): {
  client: PaymentsClient
  facts: () => ProcessorFacts
} {
  let facts: ProcessorFacts = {}
  return {
    client: {
      origin: client.origin,
      request: async (options) => {
        const response = await client.request(options)
        const processor = member(response.body, 'processorInformation')
        const approvalCode = shaped(member(processor, 'approvalCode'), APPROVAL_CODE)
        const avsCode = shaped(member(member(processor, 'avs'), 'code'), RESULT_CODE)
        const cvnCode = shaped(
          member(member(processor, 'cardVerification'), 'resultCode'),
          RESULT_CODE,
        )
        facts = {
          ...(approvalCode ? { approvalCode } : {}),
          ...(avsCode ? { avsCode } : {}),
          ...(cvnCode ? { cvnCode } : {}),
        }
        return response
      },
    },
    facts: () => facts,
  }
}
