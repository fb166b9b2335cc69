import { FLEX_STORAGE_REASONS, type FlexStorage, FlexStorageError } from 'flex-types'

/** A storage method, as named in `FlexStorageError.operation`. */
export type StorageOperation = keyof FlexStorage

/** The command did not answer within the storage's `timeout`. */
export function timedOut(operation: StorageOperation, timeout: number): FlexStorageError {
  return new FlexStorageError(
    FLEX_STORAGE_REASONS.TIMEOUT,
    `redis did not answer ${operation} within ${timeout} ms`,
    { operation },
  )
}

/** The command failed: not connected, connection lost, an error reply. */
export function unavailable(operation: StorageOperation, cause: unknown): FlexStorageError {
  return new FlexStorageError(
    FLEX_STORAGE_REASONS.UNAVAILABLE,
    `redis failed ${operation} (${describe(cause)})`,
    { operation },
    { cause },
  )
}

// The error's class and code only (ClientOfflineError, ECONNREFUSED): never a key or a value.
function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return 'unknown error'
  const name = /^[A-Za-z]{1,64}$/.test(cause.constructor.name) ? cause.constructor.name : 'Error'
  const code = (cause as { code?: unknown }).code
  return typeof code === 'string' && /^[A-Z_]{1,32}$/.test(code) ? `${name} ${code}` : name
}
