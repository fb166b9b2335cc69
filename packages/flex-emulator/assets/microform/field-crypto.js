// The emulated field's cryptography, with WebCrypto: it verifies the capture context with the
// emulator's long-term key and encrypts the card to the context's one-time key (a compact JWE,
// RSA-OAEP-256 and A256GCM, as flex-jwe writes it).
;(() => {
  const toBase64Url = (bytes) =>
    btoa(String.fromCharCode(...new Uint8Array(bytes)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')
  const fromBase64Url = (text) =>
    Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0))
  const readJson = (text) => JSON.parse(new TextDecoder().decode(fromBase64Url(text)))

  async function verifyContext(captureContext) {
    const [header, payload, signature] = String(captureContext).split('.')
    const { kid } = readJson(header)
    const response = await fetch(`/flex/v2/public-keys/${encodeURIComponent(kid)}`)
    if (!response.ok) return undefined
    const { kty, n, e } = await response.json()
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty, n, e },
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    )
    const signed = new TextEncoder().encode(`${header}.${payload}`)
    const ok = await crypto.subtle.verify(
      'RSASSA-PKCS1-v1_5',
      key,
      fromBase64Url(signature),
      signed,
    )
    const claims = readJson(payload)
    // No expiry check here: the emulator's clock may be moved, and /flex/v2/tokens decides on it.
    if (!ok || claims.ctx[0].data.mfOrigin !== window.location.origin) return undefined
    return claims
  }

  async function encryptFor(jwk, payload) {
    const { n, e, kid } = jwk
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'RSA', n, e },
      { name: 'RSA-OAEP', hash: 'SHA-256' },
      false,
      ['encrypt'],
    )
    const header = toBase64Url(
      new TextEncoder().encode(JSON.stringify({ kid, alg: 'RSA-OAEP-256', enc: 'A256GCM' })),
    )
    const contentKey = crypto.getRandomValues(new Uint8Array(32))
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const aes = await crypto.subtle.importKey('raw', contentKey, 'AES-GCM', false, ['encrypt'])
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(header) },
        aes,
        new TextEncoder().encode(JSON.stringify(payload)),
      ),
    )
    const wrapped = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, contentKey)
    return [
      header,
      toBase64Url(wrapped),
      toBase64Url(iv),
      toBase64Url(sealed.slice(0, -16)),
      toBase64Url(sealed.slice(-16)),
    ].join('.')
  }

  self.FlexEmulatorFieldCrypto = { verifyContext, encryptFor }
})()
