/** The error a promise rejects with, or `undefined` when it resolves. */
export const errorOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

/** Polls a probe until it resolves, within a generous bound: reconnecting takes what it takes. */
export async function eventually<T>(probe: () => Promise<T>, within = 30_000): Promise<T> {
  const deadline = Date.now() + within
  for (;;) {
    try {
      return await probe()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}
