const DELAY_SECONDS = /^\s*\d+\s*$/
// RFC 9110 §10.2.3: delay-seconds or an HTTP-date (IMF-fixdate; the obsolete forms are accepted
// by Date.parse too). A date must name a weekday and GMT to count as one.
const HTTP_DATE = /^\s*[A-Z][a-z]{2,8},? [^\n]* GMT\s*$/
// An IMF-fixdate is 29 characters; anything much longer is not a Retry-After value.
const MAX_LENGTH = 64

/**
 * The one `Retry-After` reading of the packages: the wait in milliseconds (never negative, at most
 * `Number.MAX_SAFE_INTEGER`), or `undefined` when the header is absent or is neither
 * delay-seconds nor an HTTP-date. Callers cap the wait with their own `maxRetryAfter`.
 *
 * @example
 * ```ts
 * parseRetryAfter('3', Date.now()) // 3000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.now())
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return undefined
  if (DELAY_SECONDS.test(value)) return Math.min(Number(value) * 1000, Number.MAX_SAFE_INTEGER)
  if (!HTTP_DATE.test(value) || !Number.isFinite(now)) return undefined
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
