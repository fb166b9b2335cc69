import { type KeyObject, sign } from 'node:crypto'

/**
 * Signs a compact JWS with RS256 through node:crypto on a KeyObject made once per key: jose's
 * WebCrypto path cost most of the emulator's CPU per flow. The signature is computed on libuv's
 * thread pool (the callback form of `sign`), so the event loop keeps serving requests while a
 * private-key operation runs and the emulator can use more than one core. The header and payload
 * are encoded exactly as given, so member order and escapes stay the caller's.
 */
export function signCompactRs256(
  header: object,
  payload: string,
  privateKey: KeyObject,
): Promise<string> {
  const signingInput = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(signingInput), privateKey, (error, signature) => {
      if (error) reject(error)
      else resolve(`${signingInput}.${signature.toString('base64url')}`)
    })
  })
}
