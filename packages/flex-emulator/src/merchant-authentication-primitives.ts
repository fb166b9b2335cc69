import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { FlexEmulatorMerchant } from './merchant-credentials.js'

/** The parts of an HTTP request that merchant authentication looks at. */
export interface AuthenticatedRequest {
  method: string
  /** Path with query, as sent on the request line. */
  target: string
  headers: Record<string, string | string[] | undefined>
  body: Uint8Array
}

/** The outcome: the merchant, or why the request was refused (safe to show, no values). */
export type AuthenticationResult =
  | { ok: true; merchant: FlexEmulatorMerchant; scheme: 'jwt' | 'http-signature' }
  | { ok: false; problem: string }

/** How far a JWT `iat` or a signature's date may be from now. */
export const MAX_SKEW_SECONDS = 300

/** A request header as one string (repeated ones joined), only if it was sent. */
export function header(request: AuthenticatedRequest, name: string): string | undefined {
  // A name from the signature's `headers` list such as `constructor` must not resolve to an
  // inherited property: a signed header that was not sent is missing.
  if (!Object.hasOwn(request.headers, name)) return undefined
  const value = request.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

/** Constant-time comparison of two byte strings. */
export function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  return left.length === right.length && timingSafeEqual(left, right)
}

/** HMAC-SHA256 keyed with the merchant's base64-decoded shared secret. */
export function hmac(merchant: FlexEmulatorMerchant, text: string): Buffer {
  return createHmac('sha256', Buffer.from(merchant.sharedSecret, 'base64'))
    .update(text, 'utf8')
    .digest()
}

/** The base64 SHA-256 of the exact body bytes. */
export function bodyDigest(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64')
}

/** Whether a time in seconds is within ±5 minutes of now. */
export function withinSkew(seconds: number, nowSeconds: number): boolean {
  return Math.abs(seconds - nowSeconds) <= MAX_SKEW_SECONDS
}
