import { readFileSync } from 'node:fs'
import type { FlexPublicJwk } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { encryptContent, encryptContentKey } from './encrypt-compact-jwe.js'
import { importEncryptionKey } from './import-encryption-key.js'
import { type JweAlgorithm, RSA_OAEP_HASHES } from './jwe-algorithms.js'
import { createTestCaptureContext } from './test/create-test-capture-context.js'

// Project Wycheproof vectors (Apache-2.0), read from the shared folder beside the repository.
function readVectors<T>(name: string): T {
  const url = new URL(`../../../tooling/test-vectors/wycheproof/${name}`, import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as T
}
const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (byte) => parseInt(byte, 16))
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

interface AeadTest {
  tcId: number
  key: string
  iv: string
  aad: string
  msg: string
  ct: string
  tag: string
  result: 'valid' | 'invalid' | 'acceptable'
}
interface AeadGroup {
  keySize: number
  ivSize: number
  tagSize: number
  tests: AeadTest[]
}

describe('AES-GCM as encryptCompactJwe uses it (Wycheproof aes_gcm_test.json)', () => {
  const groups = readVectors<{ testGroups: AeadGroup[] }>('aes_gcm_test.json').testGroups.filter(
    // A256GCM: 256-bit key, 96-bit IV, 128-bit tag; other groups are not applicable.
    (group) => group.keySize === 256 && group.ivSize === 96 && group.tagSize === 128,
  )
  const tests = groups.flatMap((group) => group.tests)

  it('covers every applicable case', () => {
    expect(tests.length).toBe(66)
  })

  it('agrees with every valid and invalid case', async () => {
    const disagreements: number[] = []
    for (const test of tests) {
      const key = hex(test.key)
      const iv = hex(test.iv)
      const aad = hex(test.aad)
      const { ciphertext, tag } = await encryptContent(key, iv, aad, hex(test.msg))
      const ours = toHex(ciphertext) === test.ct && toHex(tag) === test.tag
      const aesKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt'])
      const opened = await crypto.subtle
        .decrypt(
          { name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 },
          aesKey,
          hex(test.ct + test.tag),
        )
        .then(
          (plain) => toHex(new Uint8Array(plain)) === test.msg,
          () => false,
        )
      // A valid case: we produce exactly its ciphertext and tag. An invalid one (a modified tag):
      // we never produce it, and the same AES-GCM parameters refuse to open it.
      const agrees = test.result === 'valid' ? ours && opened : !ours && !opened
      if (!agrees) disagreements.push(test.tcId)
    }
    expect(disagreements, 'tcIds that disagree').toEqual([])
  })
})

interface OaepTest {
  tcId: number
  msg: string
  ct: string
  label: string
  result: 'valid' | 'invalid' | 'acceptable'
}
interface OaepGroup {
  sha: string
  mgfSha: string
  privateKeyJwk: JsonWebKey & { kid?: string }
  tests: OaepTest[]
}

describe.each([
  ['RSA-OAEP-256', 'rsa_oaep_2048_sha256_mgf1sha256_test.json', 'SHA-256'],
  ['RSA-OAEP', 'rsa_oaep_2048_sha1_mgf1sha1_test.json', 'SHA-1'],
] as const)('%s as encryptCompactJwe uses it (Wycheproof %s)', (algorithm, file, sha) => {
  const groups = readVectors<{ testGroups: OaepGroup[] }>(file).testGroups

  it('uses the hash of the vectors for both OAEP and MGF1', () => {
    for (const group of groups) {
      expect([group.sha, group.mgfSha]).toEqual([sha, sha])
      expect(RSA_OAEP_HASHES[algorithm as JweAlgorithm]).toBe(sha)
    }
  })

  it('agrees with every case: valid ones open, invalid ones are refused', async () => {
    const disagreements: number[] = []
    for (const group of groups) {
      const { alg: _alg, kid: _kid, ...privateJwk } = group.privateKeyJwk
      const privateKey = await crypto.subtle.importKey(
        'jwk',
        privateJwk,
        { name: 'RSA-OAEP', hash: RSA_OAEP_HASHES[algorithm] },
        false,
        ['decrypt'],
      )
      for (const test of group.tests) {
        const params: RsaOaepParams = { name: 'RSA-OAEP' }
        if (test.label !== '') params.label = hex(test.label)
        const opened = await crypto.subtle.decrypt(params, privateKey, hex(test.ct)).then(
          (plain) => toHex(new Uint8Array(plain)) === test.msg,
          () => false,
        )
        if (opened !== (test.result === 'valid')) disagreements.push(test.tcId)
      }
    }
    expect(disagreements, 'tcIds that disagree').toEqual([])
  })

  it('encrypts every valid unlabelled message to the vector key so that its private key opens it', async () => {
    const disagreements: number[] = []
    for (const group of groups) {
      const { n, e, alg: _alg, ...privateMembers } = group.privateKeyJwk
      const publicJwk = { kty: 'RSA', n, e, kid: 'wycheproof' } as FlexPublicJwk
      const { key, algorithm: used } = importEncryptionKey(
        createTestCaptureContext(publicJwk),
        algorithm,
      )
      expect(used).toBe(algorithm)
      const privateKey = await crypto.subtle.importKey(
        'jwk',
        { kty: 'RSA', n, e, ...privateMembers, kid: undefined } as JsonWebKey,
        { name: 'RSA-OAEP', hash: RSA_OAEP_HASHES[algorithm] },
        false,
        ['decrypt'],
      )
      // JWE uses no OAEP label, so the labelled cases do not apply to the encrypting side.
      for (const test of group.tests.filter((t) => t.result === 'valid' && t.label === '')) {
        const encrypted = await encryptContentKey(await key, hex(test.msg))
        const opened = new Uint8Array(
          await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, encrypted),
        )
        if (toHex(opened) !== test.msg || toHex(encrypted) === test.ct) {
          disagreements.push(test.tcId)
        }
      }
    }
    expect(disagreements, 'tcIds that disagree').toEqual([])
  })
})

describe('A256GCM content encryption against RFC 7516 Appendix A.1', () => {
  // RFC 7516 §A.1.2–A.1.8 (RSAES-OAEP and AES GCM): the content key, IV, protected header and
  // plaintext of the example, and the ciphertext and tag of its compact serialization (§A.1.7).
  const contentKey = new Uint8Array([
    177, 161, 244, 128, 84, 143, 225, 115, 63, 180, 3, 255, 107, 154, 212, 246, 138, 7, 110, 91,
    112, 46, 34, 105, 47, 130, 203, 46, 122, 234, 64, 252,
  ])
  const iv = new Uint8Array([227, 197, 117, 252, 2, 219, 233, 68, 180, 225, 77, 219])
  const protectedHeader = 'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ'
  const plaintext = 'The true sign of intelligence is not knowledge but imagination.'

  it('produces the example’s ciphertext and tag byte for byte, the header as AAD', async () => {
    const encoder = new TextEncoder()
    const { ciphertext, tag } = await encryptContent(
      contentKey,
      iv,
      encoder.encode(protectedHeader),
      encoder.encode(plaintext),
    )
    expect(Buffer.from(ciphertext).toString('base64url')).toBe(
      '5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A',
    )
    expect(Buffer.from(tag).toString('base64url')).toBe('XFBoMYUZodetZdvTiFvSkQ')
    expect(Buffer.from(protectedHeader, 'base64url').toString()).toBe(
      '{"alg":"RSA-OAEP","enc":"A256GCM"}',
    )
  })
})
