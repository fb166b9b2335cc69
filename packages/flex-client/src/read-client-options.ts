import { FLEX_ENVIRONMENTS, type FlexEnvironment, type FlexRetryOptions } from 'flex-types'
import {
  createUsageError,
  readDurationOption,
  readFlexOrigin,
  readRetryOption,
} from 'flex-types/internal'
import type { FlexAuthentication } from './create-authentication-headers.js'
import type { RetrySettings } from './create-retry-policies.js'
import { type FlexClientHooks, readHooks } from './flex-client-hooks.js'
import {
  type CheckedCredentials,
  type FlexCredentials,
  readCredentials,
} from './read-credentials.js'

type FlexFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

interface FlexClientCommonOptions {
  credentials: FlexCredentials
  /** `'jwt'` (default) or `'http-signature'`. */
  authentication?: FlexAuthentication
  /** Milliseconds per attempt (default 30000, at most 2^31-1). */
  timeout?: number
  /**
   * Retries after the first attempt: a number is the limit (default 2, at most 10; 0 turns
   * retries off), or `{ limit, backoffLimit, maxRetryAfter }` (defaults 2, 5000 ms, 10000 ms).
   */
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
  /** The origins a capture context's `tokensUrl` may name: `origin` first, as configured. */
  allowedTokenOrigins: ReadonlySet<string>
  credentials: CheckedCredentials
  authentication: FlexAuthentication
  timeout: number
  retry: RetrySettings
  fetch: FlexFetch
  hooks: FlexClientHooks
}

const CALLER = 'createFlexClient'
const DEFAULT_RETRY: RetrySettings = { limit: 2, backoffLimit: 5_000, maxRetryAfter: 10_000 }

function readOrigin(options: FlexClientOptions): { origin: string; allowed: Set<string> } {
  const origin = readFlexOrigin(options, { prefix: `${CALLER}: ` })
  if (origin === undefined) throw createUsageError(CALLER, 'environment or origin', 'is required')
  // Capture contexts from Cybersource name its Flex origin as their tokens URL.
  const allowed = new Set([origin])
  for (const environment of Object.values(FLEX_ENVIRONMENTS)) {
    if (environment.apiOrigin === origin) allowed.add(environment.flexOrigin)
  }
  return { origin, allowed }
}

/** Reads and checks every option of `createFlexClient`; errors name the option, never its value. */
export function readClientOptions(options: FlexClientOptions): ClientConfig {
  if (typeof options !== 'object' || options === null) {
    throw createUsageError(CALLER, 'options', 'must be an object')
  }
  const { origin, allowed } = readOrigin(options)
  const credentials = readCredentials(options.credentials)
  const authentication = options.authentication ?? 'jwt'
  if (authentication !== 'jwt' && authentication !== 'http-signature') {
    throw createUsageError(CALLER, 'authentication', "must be 'jwt' or 'http-signature'")
  }
  const timeout = readDurationOption(CALLER, 'timeout', options.timeout, { fallback: 30_000 })
  const retry = readRetryOption(CALLER, options.retry, DEFAULT_RETRY)
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw createUsageError(CALLER, 'fetch', 'must be a function')
  }
  const fetch: FlexFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  return {
    origin,
    allowedTokenOrigins: allowed,
    credentials,
    authentication,
    timeout,
    retry,
    fetch,
    hooks: readHooks(options.hooks),
  }
}
