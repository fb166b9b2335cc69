import { type KeyObject, sign } from 'node:crypto'

/**
 * Signs a compact JWS with RS256 through node:crypto on a KeyObject made once per key: jose's
 * WebCrypto path cost most of the emulator's CPU per flow. The header and payload are encoded
 * exactly as given, so member order and escapes stay the caller's.
 */
export function signCompactRs256(header: object, payload: string, privateKey: KeyObject): string {
  const signingInput = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`
  const signature = sign('sha256', Buffer.from(signingInput), privateKey)
  return `${signingInput}.${signature.toString('base64url')}`
}
