import { createFlexClient } from 'flex-client'
import type { FlexEmulator } from 'flex-emulator'
import { encryptPaymentData } from 'flex-jwe'
import { createPublicKeyResolver, verifyCaptureContext } from 'flex-jwt'

/** A transient token from the real flow against `emulator`: session, verified context, JWE, token. */
export async function issueEmulatorToken(
  emulator: FlexEmulator,
  number: string,
  securityCode: string,
): Promise<string> {
  const flex = createFlexClient({ origin: emulator.url, credentials: emulator.merchant })
  const captureContext = await verifyCaptureContext(
    await flex.createSession([
      'paymentInformation.card.number',
      'paymentInformation.card.securityCode',
      'paymentInformation.card.expirationMonth',
      'paymentInformation.card.expirationYear',
    ]),
    { keys: createPublicKeyResolver({ origin: emulator.url }) },
  )
  const jwe = await encryptPaymentData(captureContext, {
    paymentInformation: {
      card: { number, securityCode, expirationMonth: '12', expirationYear: '2031' },
    },
  })
  return flex.createTransientToken(captureContext, jwe)
}
