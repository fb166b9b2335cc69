import { decodeBase64Url } from 'flex-types'
import { compactDecrypt, type JWK } from 'jose'

/** Key management algorithms the emulator decrypts; RSA1_5 and everything else are refused. */
const ALLOWED_KEY_ALGORITHMS: readonly string[] = ['RSA-OAEP-256', 'RSA-OAEP']
/** The only content encryption accepted. */
const ALLOWED_CONTENT_ENCRYPTION: readonly string[] = ['A256GCM']

const ALLOWED_HEADER_MEMBERS = new Set(['alg', 'enc', 'kid'])
const COMPACT_JWE =
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

/** The protected header of a compact JWE, when it is one the emulator is willing to decrypt. */
function readJweHeader(jwe: string): { alg: string; enc: string; kid?: string } | undefined {
  if (!COMPACT_JWE.test(jwe)) return undefined
  const bytes = decodeBase64Url(jwe.slice(0, jwe.indexOf('.')))
  if (!bytes) return undefined
  let header: unknown
  try {
    header = JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return undefined
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined
  const members = header as Record<string, unknown>
  if (!Object.keys(members).every((name) => ALLOWED_HEADER_MEMBERS.has(name))) return undefined
  const { alg, enc, kid } = members
  if (typeof alg !== 'string' || !ALLOWED_KEY_ALGORITHMS.includes(alg)) return undefined
  if (typeof enc !== 'string' || !ALLOWED_CONTENT_ENCRYPTION.includes(enc)) return undefined
  if (kid !== undefined && typeof kid !== 'string') return undefined
  return kid === undefined ? { alg, enc } : { alg, enc, kid }
}

/**
 * Decrypts a compact JWE with the allow-list (RSA-OAEP-256 or RSA-OAEP, A256GCM, header members
 * `alg`, `enc`, `kid` only, so no `zip`). Every failure (bad shape, refused algorithm, unknown
 * key, wrong key, bad tag) gives the same `undefined`: a caller cannot tell them apart.
 */
export async function decryptPaymentJwe(
  jwe: string,
  resolveKey: (kid: string | undefined) => JWK | undefined,
): Promise<Uint8Array | undefined> {
  const header = readJweHeader(jwe)
  if (!header) return undefined
  const privateJwk = resolveKey(header.kid)
  if (!privateJwk) return undefined
  try {
    const { plaintext } = await compactDecrypt(jwe, privateJwk, {
      keyManagementAlgorithms: [...ALLOWED_KEY_ALGORITHMS],
      contentEncryptionAlgorithms: [...ALLOWED_CONTENT_ENCRYPTION],
    })
    return plaintext
  } catch {
    return undefined
  }
}
