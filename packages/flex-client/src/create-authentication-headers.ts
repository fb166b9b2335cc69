import { encodeBase64Url } from 'flex-types/internal'

/** `'jwt'` (HS256 bearer token, the default) or `'http-signature'` (HMAC-SHA256 signature). */
export type FlexAuthentication = 'jwt' | 'http-signature'

/** The merchant's signing material, held as a non-extractable WebCrypto HMAC key. */
export interface SigningCredentials {
  merchantId: string
  keyId: string
  key: CryptoKey
}

/** What is signed about one request. */
export interface SignedRequest {
  /** Upper-case HTTP method, e.g. `POST`. */
  method: string
  url: URL
  /** The exact bytes that are sent; leave it out for a GET or a DELETE (no digest is signed). */
  body?: Uint8Array | undefined
  now: Date
}

const encoder = new TextEncoder()

function encodeBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * Decodes canonical padded base64 (RFC 4648 §4, the form Cybersource issues shared secrets in);
 * `undefined` for anything else.
 */
export function decodeCanonicalBase64(text: string): Uint8Array | undefined {
  if (
    !/^(?:[A-Za-z0-9+/]{4})+$|^(?:[A-Za-z0-9+/]{4})*[A-Za-z0-9+/]{2}(?:==|[A-Za-z0-9+/]=)$/.test(
      text,
    )
  ) {
    return undefined
  }
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index)
  return encodeBase64(bytes) === text ? bytes : undefined
}

/** Imports a decoded shared secret as a non-extractable HMAC-SHA256 signing key. */
export function importSharedSecret(secret: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    secret as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
}

async function sign(key: CryptoKey, text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)))
}

async function digestBase64(body: Uint8Array = new Uint8Array()): Promise<string> {
  return encodeBase64(
    new Uint8Array(await crypto.subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>)),
  )
}

async function createJwt(credentials: SigningCredentials, request: SignedRequest): Promise<string> {
  const method = request.method.toLowerCase()
  const iat = Math.floor(request.now.getTime() / 1000)
  // Claim order follows the official Node SDK, so a side-by-side diff reads easily.
  const claims = {
    ...(method === 'get' || method === 'delete' || method === 'head'
      ? {}
      : { digest: await digestBase64(request.body), 'digest-algorithm': 'SHA-256' }),
    iat,
    exp: iat + 120,
    // URL.host drops the default port, so real hosts are bare and loopback hosts keep theirs.
    'request-host': request.url.host,
    'request-resource-path': request.url.pathname + request.url.search,
    'request-method': method,
    iss: credentials.merchantId,
    jti: crypto.randomUUID(),
    'v-c-jwt-version': '2',
    'v-c-merchant-id': credentials.merchantId,
  }
  const header = { typ: 'JWT', alg: 'HS256', kid: credentials.keyId }
  const signingInput = `${encodeBase64Url(JSON.stringify(header))}.${encodeBase64Url(JSON.stringify(claims))}`
  return `${signingInput}.${encodeBase64Url(await sign(credentials.key, signingInput))}`
}

async function createHttpSignature(
  credentials: SigningCredentials,
  request: SignedRequest,
): Promise<Record<string, string>> {
  const method = request.method.toLowerCase()
  const hasBody = !(method === 'get' || method === 'delete' || method === 'head')
  const signed: [string, string][] = [
    ['host', request.url.host],
    ['date', request.now.toUTCString()],
    ['request-target', `${method} ${request.url.pathname}${request.url.search}`],
    ...(hasBody
      ? [['digest', `SHA-256=${await digestBase64(request.body)}`] as [string, string]]
      : []),
    ['v-c-merchant-id', credentials.merchantId],
  ]
  const signature = encodeBase64(
    await sign(credentials.key, signed.map(([name, value]) => `${name}: ${value}`).join('\n')),
  )
  const headers: Record<string, string> = {}
  for (const [name, value] of signed) if (name !== 'request-target') headers[name] = value
  headers.signature = `keyid="${credentials.keyId}", algorithm="HmacSHA256", headers="${signed
    .map(([name]) => name)
    .join(' ')}", signature="${signature}"`
  return headers
}

/**
 * The authentication headers of one merchant request (docs/protocol.md section 5), for callers with an
 * HTTP stack of their own: `authorization: Bearer <HS256 JWT>`, or `host`, `date`, `digest`,
 * `v-c-merchant-id` and `signature`. A GET or a DELETE signs no digest. Sign again for every
 * attempt (the JWT lives 2 minutes, the date is checked), and send `body` byte for byte.
 *
 * @example
 * ```ts
 * const key = await crypto.subtle.importKey(
 *   'raw',
 *   Uint8Array.from(atob(sharedSecret), (char) => char.charCodeAt(0)),
 *   { name: 'HMAC', hash: 'SHA-256' },
 *   false,
 *   ['sign'],
 * )
 * const body = new TextEncoder().encode(JSON.stringify(payment))
 * const url = new URL('/pts/v2/payments', 'https://apitest.cybersource.com')
 * const headers = await createAuthenticationHeaders(
 *   'jwt',
 *   { merchantId, keyId, key },
 *   { method: 'POST', url, body, now: new Date() },
 * )
 * await fetch(url, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } })
 * ```
 */
export async function createAuthenticationHeaders(
  scheme: FlexAuthentication,
  credentials: SigningCredentials,
  request: SignedRequest,
): Promise<Record<string, string>> {
  if (scheme === 'http-signature') return createHttpSignature(credentials, request)
  return { authorization: `Bearer ${await createJwt(credentials, request)}` }
}
