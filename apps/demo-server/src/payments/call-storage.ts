import { FLEX_STORAGE_REASONS, FlexError, FlexStorageError } from 'flex-types'

/**
 * Runs one call of the shared storage; any failure that is not already a Flex error becomes
 * `ERR_FLEX_STORAGE_FAILED` (`unavailable`) naming the operation only, never a key or a value.
 *
 * @example
 * ```ts
 * const raw = await callStorage('get', () => storage.get(key))
 * ```
 */
export async function callStorage<Result>(
  operation: string,
  run: () => Promise<Result>,
): Promise<Result> {
  try {
    return await run()
  } catch (error) {
    if (FlexError.isInstance(error)) throw error
    throw new FlexStorageError(
      FLEX_STORAGE_REASONS.UNAVAILABLE,
      `the shared storage failed (${operation})`,
      { operation },
      { cause: error },
    )
  }
}
