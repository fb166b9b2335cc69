/** One structured log entry: a `msg`, a `level` and safe fields (never card data or tokens). */
export interface LogEntry {
  level: 'info' | 'warn' | 'error'
  msg: string
  [field: string]: unknown
}

/** Writes one log entry. */
export type Logger = (entry: LogEntry) => void

/**
 * A logger that writes each entry as one JSON line, with an ISO `time`, to a stream.
 *
 * @example
 * ```ts
 * const log = createJsonLogger(process.stdout)
 * log({ level: 'info', msg: 'listening', url })
 * ```
 */
export function createJsonLogger(stream: { write(line: string): unknown }): Logger {
  return (entry) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`)
  }
}
