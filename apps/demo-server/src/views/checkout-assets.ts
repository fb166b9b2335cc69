/** The checkout page's styles, served from `/assets/checkout.css`. */
export const CHECKOUT_STYLES: string = `
#checkout-form .notice { margin: 0 0 20px; }
.label { font-size: 14px; font-weight: 600; color: var(--ink); }
.hosted-field { height: 44px; border: 1px solid #cfd7df; border-radius: 8px; background: var(--surface); padding: 0 12px; transition: border-color 0.15s, box-shadow 0.15s; }
.hosted-field iframe { border: 0; width: 100%; height: 100%; display: block; }
.hosted-field.flex-microform-focused { border-color: var(--accent); box-shadow: 0 0 0 3px rgba(79, 70, 229, 0.18); }
.hosted-field.flex-microform-invalid { border-color: var(--bad); }
.order-total { font-size: 24px; font-weight: 650; color: var(--ink) !important; }
button[disabled] { opacity: 0.6; cursor: not-allowed; }
`

/**
 * The merchant side of Microform, served from `/assets/checkout.js`: starts the fields from the
 * capture context the server verified, asks them for a transient token on submit, and posts only
 * that token. It never touches a digit of the card (the fields are another origin's iframes).
 */
export const CHECKOUT_SCRIPT: string = `
const form = document.getElementById('checkout-form')
const status = document.getElementById('checkout-status')
const button = document.getElementById('pay-button')
const brand = document.getElementById('card-brand')
const MESSAGES = {
  CAPTURE_CONTEXT_INVALID: "The card fields cannot start on this address: it is not one of the checkout's target origins.",
  CAPTURE_CONTEXT_EXPIRED: 'This checkout has expired: reload the page to start again.',
  CREATE_TOKEN_VALIDATION_FIELDS: 'Check the card number and the security code.',
  CREATE_TOKEN_VALIDATION_PARAMS: 'Choose the expiry month and year.',
  CREATE_TOKEN_NO_FIELDS_LOADED: 'The card fields have not loaded yet.',
}
const show = (message, state) => {
  status.textContent = message
  status.hidden = false
  if (state) form.dataset.state = state
}
const reasonOf = (error) => (error && /^[A-Z_]{1,64}$/.test(String(error.reason)) ? error.reason : 'UNKNOWN')
const describe = (error) => {
  const reason = reasonOf(error)
  return (MESSAGES[reason] || 'The card could not be tokenized.') + ' (' + reason + ')'
}

function start() {
  if (typeof window.Flex !== 'function') {
    show('The browser refused the payment library: its integrity check failed or it could not be loaded. Nothing was sent.', 'library-refused')
    return
  }
  let microform
  try {
    microform = new window.Flex(form.dataset.captureContext).microform('card', {
      styles: { input: { 'font-size': '15px', color: '#1a1f36' } },
    })
  } catch (error) {
    show(describe(error), 'refused')
    return
  }
  const number = microform.createField('number', { placeholder: '•••• •••• •••• ••••' })
  const securityCode = microform.createField('securityCode', { placeholder: '•••' })
  let loaded = 0
  for (const field of [number, securityCode]) {
    field.on('load', () => {
      loaded += 1
      if (loaded === 2) {
        form.dataset.state = 'ready'
        button.disabled = false
      }
    })
  }
  number.on('change', (data) => {
    brand.textContent = (data.card && data.card[0] && data.card[0].brandedName) || ''
  })
  number.load('#number-container')
  securityCode.load('#securityCode-container')
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    button.disabled = true
    status.hidden = true
    form.dataset.state = 'tokenizing'
    const expirationMonth = document.getElementById('expiration-month').value
    const expirationYear = document.getElementById('expiration-year').value
    microform.createToken({ expirationMonth, expirationYear }, (error, token) => {
      if (error) {
        show(describe(error), 'ready')
        button.disabled = false
        return
      }
      form.elements.transientToken.value = token
      form.dataset.state = 'posting'
      form.submit()
    })
  })
}

start()
`
