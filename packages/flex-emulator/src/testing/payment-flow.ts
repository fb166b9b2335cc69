// Test-only: payment requests written from the official model docs and samples (docs/protocol.md
// section 14), signed by merchant-request.ts; not by flex-payments.
import { SENTINEL_CARD_NUMBERS } from 'test-utils'
import type { FlexEmulatorMerchant } from '../merchant-credentials.js'
import type { FlexEmulator } from '../start-flex-emulator.js'
import { CARD_FIELDS, cardData, createCaptureContext, encryptFor, tokenize } from './flow.js'
import { jwtHeaders } from './merchant-request.js'

export const VISA = SENTINEL_CARD_NUMBERS[0] as string

export async function issueTransientToken(
  emulator: FlexEmulator,
  options: {
    number?: string
    /** false: none; a string: this code (test codes only). */
    securityCode?: boolean | string
    expiration?: { month: string; year: string }
    postalCode?: string
    merchant?: FlexEmulatorMerchant
  } = {},
): Promise<string> {
  const data = cardData(options.number ?? VISA)
  const card = (data.paymentInformation as { card: Record<string, unknown> }).card
  if (options.securityCode === false) delete card.securityCode
  if (typeof options.securityCode === 'string') card.securityCode = options.securityCode
  if (options.expiration) {
    card.expirationMonth = options.expiration.month
    card.expirationYear = options.expiration.year
  }
  const fields =
    options.postalCode === undefined
      ? CARD_FIELDS
      : { ...CARD_FIELDS, orderInformation: { billTo: { postalCode: { required: true } } } }
  if (options.postalCode !== undefined) {
    data.orderInformation = { billTo: { postalCode: options.postalCode } }
  }
  const context = await createCaptureContext(emulator, fields)
  const jwe = await encryptFor(context, { data, context, index: 0 })
  const response = await tokenize(emulator, jwe)
  if (response.status !== 201) throw new Error(`tokens answered ${response.status}`)
  return response.text()
}

export function authorizationRequest(
  token: string,
  amount = '102.21',
  extra: { capture?: boolean; currency?: string; transactionId?: string; jti?: string } = {},
): Record<string, unknown> {
  return {
    clientReferenceInformation: {
      code: 'TC50171_3',
      ...(extra.transactionId === undefined ? {} : { transactionId: extra.transactionId }),
    },
    ...(extra.capture === undefined ? {} : { processingInformation: { capture: extra.capture } }),
    orderInformation: {
      amountDetails: { totalAmount: amount, currency: extra.currency ?? 'USD' },
      billTo: { postalCode: '94105', country: 'US' },
    },
    tokenInformation: extra.jti === undefined ? { transientTokenJwt: token } : { jti: extra.jti },
  }
}

export interface PaymentAnswer {
  status: number
  contentType: string | null
  /** The `v-c-correlation-id` header. */
  correlationId: string | null
  // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field in assertions
  body: any
  text: string
}

export async function send(
  emulator: FlexEmulator,
  path: string,
  body: unknown,
  options: {
    method?: string
    merchant?: FlexEmulatorMerchant
    rawBody?: string | Uint8Array<ArrayBuffer>
    headers?: Record<string, string>
  } = {},
): Promise<PaymentAnswer> {
  const method = options.method ?? 'POST'
  const text = options.rawBody ?? (body === undefined ? '' : JSON.stringify(body))
  // jwtHeaders hashes whatever bytes it is given; a Buffer lets a test send invalid UTF-8.
  const headers = {
    ...jwtHeaders(emulator.url, options.merchant ?? emulator.merchant, text as string, {
      method,
      path,
    }),
    accept: 'application/hal+json;charset=utf-8',
    ...options.headers,
  }
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    ...(method === 'GET' ? {} : { body: text }),
  })
  const answer = await response.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(answer)
  } catch {
    parsed = undefined
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    correlationId: response.headers.get('v-c-correlation-id'),
    body: parsed,
    text: answer,
  }
}

export async function authorize(
  emulator: FlexEmulator,
  amount = '102.21',
  extra: { capture?: boolean; currency?: string; transactionId?: string } = {},
): Promise<PaymentAnswer> {
  const token = await issueTransientToken(emulator)
  return send(emulator, '/pts/v2/payments', authorizationRequest(token, amount, extra))
}

export function amountBody(totalAmount: string, currency = 'USD'): Record<string, unknown> {
  return {
    clientReferenceInformation: { code: 'TC50171_3' },
    orderInformation: { amountDetails: { totalAmount: totalAmount, currency: currency } },
  }
}

export function reversalBody(totalAmount: string): Record<string, unknown> {
  return {
    clientReferenceInformation: { code: 'TC50171_3' },
    reversalInformation: { amountDetails: { totalAmount: totalAmount }, reason: 'testing' },
  }
}
