import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from './config.js'

const credentials = {
  FLEX_MERCHANT_ID: 'acme_shop',
  FLEX_KEY_ID: '08c94330-f618-42a3-b09d-e1e43be5efda',
  FLEX_SHARED_SECRET: 'c2VjcmV0LXNoYXJlZC1rZXktZm9yLXRlc3Rz',
}

function errorOf(env: Record<string, string>): ConfigError {
  try {
    readConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('readConfig accepted the environment')
}

describe('readConfig', () => {
  it('uses the emulator on port 3000 with JWT authentication when nothing is set', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      flex: { mode: 'emulator', authentication: 'jwt' },
    })
  })

  it('reads PORT, including 0 for any free port, and treats blank values as unset', () => {
    expect(readConfig({ PORT: '8080' }).port).toBe(8080)
    expect(readConfig({ PORT: '0' }).port).toBe(0)
    expect(readConfig({ PORT: '  ', FLEX_MERCHANT_ID: '' }).flex.mode).toBe('emulator')
  })

  it.each(['-1', '65536', '3000x', '80.5', 'http'])(
    'refuses PORT=%s naming the variable only',
    (port) => {
      const error = errorOf({ PORT: port })
      expect(error.variable).toBe('PORT')
      expect(error.message).toBe('PORT must be a whole number from 0 to 65535')
    },
  )

  it('defaults to the Cybersource test environment when credentials are given', () => {
    expect(readConfig(credentials)).toEqual({
      port: 3000,
      flex: {
        mode: 'remote',
        target: { environment: 'test' },
        credentials: {
          merchantId: 'acme_shop',
          keyId: credentials.FLEX_KEY_ID,
          sharedSecret: credentials.FLEX_SHARED_SECRET,
        },
        authentication: 'jwt',
      },
    })
  })

  it('reads FLEX_ENVIRONMENT, FLEX_ORIGIN and FLEX_AUTHENTICATION', () => {
    const production = readConfig({ ...credentials, FLEX_ENVIRONMENT: 'production' })
    expect(production.flex).toMatchObject({ target: { environment: 'production' } })
    const local = readConfig({
      ...credentials,
      FLEX_ORIGIN: 'http://127.0.0.1:4010/',
      FLEX_AUTHENTICATION: 'http-signature',
    })
    expect(local.flex).toMatchObject({
      target: { origin: 'http://127.0.0.1:4010' },
      authentication: 'http-signature',
    })
    expect(readConfig({ FLEX_AUTHENTICATION: 'http-signature' }).flex).toEqual({
      mode: 'emulator',
      authentication: 'http-signature',
    })
  })

  it('reads FLEX_DEMO_PUBLIC_URL as an origin, with or without credentials', () => {
    expect(readConfig({ FLEX_DEMO_PUBLIC_URL: 'https://Demo.Example.com/' }).publicUrl).toBe(
      'https://demo.example.com',
    )
    expect(
      readConfig({ ...credentials, FLEX_DEMO_PUBLIC_URL: 'http://10.0.0.5:3000' }).publicUrl,
    ).toBe('http://10.0.0.5:3000')
    expect(readConfig({})).not.toHaveProperty('publicUrl')
  })

  it('reads FLEX_DEMO_REDIS_URL: capture contexts and used tokens shared by a fleet', () => {
    expect(readConfig({ FLEX_DEMO_REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    )
    expect(
      readConfig({ ...credentials, FLEX_DEMO_REDIS_URL: 'rediss://user:pw@redis.internal:6380/2' })
        .redisUrl,
    ).toBe('rediss://user:pw@redis.internal:6380/2')
    expect(readConfig({ FLEX_DEMO_REDIS_URL: ' ' })).not.toHaveProperty('redisUrl')
    expect(readConfig({})).not.toHaveProperty('redisUrl')
  })

  it.each([
    [{ FLEX_DEMO_REDIS_URL: '127.0.0.1:6379' }, 'FLEX_DEMO_REDIS_URL'],
    [{ FLEX_DEMO_REDIS_URL: 'http://127.0.0.1:6379' }, 'FLEX_DEMO_REDIS_URL'],
    [{ FLEX_DEMO_REDIS_URL: 'redis://' }, 'FLEX_DEMO_REDIS_URL'],
    [{ FLEX_DEMO_PUBLIC_URL: 'demo.example.com' }, 'FLEX_DEMO_PUBLIC_URL'],
    [{ FLEX_DEMO_PUBLIC_URL: 'ftp://demo.example.com' }, 'FLEX_DEMO_PUBLIC_URL'],
    [{ FLEX_DEMO_PUBLIC_URL: 'https://demo.example.com/terminal' }, 'FLEX_DEMO_PUBLIC_URL'],
    [{ ...credentials, FLEX_ENVIRONMENT: 'sandbox' }, 'FLEX_ENVIRONMENT'],
    [{ ...credentials, FLEX_ORIGIN: 'apitest.cybersource.com' }, 'FLEX_ORIGIN'],
    [{ ...credentials, FLEX_ORIGIN: 'ftp://127.0.0.1' }, 'FLEX_ORIGIN'],
    [{ ...credentials, FLEX_ORIGIN: 'http://127.0.0.1:4010/flex?x=1' }, 'FLEX_ORIGIN'],
    [{ ...credentials, FLEX_ORIGIN: 'http://127.0.0.1', FLEX_ENVIRONMENT: 'test' }, 'FLEX_ORIGIN'],
    [{ ...credentials, FLEX_AUTHENTICATION: 'basic' }, 'FLEX_AUTHENTICATION'],
    [{ FLEX_ENVIRONMENT: 'test' }, 'FLEX_ENVIRONMENT'],
    [{ FLEX_ORIGIN: 'http://127.0.0.1:4010' }, 'FLEX_ORIGIN'],
    [{ ...credentials, FLEX_KEY_ID: '' }, 'FLEX_KEY_ID'],
    [{ FLEX_SHARED_SECRET: credentials.FLEX_SHARED_SECRET }, 'FLEX_MERCHANT_ID'],
    [{ ...credentials, FLEX_MERCHANT_ID: 'acme shop' }, 'FLEX_MERCHANT_ID'],
    [{ ...credentials, FLEX_KEY_ID: 'key/../x' }, 'FLEX_KEY_ID'],
    [{ ...credentials, FLEX_SHARED_SECRET: 'not base64!' }, 'FLEX_SHARED_SECRET'],
    [{ ...credentials, FLEX_SHARED_SECRET: 'abcde' }, 'FLEX_SHARED_SECRET'],
  ])('refuses case %# naming %s', (env, variable) => {
    const error = errorOf(env)
    expect(error.variable).toBe(variable)
    expect(error.name).toBe('ConfigError')
    expect(error.message.startsWith(`${variable} `)).toBe(true)
  })

  it('never puts a value into an error message', () => {
    const secret = 'U2VjcmV0VmFsdWVUaGF0TXVzdE5vdExlYWs='
    const cases = [
      { ...credentials, FLEX_SHARED_SECRET: `${secret}!` },
      { ...credentials, FLEX_MERCHANT_ID: 'merchant with spaces' },
      { ...credentials, FLEX_ORIGIN: 'http://user:pa55word@127.0.0.1' },
      { FLEX_SHARED_SECRET: secret },
      { FLEX_DEMO_REDIS_URL: 'https://user:pa55word@redis.internal' },
    ]
    for (const env of cases) {
      const error = errorOf(env)
      for (const value of Object.values(env)) expect(error.message).not.toContain(value)
    }
  })
})
