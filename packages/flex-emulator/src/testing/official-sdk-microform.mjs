// Test-only child process: the official cybersource-rest-client's MicroformIntegrationApi and
// both Unified Checkout APIs, unchanged, create capture contexts at the emulator with both
// authentication types; one Microform request with an http origin that is not localhost.
import cybersource from 'cybersource-rest-client'
import { configuration } from './official-sdk-configuration.mjs'

const microform = {
  clientVersion: 'v2.0',
  targetOrigins: ['http://localhost:3000', 'https://shop.example'],
  allowedCardNetworks: ['VISA', 'MASTERCARD'],
  allowedPaymentTypes: ['CARD'],
}
const checkout = {
  clientVersion: '0.33',
  targetOrigins: ['https://shop.example'],
  allowedCardNetworks: ['VISA'],
  allowedPaymentTypes: ['PANENTRY'],
  country: 'US',
  locale: 'en_US',
}
const amount = { amountDetails: { totalAmount: '21.00', currency: 'USD' } }

const calls = {
  microform: (config, body) =>
    call(
      new cybersource.MicroformIntegrationApi(config, new cybersource.ApiClient()),
      'generateCaptureContext',
      cybersource.GenerateCaptureContextRequest.constructFromObject(body),
    ),
  'up-v1': (config) =>
    call(
      new cybersource.UnifiedCheckoutCaptureContextApi(config, new cybersource.ApiClient()),
      'generateUnifiedCheckoutCaptureContext',
      cybersource.GenerateUnifiedCheckoutCaptureContextRequest.constructFromObject({
        ...checkout,
        orderInformation: amount,
      }),
    ),
  'uc-v1': (config) =>
    call(
      new cybersource.UnifiedCheckoutV1CaptureContextApi(config, new cybersource.ApiClient()),
      'generateUnifiedCheckoutV1CaptureContext',
      cybersource.GenerateUnifiedCheckoutV1CaptureContextRequest.constructFromObject({
        ...checkout,
        data: { orderInformation: amount },
      }),
    ),
}

// The SDK writes JSON.stringify(response.data); for a String return type the data is the text.
function readErrorBody(text) {
  const parsed = JSON.parse(text ?? 'null')
  return typeof parsed === 'string' ? parsed : JSON.stringify(parsed)
}

function call(api, method, request) {
  return new Promise((resolve) => {
    api[method](request, (error, data, response) => {
      const jwt = typeof data === 'string' ? data : undefined
      const payload = jwt
        ? JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString())
        : undefined
      resolve({
        status: response?.status ?? error?.status,
        type: payload?.ctx?.[0]?.type,
        body: error ? readErrorBody(error.response?.text) : undefined,
      })
    })
  })
}

const results = []
for (const authenticationType of ['http_signature', 'jwt']) {
  const config = configuration(authenticationType)
  for (const [name, run] of Object.entries(calls)) {
    results.push({ authenticationType, name, ...(await run(config, microform)) })
  }
}
const refused = await calls.microform(configuration('jwt'), {
  ...microform,
  targetOrigins: ['http://shop.example'],
})
results.push({ authenticationType: 'jwt', name: 'microform-http-origin', ...refused })
process.stdout.write(`${JSON.stringify(results)}\n`)
