import { decodeBase64Url } from 'flex-types/internal'
import type { EmulatorState } from './emulator-state.js'
import { type Refusal, refuse } from './error-body.js'
import { readContentType } from './read-content-type.js'

function jweKid(contentType: unknown, body: Uint8Array): string | undefined {
  let jwe = Buffer.from(body).toString('utf8').trim()
  try {
    if (readContentType(contentType).mediaType === 'application/json') {
      const keyId = (JSON.parse(jwe) as { keyId?: unknown } | null)?.keyId
      jwe = typeof keyId === 'string' ? keyId.trim() : ''
    }
    const header = decodeBase64Url(jwe.slice(0, jwe.indexOf('.')))
    const kid = header && (JSON.parse(new TextDecoder().decode(header)) as { kid?: unknown })?.kid
    return typeof kid === 'string' ? kid : undefined
  } catch {
    return undefined
  }
}

/**
 * The answer to a `/tokens` request that the tokens handler could not decrypt because its
 * capture context was forgotten (long expired, or evicted past `maxCaptureContexts`): the
 * real service's answer for an expired context, the one the emulator gives while it still
 * remembers it. `undefined` when the JWE's kid names no forgotten context.
 */
export function refuseForgottenContext(
  state: EmulatorState,
  request: { headers: Record<string, string | string[] | undefined>; body: Uint8Array },
): Refusal | undefined {
  if (state.forgottenKids.size === 0) return undefined
  const kid = jweKid(request.headers['content-type'], request.body)
  if (kid === undefined || !state.forgottenKids.has(kid)) return undefined
  return refuse(400, 'CAPTURE_CONTEXT_EXPIRED', 'The capture context has expired')
}
