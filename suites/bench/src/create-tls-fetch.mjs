import { request } from 'node:https'

/**
 * A fetch that trusts one extra certificate (the emulator's self-signed one), for the SDK
 * packages' injectable `fetch` option: Node's own fetch cannot be given a CA without undici.
 */
export function createTlsFetch(certificate) {
  return async (input, init) => {
    const outgoing = new Request(input, init)
    const body = outgoing.body === null ? undefined : Buffer.from(await outgoing.arrayBuffer())
    return new Promise((resolve, reject) => {
      const call = request(
        outgoing.url,
        {
          method: outgoing.method,
          headers: Object.fromEntries(outgoing.headers),
          ca: certificate,
          signal: outgoing.signal,
        },
        (incoming) => {
          const chunks = []
          incoming.on('data', (chunk) => chunks.push(chunk))
          incoming.on('error', reject)
          incoming.on('end', () => {
            const headers = new Headers()
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const item of [value].flat()) if (item !== undefined) headers.append(name, item)
            }
            const status = incoming.statusCode ?? 500
            const empty = status === 204 || status === 304 || outgoing.method === 'HEAD'
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers }))
          })
        },
      )
      call.on('error', reject)
      call.end(body)
    })
  }
}
