// Test-only: the official cybersource-rest-client configuration the child scripts share, read from
// the env their parent test sets (run-official-sdk.ts).
const { FLEX_EMULATOR_HOST, FLEX_MERCHANT_ID, FLEX_KEY_ID, FLEX_SHARED_SECRET, FLEX_CA_PATH } =
  process.env

export const emulatorHost = FLEX_EMULATOR_HOST

export function configuration(authenticationType) {
  return {
    authenticationType,
    ...(authenticationType === 'jwt' ? { jwtKeyType: 'SHARED_SECRET' } : {}),
    runEnvironment: FLEX_EMULATOR_HOST,
    merchantID: FLEX_MERCHANT_ID,
    merchantKeyId: FLEX_KEY_ID,
    merchantsecretKey: FLEX_SHARED_SECRET,
    sslCaCert: FLEX_CA_PATH,
    logConfiguration: { enableLog: false },
  }
}
