/** A duration in milliseconds, to a tenth below 10 ms: `3.2 ms`, `41 ms`, `1.25 s`. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 10) return `${milliseconds.toFixed(1)} ms`
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`
  return `${(milliseconds / 1000).toFixed(2)} s`
}

/** The time left until `expiresAt`, as `14:59` (minutes and seconds), or `expired`. */
export function formatTimeLeft(expiresAt: Date, now: Date): string {
  const seconds = Math.floor((expiresAt.getTime() - now.getTime()) / 1000)
  if (seconds <= 0) return 'expired'
  const minutes = Math.floor(seconds / 60)
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`
}

/** A time of day in UTC, `11:32:05 UTC`. */
export function formatClock(date: Date): string {
  return `${date.toISOString().slice(11, 19)} UTC`
}
