import type { CaptureContext, CardNetworkName } from 'flex-types'
import { isHttpsOrLoopback } from 'flex-types/internal'
import { claimInvalid } from './check-token-claims.js'

/** A Flex API context (`api-*`): its field lists are `requiredFields` and `optionalFields`. */
export interface FlexApiContextData {
  readonly kind: 'flex-api'
}

/**
 * What the page needs to load a Microform (`mf-*`) context: the script and its SRI value (both
 * absent in `mf-0.11.0` contexts, whose script URL is fixed), the origins allowed to host the
 * fields, and what the customer may pay with.
 */
export interface MicroformContextData {
  readonly kind: 'microform'
  /** The Microform script: an https URL (http only on a loopback host, the emulator). */
  readonly clientLibrary: string | undefined
  /** Its Subresource Integrity value, `sha256-…`, `sha384-…` or `sha512-…`: the `integrity` attribute. */
  readonly clientLibraryIntegrity: string | undefined
  readonly targetOrigins: readonly string[]
  readonly allowedCardNetworks: readonly CardNetworkName[]
  readonly allowedPaymentTypes: readonly string[]
}

/** What the page needs to load a Unified Checkout (`gda-*`, `uc-*`) context. */
export interface UnifiedCheckoutContextData {
  readonly kind: 'unified-checkout'
  /** The Unified Checkout script: an https URL (http only on a loopback host, the emulator). */
  readonly clientLibrary: string
  /**
   * Its Subresource Integrity value, the `integrity` attribute of the script element; `undefined`
   * only when the context carries none (then load the script without it, or refuse to).
   */
  readonly clientLibraryIntegrity: string | undefined
  readonly targetOrigins: readonly string[]
  readonly allowedCardNetworks: readonly CardNetworkName[]
  readonly allowedPaymentTypes: readonly string[]
  /** ISO 3166 alpha-2, when the context says. */
  readonly country: string | undefined
  /** e.g. `en_US`, when the context says. */
  readonly locale: string | undefined
}

/** A context type this SDK does not know: its data stays in `claims.ctx[0].data`. */
export interface OtherContextData {
  readonly kind: 'other'
}

/** The typed `ctx[0].data` of a capture context, by the kind of its type. */
export type CaptureContextData =
  | FlexApiContextData
  | MicroformContextData
  | UnifiedCheckoutContextData
  | OtherContextData

/** A capture context as `verifyCaptureContext` returns it: with its typed `data`. */
export type VerifiedCaptureContext = CaptureContext & { readonly data: CaptureContextData }

// One hash, as the service writes it: base64 of exactly the digest's length.
const INTEGRITY =
  /^(?:sha256-[A-Za-z0-9+/]{43}=|sha384-[A-Za-z0-9+/]{64}|sha512-[A-Za-z0-9+/]{86}==)$/
const MAX_URL_LENGTH = 2048
const MAX_LIST_LENGTH = 64
const NAME = /^[A-Za-z0-9_]{1,64}$/
const CODE = /^[A-Za-z_]{2,16}$/

const isName = (value: unknown) => typeof value === 'string' && NAME.test(value)
const isOrigin = (value: unknown) =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_URL_LENGTH

/**
 * The script and its SRI value. Microform (`pairOnly`): both or neither (`mf-0.11.0` has
 * neither). Unified Checkout: the script always, its integrity when the context has one.
 */
function readClientLibrary(data: Record<string, unknown>, pairOnly: boolean) {
  const { clientLibrary, clientLibraryIntegrity } = data
  if (pairOnly && clientLibrary === undefined && clientLibraryIntegrity === undefined) {
    return { clientLibrary: undefined, clientLibraryIntegrity: undefined }
  }
  let url: URL | undefined
  try {
    if (typeof clientLibrary === 'string' && clientLibrary.length <= MAX_URL_LENGTH) {
      url = new URL(clientLibrary)
    }
  } catch {}
  if (url === undefined || !isHttpsOrLoopback(url) || url.username !== '' || url.password !== '') {
    throw claimInvalid(
      'ctx.data.clientLibrary',
      'the ctx clientLibrary must be an https URL (http only on a loopback host)',
    )
  }
  const integrityNeeded = pairOnly || clientLibraryIntegrity !== undefined
  if (
    integrityNeeded &&
    (typeof clientLibraryIntegrity !== 'string' || !INTEGRITY.test(clientLibraryIntegrity))
  ) {
    throw claimInvalid(
      'ctx.data.clientLibraryIntegrity',
      'the ctx clientLibraryIntegrity must be one sha256-, sha384- or sha512- base64 digest',
    )
  }
  return {
    clientLibrary: clientLibrary as string,
    clientLibraryIntegrity: clientLibraryIntegrity as string | undefined,
  }
}

function readList(
  data: Record<string, unknown>,
  name: string,
  isItem: (value: unknown) => boolean,
): string[] {
  const list = data[name]
  if (list === undefined) return []
  if (!Array.isArray(list) || list.length > MAX_LIST_LENGTH || !list.every(isItem)) {
    throw claimInvalid(`ctx.data.${name}`, `the ctx ${name} must be a short list of valid entries`)
  }
  return [...list]
}

function readCode(data: Record<string, unknown>, name: string): string | undefined {
  const value = data[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !CODE.test(value)) {
    throw claimInvalid(`ctx.data.${name}`, `the ctx ${name} must be a short code`)
  }
  return value
}

function readShared(data: Record<string, unknown>) {
  return {
    targetOrigins: readList(data, 'targetOrigins', isOrigin),
    allowedCardNetworks: readList(data, 'allowedCardNetworks', isName),
    allowedPaymentTypes: readList(data, 'allowedPaymentTypes', isName),
  }
}

/**
 * Reads the typed data of a context type from `ctx[0].data`: a Microform or Unified Checkout
 * script must be https (http only on a loopback host) with a well-formed SRI value, or the
 * context is refused (`claim-invalid`, naming the claim).
 */
export function readContextData(
  type: string,
  data: Record<string, unknown> | undefined,
): CaptureContextData {
  const given = data ?? {}
  if (type.startsWith('api-')) return { kind: 'flex-api' }
  if (type.startsWith('mf-')) {
    return { kind: 'microform', ...readClientLibrary(given, true), ...readShared(given) }
  }
  if (type.startsWith('gda-') || type.startsWith('uc-')) {
    const { clientLibrary, clientLibraryIntegrity } = readClientLibrary(given, false)
    return {
      kind: 'unified-checkout',
      clientLibrary: clientLibrary as string,
      clientLibraryIntegrity,
      ...readShared(given),
      country: readCode(given, 'country'),
      locale: readCode(given, 'locale'),
    }
  }
  return { kind: 'other' }
}
