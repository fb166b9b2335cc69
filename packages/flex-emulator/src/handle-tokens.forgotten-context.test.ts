import { describe, expect, it } from 'vitest'
import { cardData, createCaptureContext, encryptFor, tokenize } from './testing/flow.js'
import { useEmulator } from './testing/use-emulator.js'

const running = useEmulator({ maxCaptureContexts: 2 })

async function reasonOf(response: Response): Promise<string> {
  expect(response.status).toBe(400)
  return (await response.json()).reason
}

describe('a capture context forgotten past maxCaptureContexts', () => {
  it('is answered CAPTURE_CONTEXT_EXPIRED, in both body forms, while newer ones still work', async () => {
    const oldest = await createCaptureContext(running.emulator)
    const kept = await createCaptureContext(running.emulator)
    await createCaptureContext(running.emulator)
    const payload = (context: string) => ({ data: cardData(), context, index: 0 })
    const forgotten = await encryptFor(oldest, payload(oldest))
    expect(await reasonOf(await tokenize(running.emulator, forgotten))).toBe(
      'CAPTURE_CONTEXT_EXPIRED',
    )
    expect(await reasonOf(await tokenize(running.emulator, forgotten, 'json'))).toBe(
      'CAPTURE_CONTEXT_EXPIRED',
    )
    expect((await tokenize(running.emulator, await encryptFor(kept, payload(kept)))).status).toBe(
      201,
    )
  })

  it('refuses a JWE header it does not accept with CREATE_TOKEN_DECRYPTION, forgotten or not', async () => {
    const oldest = await createCaptureContext(running.emulator)
    await createCaptureContext(running.emulator)
    await createCaptureContext(running.emulator)
    const extraMember = await encryptFor(
      oldest,
      { data: cardData(), context: oldest, index: 0 },
      { header: { cty: 'JWT' } },
    )
    expect(await reasonOf(await tokenize(running.emulator, extraMember))).toBe(
      'CREATE_TOKEN_DECRYPTION',
    )
  })

  it('leaves the answer for a kid never issued, or an unreadable body, as it was', async () => {
    const context = await createCaptureContext(running.emulator)
    const foreign = await encryptFor(
      context,
      { data: cardData(), context, index: 0 },
      {
        header: { kid: 'never-issued-here' },
      },
    )
    expect(await reasonOf(await tokenize(running.emulator, foreign))).toBe(
      'CREATE_TOKEN_DECRYPTION',
    )
    expect(await reasonOf(await tokenize(running.emulator, 'a.b.c.d.e'))).toBe(
      'CREATE_TOKEN_DECRYPTION',
    )
  })
})
