import { FLEX_ENVIRONMENTS, type FlexEnvironment } from 'flex-types'
import { readFlexOrigin } from 'flex-types/internal'
import type { FlexAuthentication } from './create-authentication-headers.js'
import type { RetrySettings } from './create-retry-policies.js'
import { type FlexClientHooks, readHooks } from './flex-client-hooks.js'
import {
  type CheckedCredentials,
  type FlexCredentials,
  readCredentials,
} from './read-credentials.js'

/** Retry settings; a number is the retry limit. */
export interface FlexRetryOptions {
  /** Retries after the first attempt (default 2; 0 turns retries off). */
  limit?: number
  /** The longest wait between attempts in milliseconds, before jitter (default 5000). */
  backoffLimit?: number
  /** The longest `Retry-After` honoured, in milliseconds; longer waits are capped (default 10000). */
  maxRetryAfter?: number
}

/** A fetch implementation. */
type FlexFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

interface FlexClientCommonOptions {
  credentials: FlexCredentials
  /** `'jwt'` (default) or `'http-signature'`. */
  authentication?: FlexAuthentication
  /** Milliseconds per attempt (default 30000). */
  timeout?: number
  retry?: number | FlexRetryOptions
  /** A fetch implementation (default `globalThis.fetch`). */
  fetch?: FlexFetch
  hooks?: FlexClientHooks
}

/** Options of `createFlexClient`: a Cybersource `environment` or an `origin` (the emulator). */
export type FlexClientOptions = FlexClientCommonOptions &
  (
    | { environment: FlexEnvironment; origin?: undefined }
    | { origin: string; environment?: undefined }
  )

/** Everything `createFlexClient` needs, checked. */
export interface ClientConfig {
  origin: string
  /** The origins a capture context's `tokensUrl` may name. */
  allowedTokenOrigins: ReadonlySet<string>
  credentials: CheckedCredentials
  authentication: FlexAuthentication
  timeout: number
  retry: RetrySettings
  fetch: FlexFetch
  hooks: FlexClientHooks
}

const DEFAULT_TIMEOUT = 30_000
const MAX_TIMEOUT = 2_147_483_647

function readOrigin(options: FlexClientOptions): { origin: string; allowed: Set<string> } {
  const origin = readFlexOrigin(options, { quote: true })
  if (origin === undefined) throw new TypeError('`environment` or `origin` is required')
  // Capture contexts from Cybersource name its Flex origin as their tokens URL.
  const allowed = new Set([origin])
  for (const environment of Object.values(FLEX_ENVIRONMENTS)) {
    if (environment.apiOrigin === origin) allowed.add(environment.flexOrigin)
  }
  return { origin, allowed }
}

function readMilliseconds(value: unknown, name: string, fallback: number, minimum: number): number {
  if (value === undefined) return fallback
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < minimum ||
    value > MAX_TIMEOUT
  ) {
    throw new TypeError(`\`${name}\` must be an integer from ${minimum} to ${MAX_TIMEOUT}`)
  }
  return value
}

function readRetry(retry: unknown): RetrySettings {
  const options: FlexRetryOptions =
    typeof retry === 'number'
      ? { limit: retry }
      : retry === undefined
        ? {}
        : (retry as FlexRetryOptions)
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('`retry` must be a number or an object')
  }
  const limit = options.limit ?? 2
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > 10) {
    throw new TypeError('`retry.limit` must be an integer from 0 to 10')
  }
  return {
    limit,
    backoffLimit: readMilliseconds(options.backoffLimit, 'retry.backoffLimit', 5_000, 0),
    maxRetryAfter: readMilliseconds(options.maxRetryAfter, 'retry.maxRetryAfter', 10_000, 0),
  }
}

/** Reads and checks every option of `createFlexClient`; errors name the option, never its value. */
export function readClientOptions(options: FlexClientOptions): ClientConfig {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('`options` must be an object')
  }
  const { origin, allowed } = readOrigin(options)
  const credentials = readCredentials(options.credentials)
  const authentication = options.authentication ?? 'jwt'
  if (authentication !== 'jwt' && authentication !== 'http-signature') {
    throw new TypeError("`authentication` must be 'jwt' or 'http-signature'")
  }
  const timeout = readMilliseconds(options.timeout, 'timeout', DEFAULT_TIMEOUT, 1)
  const retry = readRetry(options.retry)
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('`fetch` must be a function')
  }
  const fetch: FlexFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const hooks = readHooks(options.hooks)
  return {
    origin,
    allowedTokenOrigins: allowed,
    credentials,
    authentication,
    timeout,
    retry,
    fetch,
    hooks,
  }
}
