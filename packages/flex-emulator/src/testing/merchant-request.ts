// Test-only: builds merchant-authenticated requests straight from docs/protocol.md section 5, so the
// emulator's verifier is checked against an independent reading of the spec (not flex-client).
import { createHash, createHmac, randomUUID } from 'node:crypto'
import type { FlexEmulatorMerchant } from '../merchant-credentials.js'

interface SignOptions {
  method?: string
  /** Path with query. */
  path?: string
  /** The host as the client signs it (default: the URL's host with port). */
  signedHost?: string
  now?: Date
}

export interface JwtOptions extends SignOptions {
  claims?: Record<string, unknown>
  header?: Record<string, unknown>
  omitClaims?: string[]
  secret?: string
}

export interface SignatureOptions extends SignOptions {
  /** Signed header names in order; default `host date request-target digest v-c-merchant-id`. */
  headerNames?: string[]
  extraHeaders?: Record<string, string>
  keyId?: string
  secret?: string
  algorithm?: string
  digestOverride?: string
  merchantIdHeader?: string
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url')

function sha256Base64(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64')
}

export function jwtHeaders(
  url: string,
  merchant: FlexEmulatorMerchant,
  body: string,
  options: JwtOptions = {},
): Record<string, string> {
  const { method = 'POST', path = '/flex/v2/sessions', now = new Date() } = options
  const iat = Math.floor(now.getTime() / 1000)
  const header = { typ: 'JWT', alg: 'HS256', kid: merchant.keyId, ...options.header }
  const claims: Record<string, unknown> = {
    ...(body === '' ? {} : { digest: sha256Base64(body), 'digest-algorithm': 'SHA-256' }),
    iat,
    exp: iat + 120,
    'request-host': options.signedHost ?? new URL(url).host,
    'request-resource-path': path,
    'request-method': method.toLowerCase(),
    iss: merchant.merchantId,
    jti: randomUUID(),
    'v-c-jwt-version': '2',
    'v-c-merchant-id': merchant.merchantId,
    ...options.claims,
  }
  for (const name of options.omitClaims ?? []) delete claims[name]
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`
  const signature = createHmac(
    'sha256',
    Buffer.from(options.secret ?? merchant.sharedSecret, 'base64'),
  )
    .update(signingInput)
    .digest('base64url')
  return {
    'content-type': 'application/json;charset=utf-8',
    accept: 'application/jwt',
    authorization: `Bearer ${signingInput}.${signature}`,
  }
}

export function signatureHeaders(
  url: string,
  merchant: FlexEmulatorMerchant,
  body: string,
  options: SignatureOptions = {},
): Record<string, string> {
  const { method = 'POST', path = '/flex/v2/sessions', now = new Date() } = options
  const values: Record<string, string> = {
    host: options.signedHost ?? new URL(url).host,
    date: now.toUTCString(),
    'v-c-date': now.toUTCString(),
    'v-c-merchant-id': options.merchantIdHeader ?? merchant.merchantId,
    'content-type': 'application/json',
    ...(body === '' ? {} : { digest: options.digestOverride ?? `SHA-256=${sha256Base64(body)}` }),
    ...options.extraHeaders,
  }
  const names =
    options.headerNames ??
    (body === ''
      ? ['host', 'date', 'request-target', 'v-c-merchant-id']
      : ['host', 'date', 'request-target', 'digest', 'v-c-merchant-id'])
  const signingString = names
    .map((name) =>
      name === 'request-target' || name === '(request-target)'
        ? `${name}: ${method.toLowerCase()} ${path}`
        : `${name}: ${values[name]}`,
    )
    .join('\n')
  const signature = createHmac(
    'sha256',
    Buffer.from(options.secret ?? merchant.sharedSecret, 'base64'),
  )
    .update(signingString)
    .digest('base64')
  const headers: Record<string, string> = {
    'content-type': values['content-type'] as string,
    accept: 'application/jwt',
    'v-c-merchant-id': values['v-c-merchant-id'] as string,
    signature: `keyid="${options.keyId ?? merchant.keyId}", algorithm="${options.algorithm ?? 'HmacSHA256'}", headers="${names.join(' ')}", signature="${signature}"`,
  }
  for (const name of names) {
    if (name !== 'request-target' && name !== '(request-target)' && name !== 'host') {
      headers[name] = values[name] as string
    }
  }
  if (body !== '' && !names.includes('digest')) headers.digest = values.digest as string
  if (!names.includes('date') && !names.includes('v-c-date')) headers.date = values.date as string
  return headers
}
