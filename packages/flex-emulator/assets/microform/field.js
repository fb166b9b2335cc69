// One card field of flex-emulator's Microform v2, on the emulator's origin. It answers only a
// parent page whose origin is in the verified capture context's targetOrigins; the number field
// encrypts the card to the context's one-time key and posts it to flx.origin + flx.path, the
// /flex/v2/tokens route. Values cross only to the sibling field, over a same-origin channel.
;(() => {
  const PREFIX = 'flex-microform'
  const { describeNumber, describeSecurityCode } = self.FlexEmulatorCardBrands
  const { verifyContext, encryptFor } = self.FlexEmulatorFieldCrypto
  const { isParentAllowed } = self.FlexEmulatorParentOrigin
  const STYLE_SELECTORS = {
    input: 'input',
    ':focus': 'input:focus',
    ':disabled': 'input:disabled',
    '::placeholder': 'input::placeholder',
    valid: 'input.valid',
    invalid: 'input.invalid',
    '.valid': 'input.valid',
    '.invalid': 'input.invalid',
  }

  const input = document.getElementById('field')
  let state

  const digits = () => input.value.replace(/\D/g, '')

  function describe() {
    return state.field === 'number'
      ? describeNumber(digits(), state.data.allowedCardNetworks)
      : describeSecurityCode(digits())
  }

  function emit(name, data = {}) {
    window.parent.postMessage({ type: `${PREFIX}:event`, name, data }, state.parentOrigin)
  }

  function applyStyles(styles) {
    const rules = Object.entries(styles ?? {}).flatMap(([selector, declarations]) => {
      const target = STYLE_SELECTORS[selector]
      if (!target || typeof declarations !== 'object' || declarations === null) return []
      const body = Object.entries(declarations)
        .filter(
          ([property, value]) =>
            /^[a-z-]{1,40}$/.test(property) &&
            /^[^;{}<>\\]{0,100}$/.test(String(value)) &&
            !/url\(/i.test(String(value)),
        )
        .map(([property, value]) => `${property}:${value}`)
      return [`${target}{${body.join(';')}}`]
    })
    document.getElementById('merchant-styles').textContent = rules.join('\n')
  }

  // The page's state (ready or refused) is on the root element for tests; it holds no data.
  async function init(origin, message) {
    const claims = await verifyContext(message.captureContext).catch(() => undefined)
    const allowed = claims?.ctx[0].data.targetOrigins ?? []
    const parentAllowed = isParentAllowed({
      origin,
      allowed,
      ancestorOrigins: window.location.ancestorOrigins,
      referrer: document.referrer,
      parentIsTop: window.parent === window.top,
    })
    const known = message.field === 'number' || message.field === 'securityCode'
    if (state) return
    if (!known || !parentAllowed) {
      document.documentElement.dataset.state = 'refused'
      return
    }
    state = {
      field: message.field,
      parentOrigin: origin,
      captureContext: message.captureContext,
      claims,
      data: claims.ctx[0].data,
    }
    state.channel = new BroadcastChannel(`${PREFIX}:${message.channel}`)
    state.channel.addEventListener('message', onChannelMessage)
    input.inputMode = 'numeric'
    input.maxLength = message.field === 'number' ? 23 : 4
    input.placeholder = String(message.options?.placeholder ?? '')
    input.disabled = message.options?.disabled === true
    applyStyles(message.styles)
    document.documentElement.dataset.state = 'ready'
    emit('load')
  }

  function onChannelMessage(event) {
    if (state.field === 'securityCode' && event.data?.type === 'security-code-request') {
      const { valid } = describeSecurityCode(digits())
      state.channel.postMessage({
        type: 'security-code',
        id: event.data.id,
        value: digits(),
        valid,
      })
    }
  }

  const SECURITY_CODE_WAIT_MS = 10_000

  function askSecurityCode() {
    const id = crypto.randomUUID()
    return new Promise((resolve) => {
      // A security-code field removed without dispose() never answers: count it as invalid.
      const timer = setTimeout(() => {
        state.channel.removeEventListener('message', listener)
        resolve({ valid: false })
      }, SECURITY_CODE_WAIT_MS)
      const listener = (event) => {
        if (event.data?.type !== 'security-code' || event.data.id !== id) return
        clearTimeout(timer)
        state.channel.removeEventListener('message', listener)
        resolve(event.data)
      }
      state.channel.addEventListener('message', listener)
      state.channel.postMessage({ type: 'security-code-request', id })
    })
  }

  async function createToken(message) {
    const card = { number: digits() }
    const fields = []
    if (!describe().valid) fields.push({ location: 'number', message: 'Validation error' })
    if (message.securityCode) {
      const securityCode = await askSecurityCode()
      if (!securityCode.valid)
        fields.push({ location: 'securityCode', message: 'Validation error' })
      card.securityCode = securityCode.value
    }
    if (fields.length > 0)
      return {
        error: {
          reason: 'CREATE_TOKEN_VALIDATION_FIELDS',
          message: 'One or more fields are invalid.',
          details: fields,
        },
      }
    if (message.expirationMonth) card.expirationMonth = message.expirationMonth
    if (message.expirationYear) card.expirationYear = message.expirationYear
    const jwe = await encryptFor(state.claims.flx.jwk, {
      data: { paymentInformation: { card } },
      context: state.captureContext,
      index: 0,
    })
    const { flx } = state.claims
    const response = await fetch(`${flx.origin}${flx.path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/jwt' },
      body: jwe,
    })
    const text = await response.text()
    if (response.status === 201) return { token: text }
    let body = {}
    try {
      body = JSON.parse(text)
    } catch {}
    const known = /^(CREATE_TOKEN_|CAPTURE_CONTEXT_)/.test(String(body.reason))
    const reason = known ? body.reason : 'CREATE_TOKEN_XHR_ERROR'
    return {
      error: {
        reason,
        message: known ? String(body.message) : 'The token request failed.',
        details: Array.isArray(body.details) ? body.details : [],
      },
    }
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
        .catch(() => ({
          error: { reason: 'CREATE_TOKEN_XHR_ERROR', message: 'The token request failed.' },
        }))
        .then((result) =>
          window.parent.postMessage(
            { type: `${PREFIX}:token`, id: message.id, ...result },
            state.parentOrigin,
          ),
        )
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
