import { createUsageError, decodeBase64Url } from 'flex-types/internal'
import type { EmulatorState } from './emulator-state.js'
import type { InspectedTransientToken } from './inspected-transient-token.js'

/** What the emulator recorded for a transient token, found by its jti or by the JWT itself. */
export function inspectTransientToken(
  state: EmulatorState,
  jtiOrJwt: string,
): InspectedTransientToken | undefined {
  if (typeof jtiOrJwt !== 'string') {
    throw createUsageError('inspectTransientToken', 'jtiOrJwt', 'must be a string')
  }
  let jti = jtiOrJwt
  if (jtiOrJwt.includes('.')) {
    const payload = decodeBase64Url(jtiOrJwt.split('.')[1] ?? '')
    try {
      const claims: unknown = payload && JSON.parse(new TextDecoder().decode(payload))
      jti = String((claims as { jti?: unknown } | undefined)?.jti ?? '')
    } catch {
      return undefined
    }
  }
  const record = state.transientTokens.get(jti)
  return record && structuredClone(record)
}
