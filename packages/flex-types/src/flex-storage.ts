/**
 * The shared state of a server fleet: a few async methods over string keys and string values,
 * each entry with a time to live. flex-jwt's capture-context store and public-key cache use it;
 * flex-redis implements it on Redis, flex-jwt's `createMemoryStorage` in memory. A method that
 * cannot do its job rejects (any error): the caller turns it into a `FlexStorageError` and accepts
 * nothing.
 *
 * @example
 * ```ts
 * // One atomic step across the fleet: only the first server to ask gets true.
 * const first = await storage.setIfAbsent('consumed:' + digest, '1', 15 * 60_000)
 * ```
 */
export interface FlexStorage {
  /** The value stored under `key`, or `undefined` when there is none or it has expired. */
  get(key: string): Promise<string | undefined>
  /**
   * Stores `value` under `key` for `ttl` milliseconds (a whole number ≥ 1), replacing any value.
   * A bounded storage may forget it sooner to make room (flex-jwt's `createMemoryStorage` forgets
   * the oldest first), so it holds only what can be lost: a saved context, a cached key.
   */
  set(key: string, value: string, ttl: number): Promise<void>
  /**
   * Stores `value` under `key` for `ttl` milliseconds only if no unexpired value is there, in one
   * atomic step across every server sharing the storage (Redis `SET key value NX PX ttl`);
   * resolves `true` when it stored, `false` when a value was already there. What it stored must
   * hold for the whole `ttl` (a consumed mark forgotten lets a token be paid twice): a storage
   * with no room rejects the write rather than forget another such entry.
   */
  setIfAbsent(key: string, value: string, ttl: number): Promise<boolean>
  /** Removes `key` (no error when it is absent). */
  delete(key: string): Promise<void>
}
