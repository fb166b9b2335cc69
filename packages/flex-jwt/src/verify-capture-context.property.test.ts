import fc from 'fast-check'
import type { CaptureContext } from 'flex-types'
import { FLEX_ERROR_CODES, FlexCaptureContextError } from 'flex-types'
import { renderThrown } from 'test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { createPublicKeyResolver, type PublicKeyResolver } from './create-public-key-resolver.js'
import { FlexVerificationError } from './errors.js'
import {
  AT_NOW,
  captureContextClaims,
  createTestKeys,
  NOW,
  serveKeys,
  signCaptureContext,
  signJws,
  signTransientToken,
  TEST_ORIGIN,
  type TestKeys,
} from './test/tokens.js'
import { verifyCaptureContext } from './verify-capture-context.js'
import { verifyTransientToken } from './verify-transient-token.js'

const CODES = new Set<string>(Object.values(FLEX_ERROR_CODES))
let keys: TestKeys
let resolver: PublicKeyResolver
let captureContextJwt: string
let transientJwt: string
let captureContext: CaptureContext

beforeAll(async () => {
  keys = await createTestKeys()
  resolver = createPublicKeyResolver({
    origin: TEST_ORIGIN,
    fetch: serveKeys({ zu: keys.longTerm.publicJwk }),
  })
  captureContextJwt = await signCaptureContext(keys)
  transientJwt = await signTransientToken(keys)
  captureContext = await verifyCaptureContext(captureContextJwt, {
    keys: resolver,
    currentDate: AT_NOW,
  })
})

const characters = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ %\u00e9\u0000',
)

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), character: characters }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), character: characters }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    bit: fc.integer({ min: 0, max: 5 }),
  }),
)

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function mutate(token: string, change: Mutation): string {
  const at = change.at % token.length
  switch (change.kind) {
    case 'replace':
      return `${token.slice(0, at)}${change.character}${token.slice(at + 1)}`
    case 'insert':
      return `${token.slice(0, at)}${change.character}${token.slice(at)}`
    case 'delete':
      return `${token.slice(0, at)}${token.slice(at + change.length)}`
    case 'flip': {
      const index = ALPHABET.indexOf(token.charAt(at))
      if (index < 0) return `${token.slice(0, at)}${token.slice(at + 1)}`
      return `${token.slice(0, at)}${ALPHABET.charAt(index ^ (1 << change.bit))}${token.slice(at + 1)}`
    }
  }
}

async function outcome(verify: () => Promise<unknown>): Promise<unknown> {
  return verify().then(
    () => 'verified',
    (error: unknown) => error,
  )
}

function expectCodedFlexError(error: unknown): void {
  expect(FlexVerificationError.isInstance(error) || FlexCaptureContextError.isInstance(error)).toBe(
    true,
  )
  expect(CODES.has((error as FlexVerificationError).code)).toBe(true)
  expect((error as Error).cause).toBeUndefined()
}

describe('property tests', () => {
  it('a mutated capture context never verifies and only throws coded FlexErrors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (changes) => {
        const mutated = changes.reduce(mutate, captureContextJwt)
        fc.pre(mutated !== captureContextJwt)
        const result = await outcome(() =>
          verifyCaptureContext(mutated, { keys: resolver, currentDate: AT_NOW }),
        )
        expect(result).not.toBe('verified')
        expectCodedFlexError(result)
      }),
      { numRuns: 400 },
    )
  })

  it('a mutated transient token never verifies and only throws coded FlexErrors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (changes) => {
        const mutated = changes.reduce(mutate, transientJwt)
        fc.pre(mutated !== transientJwt)
        const result = await outcome(() =>
          verifyTransientToken(mutated, { captureContext, currentDate: AT_NOW }),
        )
        expect(result).not.toBe('verified')
        expectCodedFlexError(result)
      }),
      { numRuns: 300 },
    )
  })

  it('no thrown error, rendered any way, contains a claim value', async () => {
    const secret = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'),
      minLength: 12,
      maxLength: 20,
    })
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          iss: fc.oneof(fc.constant('Flex API'), secret),
          jti: secret,
          data: secret,
          origin: secret.map((host) => `https://${host.toLowerCase()}.example`),
          type: fc.oneof(fc.constant('api-0.1.0'), secret),
          field: secret,
          iat: fc.integer({ min: NOW - 5_000, max: NOW + 5_000 }),
          lifetime: fc.integer({ min: -100, max: 2_000 }),
          card: fc.constantFrom('4111111111111111', '5555555555554444'),
        }),
        fc.constantFrom('capture-context', 'transient-token', 'transient-as-context'),
        async (values, kind) => {
          const base = captureContextClaims(keys.oneTimeJwk)
          const claims =
            kind === 'capture-context'
              ? {
                  ...base,
                  iss: values.iss,
                  jti: values.jti,
                  iat: values.iat,
                  exp: values.iat + values.lifetime,
                  flx: { ...(base.flx as object), data: values.data, origin: values.origin },
                  ctx: [
                    {
                      type: values.type,
                      data: { requiredFields: [values.field], card: values.card },
                    },
                  ],
                }
              : {
                  iss: kind === 'transient-token' ? values.iss : 'Flex/00',
                  jti: values.jti,
                  type: values.type,
                  iat: values.iat,
                  exp: values.iat + values.lifetime,
                  data: { number: values.card, note: values.data },
                }
          const transient = kind !== 'capture-context'
          const jwt = await signJws(
            {
              kid: transient && kind === 'transient-token' ? keys.oneTimeJwk.kid : 'zu',
              alg: 'RS256',
            },
            claims,
            transient && kind === 'transient-token'
              ? keys.oneTime.privateKey
              : keys.longTerm.privateKey,
          )
          const result = await outcome(() =>
            kind === 'transient-token'
              ? verifyTransientToken(jwt, { captureContext, currentDate: AT_NOW })
              : verifyCaptureContext(jwt, { keys: resolver, currentDate: AT_NOW }),
          )
          if (result === 'verified') return
          expectCodedFlexError(result)
          const rendered = renderThrown(result)
          const claimValues = [
            values.jti,
            values.data,
            values.origin,
            values.field,
            values.card,
            String(values.iat),
            String(values.iat + values.lifetime),
            jwt.split('.')[1] as string,
          ]
          if (values.iss !== 'Flex API') claimValues.push(values.iss)
          if (values.type !== 'api-0.1.0') claimValues.push(values.type)
          for (const value of claimValues)
            expect(rendered.includes(value), 'a claim value leaked').toBe(false)
        },
      ),
      { numRuns: 120 },
    )
  })
})
