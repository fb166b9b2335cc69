import type { FlexPublicJwk } from 'flex-types'
import { readResponseBytes } from 'flex-types/internal'
import {
  FLEX_VERIFICATION_REASONS,
  FlexVerificationError,
  type FlexVerificationReason,
} from './errors.js'
import { validateVerificationJwk } from './import-verification-key.js'
import { RESOLVER_ALGORITHMS } from './read-resolver-options.js'

const PUBLIC_KEYS_PATH = '/flex/v2/public-keys/'
const MAX_BODY_BYTES = 32_768

/** The outcome of one key request: the JWK, or a failure that may be worth retrying. */
export type PublicKeyFetchResult =
  | { ok: true; jwk: FlexPublicJwk }
  | {
      ok: false
      error: FlexVerificationError
      retryable: boolean
      retryAfter?: string | null | undefined
    }

/** One GET of a key. `signal` aborts it (its timeout). */
export interface FetchPublicKeyRequest {
  origin: string
  kid: string
  fetch: typeof globalThis.fetch
  signal: AbortSignal
}

export function keyFailure(
  reason: FlexVerificationReason,
  message: string,
  kid: string,
  extra: { status?: number; cause?: unknown } = {},
): FlexVerificationError {
  return new FlexVerificationError(reason, message, { kid, ...extra })
}

async function readJson(response: Response): Promise<unknown> {
  const body = await readResponseBytes(response, { maxBytes: MAX_BODY_BYTES })
  if (!body.ok) return undefined
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes))
  } catch {
    return undefined
  }
}

function refuseStatus(response: Response, kid: string): PublicKeyFetchResult {
  const { status } = response
  const failed = FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    const error = keyFailure(failed, 'the key fetch was redirected; redirects are refused', kid, {
      status,
    })
    return { ok: false, error, retryable: false }
  }
  if (status === 404 || status === 410) {
    const error = keyFailure(
      FLEX_VERIFICATION_REASONS.KEY_NOT_FOUND,
      'no public key has this kid',
      kid,
      { status },
    )
    return { ok: false, error, retryable: false }
  }
  const error = keyFailure(failed, `the key fetch answered ${status}`, kid, { status })
  const retryable = status === 408 || status === 429 || status >= 500
  const retryAfter =
    status === 429 || status === 503 ? response.headers.get('retry-after') : undefined
  return { ok: false, error, retryable, retryAfter }
}

async function requestKey(request: FetchPublicKeyRequest): Promise<PublicKeyFetchResult> {
  const { kid } = request
  const response = await request.fetch(
    `${request.origin}${PUBLIC_KEYS_PATH}${encodeURIComponent(kid)}`,
    {
      method: 'GET',
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: request.signal,
    },
  )
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {})
    return refuseStatus(response, kid)
  }
  const json = await readJson(response)
  if (json === undefined) {
    const error = keyFailure(
      FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED,
      'the key response is not a JSON JWK',
      kid,
      { status: 200 },
    )
    return { ok: false, error, retryable: false }
  }
  return { ok: true, jwk: validateVerificationJwk(json, { kid, algorithms: RESOLVER_ALGORITHMS }) }
}

/**
 * Fetches `GET {origin}/flex/v2/public-keys/{kid}` once: a bare JWK of at most 32 KiB, valid
 * (`validateVerificationJwk`) and carrying the asked kid. Redirects are refused, never followed.
 * A network error or an abort by `signal` is a retryable failure; `key-invalid` is thrown.
 */
export async function fetchPublicKey(
  request: FetchPublicKeyRequest,
): Promise<PublicKeyFetchResult> {
  try {
    return await requestKey(request)
  } catch (error) {
    if (FlexVerificationError.isInstance(error)) throw error
    const { kid } = request
    const failure = request.signal.aborted
      ? keyFailure(FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED, 'the key fetch timed out', kid)
      : keyFailure(
          FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED,
          'the key fetch failed on the network',
          kid,
          { cause: error },
        )
    return { ok: false, error: failure, retryable: true }
  }
}
