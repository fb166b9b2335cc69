import { compactVerify } from 'jose'
import { FLEX_VERIFICATION_REASONS, FlexVerificationError } from './flex-verification-error.js'
import { assertVerificationKey } from './import-verification-key.js'
import { parseCompactToken } from './parse-compact-token.js'

const FORBIDDEN_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'crit'] as const
const KID = /^[A-Za-z0-9._-]{1,64}$/
const DOTS_ONLY = /^\.+$/
const JOSE_OPTIONS = { algorithms: ['RS256'] }

/** Tells whether a kid is 1–64 characters of `[A-Za-z0-9._-]` and not a dot segment. */
export function isValidKid(kid: unknown): kid is string {
  return typeof kid === 'string' && KID.test(kid) && !DOTS_ONLY.test(kid)
}

/** What a verified compact JWS yields. */
export interface VerifiedJws {
  kid: string
  /** The payload parsed as JSON, `undefined` when it is not JSON. */
  payload: unknown
}

export interface VerifyCompactJwsOptions {
  /** Gives the verification key for a kid; called only after every cheap refusal passed. */
  resolveKey: (kid: string) => Promise<CryptoKey>
  /** A refusal on the still unverified payload, run before the key is looked up. */
  inspectPayload?: (payload: unknown) => void
}

function refuse(
  reason: (typeof FLEX_VERIFICATION_REASONS)[keyof typeof FLEX_VERIFICATION_REASONS],
  message: string,
  claim?: string,
): FlexVerificationError {
  return new FlexVerificationError(reason, message, claim === undefined ? {} : { claim })
}

/**
 * Verifies an RS256 compact JWS: shape, header (alg exactly RS256, no key-carrying or `crit`
 * members, kid syntax) and only then the key and the signature. jose's errors are mapped to
 * reasons and dropped: they may hold the payload.
 */
export async function verifyCompactJws(
  jwt: string,
  options: VerifyCompactJwsOptions,
): Promise<VerifiedJws> {
  const { header, payload } = parseCompactToken(jwt)
  if (header.alg !== 'RS256') {
    throw refuse(FLEX_VERIFICATION_REASONS.ALG_NOT_ALLOWED, 'the token alg must be RS256', 'alg')
  }
  for (const member of FORBIDDEN_HEADERS) {
    if (member in header) {
      throw refuse(
        FLEX_VERIFICATION_REASONS.HEADER_NOT_ALLOWED,
        `the token header must not carry ${member}`,
        member,
      )
    }
  }
  const { kid } = header
  if (!isValidKid(kid)) {
    throw refuse(
      FLEX_VERIFICATION_REASONS.KID_INVALID,
      'the token kid must be 1 to 64 characters of A-Z a-z 0-9 . _ -',
      'kid',
    )
  }
  options.inspectPayload?.(payload)
  let key: CryptoKey
  try {
    key = assertVerificationKey(await options.resolveKey(kid), kid)
  } catch (error) {
    if (FlexVerificationError.isInstance(error)) throw error
    throw new FlexVerificationError(
      FLEX_VERIFICATION_REASONS.KEY_FETCH_FAILED,
      'the key resolver failed',
      { kid, cause: error },
    )
  }
  try {
    // Only the verdict is used: the payload parsed above is the very segment the signature covers.
    await compactVerify(jwt, key, JOSE_OPTIONS)
  } catch (error) {
    const failed =
      (error as { code?: unknown } | null)?.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
    throw failed
      ? refuse(FLEX_VERIFICATION_REASONS.BAD_SIGNATURE, 'the token signature does not verify')
      : refuse(FLEX_VERIFICATION_REASONS.MALFORMED, 'the token is not a valid RS256 JWS')
  }
  return { kid, payload }
}
