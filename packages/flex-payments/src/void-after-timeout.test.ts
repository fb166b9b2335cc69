import { FlexValidationError } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { created, createFakePaymentsClient } from './test/fake-payments-client.js'
import { voidAfterTimeout } from './void-after-timeout.js'

describe('voidAfterTimeout', () => {
  it('posts the transactionId to /pts/v2/voids, as the official sample does', async () => {
    const client = createFakePaymentsClient([
      created({ id: '7000000000000000000007', status: 'VOIDED' }),
    ])
    const result = await voidAfterTimeout(client, { transactionId: 'sale-3' })
    expect(client.calls).toEqual([
      {
        method: 'POST',
        path: '/pts/v2/voids',
        operation: 'voidAfterTimeout',
        body: { clientReferenceInformation: { transactionId: 'sale-3' } },
      },
    ])
    expect(result).toMatchObject({ status: 'VOIDED', transactionId: 'sale-3' })
  })

  it('refuses an unsafe transactionId before any request', async () => {
    const client = createFakePaymentsClient()
    const error = await voidAfterTimeout(client, { transactionId: '' }).catch(
      (caught: unknown) => caught,
    )
    expect(client.calls).toEqual([])
    expect(FlexValidationError.isInstance(error)).toBe(true)
  })
})
