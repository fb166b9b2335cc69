// One card field of flex-emulator's Microform v2, on the emulator's origin. It answers only a
// parent page whose origin is in the verified capture context's targetOrigins; the number field
// encrypts the card to the context's one-time key and posts it to flx.origin + flx.path, the
// /flex/v2/tokens route. Values cross only to the sibling field, over a same-origin channel.
;(() => {
  const PREFIX = 'flex-microform'
  const BRANDS = [
    { name: 'amex', brandedName: 'American Express', cybsCardType: '003', network: 'AMEX', prefix: /^3[47]/, lengths: [15], spaces: [4, 10], securityCode: { name: 'CID', length: 4 } },
    { name: 'dinersclub', brandedName: 'Diners Club', cybsCardType: '005', network: 'DINERSCLUB', prefix: /^3(0[0-5]|[689])/, lengths: [14, 16], spaces: [4, 10], securityCode: { name: 'CVV', length: 3 } },
    { name: 'jcb', brandedName: 'JCB', cybsCardType: '007', network: 'JCB', prefix: /^35(2[89]|[3-8])/, lengths: [16, 17, 18, 19], spaces: [4, 8, 12], securityCode: { name: 'CVV', length: 3 } },
    { name: 'discover', brandedName: 'Discover', cybsCardType: '004', network: 'DISCOVER', prefix: /^6(011|4[4-9]|5)/, lengths: [16, 19], spaces: [4, 8, 12], securityCode: { name: 'CID', length: 3 } },
    { name: 'mastercard', brandedName: 'Mastercard', cybsCardType: '002', network: 'MASTERCARD', prefix: /^(5[1-5]|2(2[2-9]|[3-6]|7[01]|720))/, lengths: [16], spaces: [4, 8, 12], securityCode: { name: 'CVC', length: 3 } },
    { name: 'visa', brandedName: 'Visa', cybsCardType: '001', network: 'VISA', prefix: /^4/, lengths: [13, 16, 19], spaces: [4, 8, 12], securityCode: { name: 'CVV', length: 3 } },
  ]
  const STYLE_SELECTORS = { input: 'input', ':focus': 'input:focus', ':disabled': 'input:disabled', '::placeholder': 'input::placeholder', '.valid': 'input.valid', '.invalid': 'input.invalid' }

  const input = document.getElementById('field')
  let state

  const digits = () => input.value.replace(/\D/g, '')
  const toBase64Url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  const fromBase64Url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0))
  const readJson = (text) => JSON.parse(new TextDecoder().decode(fromBase64Url(text)))

  function luhn(number) {
    let sum = 0
    for (let index = 0; index < number.length; index += 1) {
      let digit = Number(number[number.length - 1 - index])
      if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2
      sum += digit
    }
    return sum % 10 === 0
  }

  function describeNumber() {
    const number = digits()
    const allowed = state.data.allowedCardNetworks
    const card = BRANDS.filter((brand) => brand.prefix.test(number) && (!allowed || allowed.includes(brand.network))).map((brand) => {
      const valid = brand.lengths.includes(number.length) && luhn(number)
      const couldBeValid = valid || number.length < Math.max(...brand.lengths)
      const { name, brandedName, cybsCardType, spaces, lengths, securityCode } = brand
      return { name, brandedName, cybsCardType, spaces, lengths, securityCode, luhn: true, valid, couldBeValid }
    })
    const valid = card.some((each) => each.valid)
    const couldBeValid = number.length === 0 || card.some((each) => each.couldBeValid) || (number.length < 2 && !allowed)
    return { card, empty: number.length === 0, couldBeValid, valid }
  }

  function describeSecurityCode() {
    const code = digits()
    return { empty: code.length === 0, couldBeValid: code.length <= 4, valid: code.length === 3 || code.length === 4 }
  }

  function describe() {
    return state.field === 'number' ? describeNumber() : describeSecurityCode()
  }

  function emit(name, data = {}) {
    window.parent.postMessage({ type: `${PREFIX}:event`, name, data }, state.parentOrigin)
  }

  async function verifyContext(captureContext) {
    const [header, payload, signature] = String(captureContext).split('.')
    const { kid } = readJson(header)
    const response = await fetch(`/flex/v2/public-keys/${encodeURIComponent(kid)}`)
    if (!response.ok) return undefined
    const key = await crypto.subtle.importKey('jwk', await response.json(), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify'])
    const signed = new TextEncoder().encode(`${header}.${payload}`)
    const ok = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, fromBase64Url(signature), signed)
    const claims = readJson(payload)
    if (!ok || claims.exp * 1000 <= Date.now() || claims.ctx[0].data.mfOrigin !== window.location.origin) return undefined
    return claims
  }

  function applyStyles(styles) {
    const rules = Object.entries(styles ?? {}).flatMap(([selector, declarations]) => {
      const target = STYLE_SELECTORS[selector]
      if (!target || typeof declarations !== 'object' || declarations === null) return []
      const body = Object.entries(declarations)
        .filter(([property, value]) => /^[a-z-]{1,40}$/.test(property) && /^[^;{}<>\\]{0,100}$/.test(String(value)) && !/url\(/i.test(String(value)))
        .map(([property, value]) => `${property}:${value}`)
      return [`${target}{${body.join(';')}}`]
    })
    document.getElementById('merchant-styles').textContent = rules.join('\n')
  }

  async function init(origin, message) {
    const claims = await verifyContext(message.captureContext).catch(() => undefined)
    const ancestors = window.location.ancestorOrigins ? [...window.location.ancestorOrigins] : [origin]
    if (!claims || !ancestors.every((each) => claims.ctx[0].data.targetOrigins.includes(each))) return
    if (!claims.ctx[0].data.targetOrigins.includes(origin) || state) return
    state = { field: message.field, parentOrigin: origin, captureContext: message.captureContext, claims, data: claims.ctx[0].data }
    state.channel = new BroadcastChannel(`${PREFIX}:${message.channel}`)
    state.channel.addEventListener('message', onChannelMessage)
    input.inputMode = 'numeric'
    input.maxLength = message.field === 'number' ? 23 : 4
    input.placeholder = String(message.options?.placeholder ?? '')
    input.disabled = message.options?.disabled === true
    applyStyles(message.styles)
    emit('load')
  }

  function onChannelMessage(event) {
    if (state.field === 'securityCode' && event.data?.type === 'security-code-request') {
      const { valid } = describeSecurityCode()
      state.channel.postMessage({ type: 'security-code', id: event.data.id, value: digits(), valid })
    }
  }

  function askSecurityCode() {
    const id = crypto.randomUUID()
    return new Promise((resolve) => {
      const listener = (event) => {
        if (event.data?.type !== 'security-code' || event.data.id !== id) return
        state.channel.removeEventListener('message', listener)
        resolve(event.data)
      }
      state.channel.addEventListener('message', listener)
      state.channel.postMessage({ type: 'security-code-request', id })
    })
  }

  async function encrypt(payload) {
    const { n, e, kid } = state.claims.flx.jwk
    const key = await crypto.subtle.importKey('jwk', { kty: 'RSA', n, e }, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt'])
    const header = toBase64Url(new TextEncoder().encode(JSON.stringify({ kid, alg: 'RSA-OAEP-256', enc: 'A256GCM' })))
    const contentKey = crypto.getRandomValues(new Uint8Array(32))
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const aes = await crypto.subtle.importKey('raw', contentKey, 'AES-GCM', false, ['encrypt'])
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(header) }, aes, new TextEncoder().encode(JSON.stringify(payload))),
    )
    const wrapped = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, contentKey)
    return [header, toBase64Url(wrapped), toBase64Url(iv), toBase64Url(sealed.slice(0, -16)), toBase64Url(sealed.slice(-16))].join('.')
  }

  async function createToken(message) {
    const card = { number: digits() }
    const fields = []
    if (!describeNumber().valid) fields.push({ location: 'number', message: 'Validation error' })
    if (message.securityCode) {
      const securityCode = await askSecurityCode()
      if (!securityCode.valid) fields.push({ location: 'securityCode', message: 'Validation error' })
      card.securityCode = securityCode.value
    }
    if (fields.length > 0) return { error: { reason: 'CREATE_TOKEN_VALIDATION_FIELDS', message: 'One or more fields are invalid.', details: fields } }
    if (message.expirationMonth) card.expirationMonth = message.expirationMonth
    if (message.expirationYear) card.expirationYear = message.expirationYear
    const jwe = await encrypt({ data: { paymentInformation: { card } }, context: state.captureContext, index: 0 })
    const { flx } = state.claims
    const response = await fetch(`${flx.origin}${flx.path}`, { method: 'POST', headers: { 'Content-Type': 'application/jwt' }, body: jwe })
    const text = await response.text()
    if (response.status === 201) return { token: text }
    let body = {}
    try {
      body = JSON.parse(text)
    } catch {}
    const known = /^(CREATE_TOKEN_|CAPTURE_CONTEXT_)/.test(String(body.reason))
    const reason = known ? body.reason : 'CREATE_TOKEN_XHR_ERROR'
    return { error: { reason, message: known ? String(body.message) : 'The token request failed.', details: Array.isArray(body.details) ? body.details : [] } }
  }

  window.addEventListener('message', (event) => {
    const message = event.data
    if (event.source !== window.parent || typeof message?.type !== 'string') return
    if (message.type === `${PREFIX}:init`) return void init(event.origin, message)
    if (!state || event.origin !== state.parentOrigin) return
    if (message.type === `${PREFIX}:clear`) {
      input.value = ''
      emit('change', describe())
    }
    if (message.type === `${PREFIX}:focus`) input.focus()
    if (message.type === `${PREFIX}:update`) {
      input.placeholder = String(message.options?.placeholder ?? '')
      input.disabled = message.options?.disabled === true
      emit('update')
    }
    if (message.type === `${PREFIX}:create-token` && state.field === 'number') {
      createToken(message)
        .catch(() => ({ error: { reason: 'CREATE_TOKEN_XHR_ERROR', message: 'The token request failed.' } }))
        .then((result) => window.parent.postMessage({ type: `${PREFIX}:token`, id: message.id, ...result }, state.parentOrigin))
    }
  })

  input.addEventListener('input', () => {
    if (!state) return
    input.value = input.value.replace(/[^\d ]/g, '')
    const described = describe()
    input.classList.toggle('valid', described.valid)
    input.classList.toggle('invalid', !described.couldBeValid)
    emit('change', described)
  })
  input.addEventListener('focus', () => state && emit('focus'))
  input.addEventListener('blur', () => state && emit('blur'))
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && state) emit('inputSubmitRequest')
  })
})()
