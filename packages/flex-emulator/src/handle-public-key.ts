import type { EmulatorState } from './emulator-state.js'
import type { Refusal } from './error-body.js'
import { refuse } from './error-body.js'

/** `GET /flex/v2/public-keys/{kid}`: the bare JWK of a long-term signing key. */
export function handlePublicKey(
  state: EmulatorState,
  kid: string,
): { status: 200; jwk: object } | Refusal {
  const key = state.signingKeys.find(kid)
  if (!key) return refuse(404, 'NOT_FOUND', 'no public key has this kid')
  return { status: 200, jwk: key.publicJwk }
}
