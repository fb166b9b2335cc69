import { createFlexClient, type FlexClientOptions } from 'flex-client'
import { encryptPaymentData, type PaymentData } from 'flex-jwe'
import { createPublicKeyResolver, verifyCaptureContext, verifyTransientToken } from 'flex-jwt'

/** Your application's code under test: card data in, the transient token JWT out. */
export async function tokenizeCard(
  options: FlexClientOptions & { origin: string },
  card: PaymentData,
): Promise<string> {
  const client = createFlexClient(options)
  const keys = createPublicKeyResolver({ origin: options.origin })
  const captureContext = await verifyCaptureContext(
    await client.createSession([
      'paymentInformation.card.number',
      'paymentInformation.card.expirationMonth',
      'paymentInformation.card.expirationYear',
    ]),
    { keys },
  )
  const jwe = await encryptPaymentData(captureContext, card)
  const jwt = await client.createTransientToken(captureContext, jwe)
  return (await verifyTransientToken(jwt, { captureContext })).jwt
}
