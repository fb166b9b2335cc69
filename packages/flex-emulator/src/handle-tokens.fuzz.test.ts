import fc from 'fast-check'
import { CompactEncrypt, importJWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FlexEmulator, startFlexEmulator } from './start-flex-emulator.js'
import { contextClaims, createCaptureContext, tokenize } from './testing/flow.js'

// The flow helpers encrypt JSON.stringify(payload): these tests encrypt raw bytes, so the
// emulator's branches for a plaintext that is not JSON, not UTF-8 or not an object are reached.
let emulator: FlexEmulator
let encrypt: (plaintext: Uint8Array) => Promise<string>
const lines: string[] = []

beforeAll(async () => {
  emulator = await startFlexEmulator({
    keyPool: { reuseKeys: true, size: 1 },
    log: (line) => lines.push(line),
  })
  encrypt = await encrypterFor(await createCaptureContext(emulator))
})
afterAll(() => emulator.close())

async function encrypterFor(context: string): Promise<(plaintext: Uint8Array) => Promise<string>> {
  const { jwk } = contextClaims(context).flx
  const key = await importJWK({ ...jwk, alg: 'RSA-OAEP-256' }, 'RSA-OAEP-256')
  return (plaintext) =>
    new CompactEncrypt(plaintext)
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: jwk.kid })
      .encrypt(key)
}

const bytes = (text: string) => new TextEncoder().encode(text)

// What the emulator must conclude about a plaintext, computed here independently.
function expectedReason(plaintext: Uint8Array): string {
  // An empty ciphertext segment is not a compact JWE the emulator decrypts.
  if (plaintext.length === 0) return 'CREATE_TOKEN_DECRYPTION'
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext))
  } catch {
    return 'API_JWE_PARSING_ERROR'
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'API_JWE_PARSING_ERROR'
  }
  return 'CAPTURE_CONTEXT_INVALID'
}

async function send(plaintext: Uint8Array): Promise<{ status: number; reason: string }> {
  const response = await tokenize(emulator, await encrypt(plaintext))
  const body = (await response.json()) as { reason: string }
  return { status: response.status, reason: body.reason }
}

describe('POST /flex/v2/tokens with encrypted plaintexts that are not a payload object', () => {
  it.each([
    ['text that is not JSON', bytes('card=4111')],
    ['truncated JSON', bytes('{"data":')],
    ['an empty plaintext', new Uint8Array(0)],
    ['a lone continuation byte', new Uint8Array([0x7b, 0x80, 0x7d])],
    ['an overlong encoding', new Uint8Array([0x22, 0xc0, 0xaf, 0x22])],
    ['an encoded surrogate', new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22])],
    ['bytes 0xfe 0xff', new Uint8Array([0xfe, 0xff, 0x7b, 0x7d])],
    ['a JSON number', bytes('42')],
    ['a JSON string', bytes('"payload"')],
    ['JSON null', bytes('null')],
    ['JSON true', bytes('true')],
    ['a JSON array', bytes('[{"data":{}}]')],
    ['20,000 nested arrays', bytes(`${'['.repeat(20_000)}${']'.repeat(20_000)}`)],
    ['20,000 unclosed nested arrays', bytes('['.repeat(20_000))],
    ['6,000 nested objects', bytes(`${'{"a":'.repeat(6_000)}1${'}'.repeat(6_000)}`)],
  ])('answers 400 with the expected reason to %s', async (_name, plaintext) => {
    const answer = await send(plaintext)
    expect(answer).toEqual({ status: 400, reason: expectedReason(plaintext) })
  })

  it('answers deep nesting inside the data with a 400 about the data', async () => {
    const context = await createCaptureContext(emulator)
    const nested = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
    const plaintext = bytes(
      `{"data":{"paymentInformation":{"card":{"number":${nested}}}},"context":"${context}"}`,
    )
    const response = await tokenize(emulator, await (await encrypterFor(context))(plaintext))
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.reason).toBe('CREATE_TOKEN_VALIDATION_SERVERSIDE')
    expect(body.details).toContainEqual({
      location: 'captureData.paymentInformation.card.number',
      message: 'must be a string',
    })
  })

  it('answers random bytes with 400 and the reason computed here, never a 5xx', async () => {
    const plaintexts = fc.oneof(
      fc.uint8Array({ maxLength: 256 }),
      fc.string({ unit: 'binary', maxLength: 64 }).map(bytes),
      fc.jsonValue().map((value) => bytes(JSON.stringify(value))),
      fc
        .tuple(fc.uint8Array({ maxLength: 8 }), fc.jsonValue())
        .map(([prefix, value]) => new Uint8Array([...prefix, ...bytes(JSON.stringify(value))])),
    )
    await fc.assert(
      fc.asyncProperty(plaintexts, async (plaintext) => {
        expect(await send(plaintext)).toEqual({ status: 400, reason: expectedReason(plaintext) })
      }),
      { numRuns: 150 },
    )
    expect(lines.filter((line) => / 5\d\d /.test(line))).toEqual([])
  })
})
