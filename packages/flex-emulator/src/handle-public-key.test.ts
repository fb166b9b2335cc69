import { expectNoSensitiveData, SENTINEL_CARD_NUMBERS } from 'test-utils'
import { describe, expect, it, vi } from 'vitest'
import { createCaptureContext, verifyWithJwk } from './testing/flow.js'
import { useEmulator } from './testing/use-emulator.js'

const running = useEmulator()
const { lines } = running

describe('GET /flex/v2/public-keys/{kid}', () => {
  it('serves the bare JWK in the documented member order, unauthenticated', async () => {
    const [kid] = running.emulator.signingKeyIds()
    const response = await fetch(`${running.emulator.url}/flex/v2/public-keys/${kid}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const jwk = await response.json()
    expect(Object.keys(jwk)).toEqual(['kty', 'use', 'kid', 'n', 'e'])
    expect(jwk).toMatchObject({ kty: 'RSA', use: 'enc', kid, e: 'AQAB' })
    expect(jwk.d).toBeUndefined()
    expect(kid).toMatch(/^[a-z0-9]{2}$/)
  })

  it('answers 404 for unknown or odd kids', async () => {
    for (const kid of ['zz-unknown', '..%2F..', '%E0%A4%A', 'a%00b']) {
      const response = await fetch(`${running.emulator.url}/flex/v2/public-keys/${kid}`)
      expect(response.status).toBe(404)
      expect((await response.json()).reason).toBe('NOT_FOUND')
    }
  })

  it('rotates: new contexts use the new kid, old contexts keep verifying', async () => {
    const before = await createCaptureContext(running.emulator)
    const oldKid = running.emulator.signingKeyIds()[0] as string
    const newKid = await running.emulator.rotateSigningKey()
    expect(newKid).not.toBe(oldKid)
    expect(running.emulator.signingKeyIds()).toEqual([oldKid, newKid])
    const after = await createCaptureContext(running.emulator)
    const kidOf = (jwt: string) =>
      JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()).kid
    expect(kidOf(before)).toBe(oldKid)
    expect(kidOf(after)).toBe(newKid)
    for (const [jwt, kid] of [
      [before, oldKid],
      [after, newKid],
    ] as const) {
      const jwk = await (await fetch(`${running.emulator.url}/flex/v2/public-keys/${kid}`)).json()
      await expect(verifyWithJwk(jwt, jwk)).resolves.toHaveProperty('jti')
    }
  })

  it('logs known kids and routes only, never a path the caller typed', async () => {
    const [kid] = running.emulator.signingKeyIds()
    const pan = SENTINEL_CARD_NUMBERS[0] as string
    for (const path of [`/flex/v2/public-keys/${pan}`, `/flex/v2/${pan}`, `/${pan}?q=${pan}`]) {
      expect((await fetch(`${running.emulator.url}${path}`)).status).toBe(404)
    }
    await fetch(`${running.emulator.url}/flex/v2/public-keys/${kid}`)
    await vi.waitFor(
      () =>
        expect(lines.slice(-4).map((line) => line.replace(/ \d+ms$/, ''))).toEqual([
          'GET /flex/v2/public-keys/<unknown kid> 404 NOT_FOUND',
          'GET <unknown path> 404 NOT_FOUND',
          'GET <unknown path> 404 NOT_FOUND',
          `GET /flex/v2/public-keys/${kid} 200`,
        ]),
      { timeout: 30_000 },
    )
    expectNoSensitiveData(lines.join('\n'))
  })
})
