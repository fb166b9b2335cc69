const DELAY_SECONDS = /^\s*\d{1,10}\s*$/
// RFC 9110 §10.2.3: delay-seconds or an HTTP-date (IMF-fixdate; the obsolete forms are accepted
// by Date.parse too). A date must name a weekday and GMT to count as one.
const HTTP_DATE = /^\s*[A-Z][a-z]{2},? .* GMT\s*$/

/**
 * The one `Retry-After` reading of the packages: the wait in milliseconds (never negative), or
 * `undefined` when the header is absent or is neither delay-seconds nor an HTTP-date.
 *
 * @example
 * ```ts
 * parseRetryAfter('3', Date.now()) // 3000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.now())
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined
  if (DELAY_SECONDS.test(value)) return Number(value) * 1000
  if (!HTTP_DATE.test(value)) return undefined
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
