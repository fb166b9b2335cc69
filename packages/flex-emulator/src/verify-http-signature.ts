import type { JwtIdRegister } from './jwt-id-register.js'
import {
  type AuthenticatedRequest,
  type AuthenticationResult,
  bodyDigest,
  header,
  hmac,
  MAX_SKEW_SECONDS,
  sameBytes,
  withinSkew,
} from './merchant-authentication-primitives.js'
import type { FlexEmulatorMerchant } from './merchant-credentials.js'
import { MAX_SIGNATURE_HEADER_LENGTH, parseSignatureHeader } from './parse-signature-header.js'

/** `Sun, 06 Nov 1994 08:49:37 GMT`, what `Date.prototype.toUTCString` writes. */
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/

function decodeBase64(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined
  return Buffer.from(value, 'base64')
}

const REPLAY_GRACE_SECONDS = 2

type Refusal = { ok: false; problem: string }

const refuse = (problem: string): Refusal => ({ ok: false, problem })

function coverageProblem(request: AuthenticatedRequest, signed: Set<string>): Refusal | undefined {
  const required = [
    'host',
    'v-c-merchant-id',
    signed.has('(request-target)') ? '(request-target)' : 'request-target',
    signed.has('date') ? 'date' : 'v-c-date',
    ...(request.body.length > 0 ? ['digest'] : []),
  ]
  const missing = required.filter((name) => !signed.has(name))
  return missing.length > 0 ? refuse(`the signature must cover ${missing.join(', ')}`) : undefined
}

function signingString(request: AuthenticatedRequest, names: string[]): string | Refusal {
  const lines: string[] = []
  for (const name of names) {
    if (name === 'request-target' || name === '(request-target)') {
      lines.push(`${name}: ${request.method.toLowerCase()} ${request.target}`)
      continue
    }
    const value = header(request, name)
    // The name comes from the request: it is not repeated in the answer.
    if (value === undefined) return refuse('a header the signature covers is missing')
    lines.push(`${name}: ${value}`)
  }
  return lines.join('\n')
}

function signedDateSeconds(
  request: AuthenticatedRequest,
  signed: Set<string>,
  nowSeconds: number,
): number | Refusal {
  const dateHeader = header(request, signed.has('date') ? 'date' : 'v-c-date') ?? ''
  // Date.parse alone takes ISO dates and local times too: a client sending those would pass
  // here and fail at the real service.
  if (!IMF_FIXDATE.test(dateHeader)) return refuse('the date must be an RFC 7231 IMF-fixdate')
  const dateSeconds = Math.floor(Date.parse(dateHeader) / 1000)
  if (Number.isNaN(dateSeconds) || !withinSkew(dateSeconds, nowSeconds)) {
    return refuse('the date is missing or more than 5 minutes away')
  }
  return dateSeconds
}

/**
 * Verifies the HTTP Signature scheme of docs/protocol.md section 5; with `replays`, a signature
 * identical to one accepted before is refused while its date is within ±5 minutes, unless that
 * date is within REPLAY_GRACE_SECONDS of now.
 */
export function verifyHttpSignature(
  request: AuthenticatedRequest,
  signatureHeader: string,
  merchants: ReadonlyMap<string, FlexEmulatorMerchant>,
  nowSeconds: number,
  replays: JwtIdRegister | undefined,
): AuthenticationResult {
  // Checked before anything reads the header: it is the caller's text, sent unauthenticated.
  if (signatureHeader.length > MAX_SIGNATURE_HEADER_LENGTH) {
    return refuse(`the signature header is longer than ${MAX_SIGNATURE_HEADER_LENGTH} characters`)
  }
  const parameters = parseSignatureHeader(signatureHeader)
  const keyId = parameters.get('keyid')
  const merchant = keyId === undefined ? undefined : merchants.get(keyId)
  if (!merchant) return refuse('unknown key id')
  if (parameters.get('algorithm') !== 'HmacSHA256') {
    return refuse('the signature algorithm must be HmacSHA256')
  }
  const names = (parameters.get('headers') ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  const signed = new Set(names)
  const uncovered = coverageProblem(request, signed)
  if (uncovered) return uncovered
  const text = signingString(request, names)
  if (typeof text !== 'string') return text
  const signatureText = parameters.get('signature') ?? ''
  const signature = decodeBase64(signatureText)
  if (!signature || !sameBytes(signature, hmac(merchant, text))) {
    return refuse('the HTTP signature does not match')
  }
  if (header(request, 'v-c-merchant-id') !== merchant.merchantId) {
    return refuse('the merchant id does not belong to this key')
  }
  const dateSeconds = signedDateSeconds(request, signed, nowSeconds)
  if (typeof dateSeconds !== 'number') return dateSeconds
  if (signed.has('digest') || request.body.length > 0) {
    if (header(request, 'digest') !== `SHA-256=${bodyDigest(request.body)}`) {
      return refuse('the digest does not match the body')
    }
  }
  // The scheme has no nonce and its date counts whole seconds: a client that sends the same
  // request twice within a second (two tabs, a quick retry) signs it identically, so a repeat
  // dated within REPLAY_GRACE_SECONDS of now is accepted; an older verbatim copy is a replay.
  // Past the date + 5 minutes it is refused as stale anyway, so it is not remembered longer.
  const replayId = `signature ${merchant.keyId} ${signatureText}`
  const fresh = Math.abs(nowSeconds - dateSeconds) <= REPLAY_GRACE_SECONDS
  if (
    replays &&
    !replays.remember(replayId, dateSeconds + MAX_SKEW_SECONDS, nowSeconds) &&
    !fresh
  ) {
    return refuse('the HTTP signature was used before (same signature)')
  }
  return { ok: true, merchant, scheme: 'http-signature' }
}
