import { FLEX_STORAGE_REASONS, type FlexStorage, FlexStorageError } from 'flex-types'

type Operation = keyof FlexStorage

function failed(operation: Operation, cause: unknown): FlexStorageError {
  if (FlexStorageError.isInstance(cause)) return cause
  return new FlexStorageError(
    FLEX_STORAGE_REASONS.UNAVAILABLE,
    `the shared storage failed (${operation})`,
    { operation },
    { cause },
  )
}

function badResponse(operation: Operation): FlexStorageError {
  return new FlexStorageError(
    FLEX_STORAGE_REASONS.BAD_RESPONSE,
    `the shared storage gave an unusable answer (${operation})`,
    { operation },
  )
}

/** Reads `key`: a string or `undefined`; anything else, or a failure, is a `FlexStorageError`. */
export async function storageGet(storage: FlexStorage, key: string): Promise<string | undefined> {
  let value: unknown
  try {
    value = await storage.get(key)
  } catch (error) {
    throw failed('get', error)
  }
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw badResponse('get')
  return value
}

/** Writes `key` for `ttl` ms; a failure is a `FlexStorageError`. */
export async function storageSet(
  storage: FlexStorage,
  key: string,
  value: string,
  ttl: number,
): Promise<void> {
  try {
    await storage.set(key, value, ttl)
  } catch (error) {
    throw failed('set', error)
  }
}

/** Writes `key` unless present; `true` when written. Any answer but a boolean fails closed. */
export async function storageSetIfAbsent(
  storage: FlexStorage,
  key: string,
  value: string,
  ttl: number,
): Promise<boolean> {
  let stored: unknown
  try {
    stored = await storage.setIfAbsent(key, value, ttl)
  } catch (error) {
    throw failed('setIfAbsent', error)
  }
  if (typeof stored !== 'boolean') throw badResponse('setIfAbsent')
  return stored
}

/** Tells whether `value` has the four functions of a `FlexStorage`. */
export function isFlexStorage(value: unknown): value is FlexStorage {
  const storage = value as Partial<Record<Operation, unknown>> | null
  return (
    typeof storage === 'object' &&
    storage !== null &&
    typeof storage.get === 'function' &&
    typeof storage.set === 'function' &&
    typeof storage.setIfAbsent === 'function' &&
    typeof storage.delete === 'function'
  )
}
