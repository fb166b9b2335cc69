/**
 * Reads a response body as text within `timeout` milliseconds: ky's timeout ends with the
 * headers, and a server that then trickles its body must not hold a payment call forever.
 * Resolves `undefined` (and cancels the body) when the time runs out.
 */
export function readResponseText(response: Response, timeout: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      response.body?.cancel().catch(() => undefined)
      resolve(undefined)
    }, timeout)
    response.text().then(
      (text) => {
        clearTimeout(timer)
        resolve(text)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}
