import { type FlexEnvironment, isFlexEnvironment } from 'flex-types'

/** How the demo authenticates its merchant calls (docs/protocol.md section 5). */
export type FlexAuthentication = 'jwt' | 'http-signature'

/** Merchant credentials from the Cybersource Business Center (or the emulator). */
export interface MerchantCredentials {
  merchantId: string
  keyId: string
  sharedSecret: string
}

/** Where the demo sends its Flex calls: a Cybersource environment or an explicit origin. */
export type FlexTarget = { environment: FlexEnvironment } | { origin: string }

/** The demo's whole configuration, read once from the environment by `readConfig`. */
export interface DemoConfig {
  /** The port to listen on, 0 for any free port. */
  port: number
  /**
   * The origin people open the demo at when it is not a loopback address (behind a proxy or on a
   * LAN name), e.g. `https://demo.example.com`. Its host is accepted besides the loopback names.
   */
  publicUrl?: string
  /**
   * The Redis the demo keeps its capture contexts and used tokens in (`FLEX_DEMO_REDIS_URL`), so
   * that several demo instances behind one load balancer act as one. Default: this process only.
   */
  redisUrl?: string
  /**
   * `emulator`: no credentials were given, so the demo starts the Flex emulator in-process and
   * uses its test merchant. `remote`: the given credentials against the given target.
   */
  flex:
    | { mode: 'emulator'; authentication: FlexAuthentication }
    | {
        mode: 'remote'
        target: FlexTarget
        credentials: MerchantCredentials
        authentication: FlexAuthentication
      }
}

/** A configuration problem. The message names the variable and the rule, never its value. */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError'
  /** The environment variable that is wrong or missing. */
  readonly variable: string

  constructor(variable: string, message: string) {
    super(`${variable} ${message}`)
    this.variable = variable
  }
}

const DEFAULT_PORT = 3000
const CREDENTIAL_VARIABLES = ['FLEX_MERCHANT_ID', 'FLEX_KEY_ID', 'FLEX_SHARED_SECRET'] as const
const AUTHENTICATIONS: readonly FlexAuthentication[] = ['jwt', 'http-signature']

function read(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

function readPort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new ConfigError('PORT', 'must be a whole number from 0 to 65535')
  }
  return Number(value)
}

function readOrigin(variable: string, value: string, example: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(variable, `must be an absolute URL such as ${example}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(variable, 'must use http: or https:')
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new ConfigError(variable, 'must be an origin only, without path, query or user')
  }
  return url.origin
}

function readRedisUrl(value: string | undefined): { redisUrl?: string } {
  if (value === undefined) return {}
  if (!/^rediss?:\/\/\S+$/.test(value) || !URL.canParse(value)) {
    throw new ConfigError(
      'FLEX_DEMO_REDIS_URL',
      'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379',
    )
  }
  return { redisUrl: value }
}

function readTarget(env: Readonly<Record<string, string | undefined>>): FlexTarget | undefined {
  const environment = read(env, 'FLEX_ENVIRONMENT')
  const origin = read(env, 'FLEX_ORIGIN')
  if (environment !== undefined && origin !== undefined) {
    throw new ConfigError('FLEX_ORIGIN', 'cannot be combined with FLEX_ENVIRONMENT: set only one')
  }
  if (environment !== undefined) {
    if (!isFlexEnvironment(environment)) {
      throw new ConfigError('FLEX_ENVIRONMENT', "must be 'test' or 'production'")
    }
    return { environment }
  }
  return origin === undefined
    ? undefined
    : { origin: readOrigin('FLEX_ORIGIN', origin, 'http://127.0.0.1:4010') }
}

function readCredentials(
  env: Readonly<Record<string, string | undefined>>,
): MerchantCredentials | undefined {
  const [merchantId, keyId, sharedSecret] = CREDENTIAL_VARIABLES.map((name) => read(env, name))
  const missing = CREDENTIAL_VARIABLES.filter((name) => read(env, name) === undefined)
  if (missing.length === CREDENTIAL_VARIABLES.length) return undefined
  if (merchantId === undefined || keyId === undefined || sharedSecret === undefined) {
    throw new ConfigError(
      missing[0] ?? 'FLEX_MERCHANT_ID',
      `is missing: set all of ${CREDENTIAL_VARIABLES.join(', ')} or none of them to use the emulator`,
    )
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(merchantId)) {
    throw new ConfigError('FLEX_MERCHANT_ID', 'must be 1 to 64 letters, digits, - or _')
  }
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(keyId)) {
    throw new ConfigError('FLEX_KEY_ID', 'must be 1 to 128 letters, digits, ., - or _')
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sharedSecret) || sharedSecret.length % 4 !== 0) {
    throw new ConfigError('FLEX_SHARED_SECRET', 'must be the base64 shared secret key')
  }
  return { merchantId, keyId, sharedSecret }
}

function readAuthentication(value: string | undefined): FlexAuthentication {
  if (value === undefined) return 'jwt'
  const authentication = AUTHENTICATIONS.find((candidate) => candidate === value)
  if (authentication === undefined) {
    throw new ConfigError('FLEX_AUTHENTICATION', "must be 'jwt' or 'http-signature'")
  }
  return authentication
}

/**
 * Reads and validates the demo's configuration from environment variables, once. Without
 * credentials the demo runs on the in-process emulator; with them it defaults to Cybersource's
 * test environment.
 *
 * @throws ConfigError naming the variable that is wrong; the message never contains its value.
 * @example
 * ```ts
 * const config = readConfig(process.env)
 * if (config.flex.mode === 'emulator') console.log('no credentials: using the emulator')
 * ```
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): DemoConfig {
  const port = readPort(read(env, 'PORT'))
  const publicUrlValue = read(env, 'FLEX_DEMO_PUBLIC_URL')
  const publicUrl =
    publicUrlValue === undefined
      ? {}
      : {
          publicUrl: readOrigin('FLEX_DEMO_PUBLIC_URL', publicUrlValue, 'https://demo.example.com'),
        }
  const redisUrl = readRedisUrl(read(env, 'FLEX_DEMO_REDIS_URL'))
  const target = readTarget(env)
  const credentials = readCredentials(env)
  const authentication = readAuthentication(read(env, 'FLEX_AUTHENTICATION'))
  if (credentials === undefined) {
    if (target !== undefined) {
      const variable = 'environment' in target ? 'FLEX_ENVIRONMENT' : 'FLEX_ORIGIN'
      throw new ConfigError(
        variable,
        `needs merchant credentials: set ${CREDENTIAL_VARIABLES.join(', ')} (or unset it to use the emulator)`,
      )
    }
    return { port, ...publicUrl, ...redisUrl, flex: { mode: 'emulator', authentication } }
  }
  return {
    port,
    ...publicUrl,
    ...redisUrl,
    flex: {
      mode: 'remote',
      target: target ?? { environment: 'test' },
      credentials,
      authentication,
    },
  }
}
