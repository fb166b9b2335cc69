/**
 * Cybersource's environments: the API origin (sessions, public keys) and the Flex origin that
 * capture contexts name in `flx.origin` (docs/protocol.md section 0.2).
 *
 * @example
 * ```ts
 * FLEX_ENVIRONMENTS.test.apiOrigin // 'https://apitest.cybersource.com'
 * ```
 */
export const FLEX_ENVIRONMENTS = {
  test: {
    apiOrigin: 'https://apitest.cybersource.com',
    flexOrigin: 'https://testflex.cybersource.com',
  },
  production: {
    apiOrigin: 'https://api.cybersource.com',
    flexOrigin: 'https://flex.cybersource.com',
  },
} as const

/** `'test'` or `'production'`. */
export type FlexEnvironment = keyof typeof FLEX_ENVIRONMENTS

/**
 * Tells whether a value names one of the Cybersource environments.
 *
 * @example
 * ```ts
 * isFlexEnvironment('test') // true
 * ```
 */
export function isFlexEnvironment(value: unknown): value is FlexEnvironment {
  return value === 'test' || value === 'production'
}
