// Test-only child process: the official cybersource-rest-client pays with transient tokens the
// emulator issued (both authentication types): authorization, capture, refund, voids of the refund
// and the capture, transaction details, reversal, sale and void, token read-back; its model
// classes parse every answer. The card is a test-utils sentinel.
import cybersource from 'cybersource-rest-client'
import { CompactEncrypt, importJWK } from 'jose'
import { SENTINEL_CARD_NUMBERS } from 'test-utils/find-sensitive-data'
import { configuration, emulatorHost } from './official-sdk-configuration.mjs'

const call = (invoke) =>
  new Promise((resolve) => {
    invoke((error, data, response) =>
      resolve({
        error: error ? String(error.status ?? 'error') : undefined,
        data,
        status: response?.status,
      }),
    )
  })

async function transientToken(config) {
  const api = new cybersource.FlexAPIApi(config, new cybersource.ApiClient())
  const request = cybersource.GenerateFlexAPICaptureContextRequest.constructFromObject({
    fields: {
      paymentInformation: { card: { number: {}, expirationMonth: {}, expirationYear: {} } },
    },
  })
  const created = await call((done) => api.generateFlexAPICaptureContext(request, done))
  const context = typeof created.data === 'string' ? created.data : ''
  const claims = JSON.parse(Buffer.from(context.split('.')[1] ?? '', 'base64url').toString())
  const { jwk } = claims.flx
  const key = await importJWK({ ...jwk, alg: 'RSA-OAEP-256' }, 'RSA-OAEP-256')
  const data = {
    paymentInformation: {
      card: { number: SENTINEL_CARD_NUMBERS[0], expirationMonth: '12', expirationYear: '2031' },
    },
  }
  const jwe = await new CompactEncrypt(
    new TextEncoder().encode(JSON.stringify({ data, context, index: 0 })),
  )
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: jwk.kid })
    .encrypt(key)
  const response = await fetch(`https://${emulatorHost}/flex/v2/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/jwt' },
    body: jwe,
  })
  return response.text()
}

const amount = (totalAmount) => ({ amountDetails: { totalAmount, currency: 'USD' } })
const summary = (result, model) => ({
  status: result.status,
  error: result.error,
  parsed: result.data instanceof model,
  answered: result.data?.status,
})

async function pay(config, token, capture) {
  const api = new cybersource.PaymentsApi(config, new cybersource.ApiClient())
  const request = cybersource.CreatePaymentRequest.constructFromObject({
    clientReferenceInformation: { code: 'TC50171_3' },
    processingInformation: { capture },
    orderInformation: amount('102.21'),
    tokenInformation: { transientTokenJwt: token },
  })
  return call((done) => api.createPayment(request, done))
}

async function flows(authenticationType) {
  const config = configuration(authenticationType)
  const client = () => new cybersource.ApiClient()
  const out = { authenticationType }
  const first = await transientToken(config)
  const authorization = await pay(config, first, false)
  out.authorization = summary(authorization, cybersource.PtsV2PaymentsPost201Response)
  out.links = Object.keys(authorization.data?._links ?? {}).sort()
  const id = authorization.data?.id
  const capture = await call((done) =>
    new cybersource.CaptureApi(config, client()).capturePayment(
      cybersource.CapturePaymentRequest.constructFromObject({ orderInformation: amount('102.21') }),
      id,
      done,
    ),
  )
  out.capture = summary(capture, cybersource.PtsV2PaymentsCapturesPost201Response)
  const refund = await call((done) =>
    new cybersource.RefundApi(config, client()).refundCapture(
      cybersource.RefundCaptureRequest.constructFromObject({ orderInformation: amount('2.21') }),
      capture.data?.id,
      done,
    ),
  )
  out.refund = summary(refund, cybersource.PtsV2PaymentsRefundPost201Response)
  const reference = { clientReferenceInformation: { code: 'TC50171_3' } }
  const voidedRefund = await call((done) =>
    new cybersource.VoidApi(config, client()).voidRefund(
      cybersource.VoidRefundRequest.constructFromObject(reference),
      refund.data?.id,
      done,
    ),
  )
  out.voidRefund = summary(voidedRefund, cybersource.PtsV2PaymentsVoidsPost201Response)
  const voidedCapture = await call((done) =>
    new cybersource.VoidApi(config, client()).voidCapture(
      cybersource.VoidCaptureRequest.constructFromObject(reference),
      capture.data?.id,
      done,
    ),
  )
  out.voidCapture = summary(voidedCapture, cybersource.PtsV2PaymentsVoidsPost201Response)
  const details = await call((done) =>
    new cybersource.TransactionDetailsApi(config, client()).getTransaction(id, done),
  )
  out.transaction = summary(details, cybersource.TssV2TransactionsGet200Response)
  const reversible = await pay(config, await transientToken(config), false)
  const reversal = await call((done) =>
    new cybersource.ReversalApi(config, client()).authReversal(
      reversible.data?.id,
      cybersource.AuthReversalRequest.constructFromObject({
        clientReferenceInformation: { code: 'TC50171_3' },
        reversalInformation: { amountDetails: { totalAmount: '102.21' }, reason: 'testing' },
      }),
      done,
    ),
  )
  out.reversal = summary(reversal, cybersource.PtsV2PaymentsReversalsPost201Response)
  const sale = await pay(config, await transientToken(config), true)
  const voided = await call((done) =>
    new cybersource.VoidApi(config, client()).voidPayment(
      cybersource.VoidPaymentRequest.constructFromObject({
        clientReferenceInformation: { code: 'TC50171_3' },
      }),
      sale.data?.id,
      done,
    ),
  )
  out.void = summary(voided, cybersource.PtsV2PaymentsVoidsPost201Response)
  const jti = JSON.parse(Buffer.from(first.split('.')[1] ?? '', 'base64url').toString()).jti
  const tokenDetails = await call((done) =>
    new cybersource.TransientTokenDataV2Api(config, client()).getTransactionForTransientTokenJTI(
      jti,
      done,
    ),
  )
  out.details = { status: tokenDetails.status, error: tokenDetails.error }
  return out
}

const results = []
for (const authenticationType of ['http_signature', 'jwt'])
  results.push(await flows(authenticationType))
process.stdout.write(`${JSON.stringify(results)}\n`)
