import {
  type CaptureContext,
  type CurrentDateOption,
  FLEX_CAPTURE_CONTEXT_REASONS,
  FLEX_ERROR_CODES,
  type FlatPaymentData,
  FlexCaptureContextError,
  FlexValidationError,
  type PaymentData,
  validatePaymentData,
} from 'flex-types'
import { createUsageError, readCurrentDate } from 'flex-types/internal'
import { assertCaptureContext } from './assert-capture-context.js'
import { encryptCompactJwe } from './encrypt-compact-jwe.js'
import { importEncryptionKey } from './import-encryption-key.js'
import { isJweAlgorithm, type JweAlgorithm } from './jwe-algorithms.js'

/** Options of `encryptPaymentData`. */
export interface EncryptPaymentDataOptions {
  /**
   * The JWE `alg`: `RSA-OAEP-256` (default, unless the key's own `alg` says `RSA-OAEP`) or
   * `RSA-OAEP`. Both use `enc` `A256GCM`.
   */
  algorithm?: JweAlgorithm
  /**
   * When the capture context's and the card's expiry are judged: a `Date`, or a function
   * returning the current `Date` (asked once per call). Default: the system clock.
   */
  currentDate?: CurrentDateOption
}

const CALLER = 'encryptPaymentData'
const encoder = new TextEncoder()

function readOptions(options: unknown): { algorithm?: JweAlgorithm; now: () => number } {
  if (options === undefined) return { now: Date.now }
  if (typeof options !== 'object' || options === null) {
    throw createUsageError(CALLER, 'options', 'must be an object')
  }
  const { algorithm, currentDate } = options as Record<string, unknown>
  if (algorithm !== undefined && !isJweAlgorithm(algorithm)) {
    throw createUsageError(CALLER, 'algorithm', "must be 'RSA-OAEP-256' or 'RSA-OAEP'")
  }
  const now = readCurrentDate(CALLER, currentDate)
  return algorithm === undefined ? { now } : { algorithm, now }
}

/**
 * Validates customer data against a verified capture context and encrypts it as the compact JWE
 * that `POST /flex/v2/tokens` takes: protected header exactly `{alg, enc, kid}` (`enc` A256GCM,
 * `kid` of the capture context's one-time key), plaintext
 * `{"data": …, "context": <capture context JWT>, "index": 0}`, a fresh content key and IV each
 * time. `data` may be nested by field path (the wire form) or keyed by dotted path; it is sent
 * nested, card number without spaces or dashes. Nothing is encrypted unless every check passes:
 * the capture context has not expired, its one-time key is a sound RSA key, and the data has every
 * required field, nothing else, and well-formed values (all problems reported at once).
 *
 * @param captureContext What flex-jwt's `verifyCaptureContext` returns.
 * @param data The customer's data, string values only.
 * @returns The compact JWE, ready to POST to `captureContext.tokensUrl`.
 * @throws {FlexValidationError} `ERR_FLEX_DATA_INVALID`, with `issues` (path and rule, no values).
 * @throws {FlexCaptureContextError} `ERR_FLEX_CAPTURE_CONTEXT_EXPIRED` when the capture context has
 * expired (the same class and code as flex-jwt's and flex-client's).
 * @throws {FlexEncryptionKeyError} `ERR_FLEX_ENCRYPTION_KEY_INVALID` for an unusable one-time key.
 * @throws {FlexEncryptionError} `ERR_FLEX_ENCRYPTION_FAILED` when WebCrypto fails.
 * @throws {TypeError} `ERR_INVALID_ARG_VALUE` for a capture context or options of the wrong shape.
 * @example
 * ```ts
 * const captureContext = await verifyCaptureContext(jwt, { keys })
 * const jwe = await encryptPaymentData(captureContext, {
 *   paymentInformation: {
 *     card: { number: '4111 1111 1111 1111', securityCode: '123',
 *             expirationMonth: '12', expirationYear: '2031' },
 *   },
 * })
 * const transientToken = await client.createTransientToken(captureContext, jwe)
 * ```
 */
export async function encryptPaymentData(
  captureContext: CaptureContext,
  data: PaymentData | FlatPaymentData,
  options: EncryptPaymentDataOptions = {},
): Promise<string> {
  const { algorithm, now } = readOptions(options)
  assertCaptureContext(captureContext)
  const currentDate = new Date(now())
  if (captureContext.expiresAt.getTime() <= currentDate.getTime()) {
    throw new FlexCaptureContextError(
      FLEX_CAPTURE_CONTEXT_REASONS.EXPIRED,
      'the capture context has expired; create a new session',
    )
  }
  const encryptionKey = importEncryptionKey(captureContext, algorithm)
  const { data: nested, issues } = validatePaymentData(data, {
    requiredFields: captureContext.requiredFields,
    optionalFields: captureContext.optionalFields,
    currentDate,
  })
  if (issues.length > 0) {
    throw new FlexValidationError(
      FLEX_ERROR_CODES.DATA_INVALID,
      'the payment data does not satisfy the capture context',
      issues,
    )
  }
  const plaintext = encoder.encode(
    JSON.stringify({ data: nested, context: captureContext.jwt, index: 0 }),
  )
  try {
    return await encryptCompactJwe(
      await encryptionKey.key,
      encryptionKey.protectedHeader,
      plaintext,
    )
  } finally {
    plaintext.fill(0)
  }
}
