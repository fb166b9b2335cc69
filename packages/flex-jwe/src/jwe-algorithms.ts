/**
 * The key management algorithms `encryptPaymentData` can use; `RSA-OAEP-256` is the default.
 *
 * @example
 * ```ts
 * // The iOS SDK's choice, for a service that refuses RSA-OAEP-256:
 * const jwe = await encryptPaymentData(captureContext, data, { algorithm: JWE_ALGORITHMS[1] })
 * ```
 */
export const JWE_ALGORITHMS = ['RSA-OAEP-256', 'RSA-OAEP'] as const

/** `RSA-OAEP-256` (SHA-256, the default) or `RSA-OAEP` (SHA-1, as the iOS SDK sends it). */
export type JweAlgorithm = (typeof JWE_ALGORITHMS)[number]

/** The OAEP hash (and MGF1 hash) of each algorithm, per RFC 7518 §4.3. */
export const RSA_OAEP_HASHES: { readonly [Algorithm in JweAlgorithm]: 'SHA-256' | 'SHA-1' } = {
  'RSA-OAEP-256': 'SHA-256',
  'RSA-OAEP': 'SHA-1',
}

/** Tells whether a value names one of `JWE_ALGORITHMS`. */
export function isJweAlgorithm(value: unknown): value is JweAlgorithm {
  return value === 'RSA-OAEP-256' || value === 'RSA-OAEP'
}
