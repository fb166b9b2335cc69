// One scripted Flex flow, written only against the public SDK names and web-standard APIs, so the
// same file runs on Node, Deno, Bun, workerd and the edge-runtime VM. It never prints card data
// or tokens: each step reports its name, pass or fail, and an error code.

const TEST_CARD = {
  paymentInformation: {
    card: {
      number: '4111111111111111',
      securityCode: '123',
      expirationMonth: '12',
      expirationYear: String(new Date().getUTCFullYear() + 3),
    },
  },
  orderInformation: { billTo: { firstName: 'Ada' } },
}

const FIELDS = [
  'paymentInformation.card.number',
  'paymentInformation.card.securityCode',
  'paymentInformation.card.expirationMonth',
  'paymentInformation.card.expirationYear',
  { path: 'orderInformation.billTo.firstName', required: false },
]

function tamper(jwt) {
  const [header, payload, signature] = jwt.split('.')
  const last = signature.at(-2) === 'A' ? 'B' : 'A'
  return [header, payload, `${signature.slice(0, -2)}${last}${signature.at(-1)}`].join('.')
}

async function expectRefusal(run, code) {
  try {
    await run()
  } catch (error) {
    if (error?.code === code) return `refused with ${code}`
    throw new Error(`expected ${code}, got ${error?.code ?? error?.name ?? 'a non-Flex error'}`)
  }
  throw new Error(`expected ${code}, but it was accepted`)
}

/**
 * Runs the flow, the payment included, against the emulator at `env.origin` and returns one result
 * per step.
 * @param {{ sdk: Record<string, Function>, env: { origin: string, merchantId: string, keyId: string, sharedSecret: string } }} options
 */
export async function runFlow({ sdk, env }) {
  const results = []
  const state = {}
  const step = async (name, run) => {
    try {
      const detail = await run()
      results.push({ name, ok: true, detail: detail ?? '' })
    } catch (error) {
      results.push({
        name,
        ok: false,
        detail: `${error?.code ?? error?.name ?? 'Error'}: ${error?.message ?? ''}`.slice(0, 300),
      })
    }
  }
  const client = sdk.createFlexClient({
    origin: env.origin,
    credentials: { merchantId: env.merchantId, keyId: env.keyId, sharedSecret: env.sharedSecret },
  })
  const keys = sdk.createPublicKeyResolver({ origin: env.origin })

  await step('create a session', async () => {
    state.captureContextJwt = await client.createSession(FIELDS)
    if (typeof state.captureContextJwt !== 'string') throw new Error('not a string')
  })
  await step('verify the capture context (key fetched by kid)', async () => {
    state.captureContext = await sdk.verifyCaptureContext(state.captureContextJwt, { keys })
    return `kid ${state.captureContext.kid}, ${state.captureContext.requiredFields.length} required fields`
  })
  await step('refuse a tampered capture context', () =>
    expectRefusal(
      () => sdk.verifyCaptureContext(tamper(state.captureContextJwt), { keys }),
      'ERR_FLEX_TOKEN_INVALID',
    ),
  )
  await step('refuse invalid card data before encrypting', () =>
    expectRefusal(
      () =>
        sdk.encryptPaymentData(state.captureContext, {
          ...TEST_CARD,
          paymentInformation: {
            card: { ...TEST_CARD.paymentInformation.card, number: '4111111111111112' },
          },
        }),
      'ERR_FLEX_DATA_INVALID',
    ),
  )
  await step('encrypt the payment data', async () => {
    state.jwe = await sdk.encryptPaymentData(state.captureContext, TEST_CARD)
    if (state.jwe.split('.').length !== 5) throw new Error('not a compact JWE')
  })
  await step('create the transient token', async () => {
    state.transientTokenJwt = await client.createTransientToken(state.captureContext, state.jwe)
  })
  await step('verify the transient token', async () => {
    const token = await sdk.verifyTransientToken(state.transientTokenJwt, {
      captureContext: state.captureContext,
    })
    if (token.jti.length !== 64) throw new Error('unexpected jti length')
    return `expires in ${Math.round((token.expiresAt.getTime() - Date.now()) / 1000)} s`
  })
  await step('refuse a tampered transient token', () =>
    expectRefusal(
      () =>
        sdk.verifyTransientToken(tamper(state.transientTokenJwt), {
          captureContext: state.captureContext,
        }),
      'ERR_FLEX_TOKEN_INVALID',
    ),
  )
  await step('authorize a payment with the transient token (flex-payments)', async () => {
    const result = await sdk.authorizePayment(client, {
      transientToken: state.transientTokenJwt,
      amount: '10.00',
      currency: 'USD',
    })
    if (result.status !== 'AUTHORIZED') throw new Error(`status ${result.status}`)
    return `${result.status}, ${result.amount} ${result.currency}`
  })
  return results
}
