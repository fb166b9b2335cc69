// Test-only child process: the official cybersource-rest-client creates capture contexts at the
// emulator (both authentication types) and verifies them with its own parser. It runs in its own
// process because the parser's key fetch trusts certificates only through NODE_EXTRA_CA_CERTS.
import cybersource from 'cybersource-rest-client'
import { configuration } from './official-sdk-configuration.mjs'

const fields = {
  paymentInformation: {
    card: {
      number: { required: true },
      securityCode: { required: false },
      expirationMonth: { required: true },
      expirationYear: { required: true },
    },
  },
}

function createContext(config) {
  const api = new cybersource.FlexAPIApi(config, new cybersource.ApiClient())
  const request = cybersource.GenerateFlexAPICaptureContextRequest.constructFromObject({ fields })
  return new Promise((resolve) => {
    api.generateFlexAPICaptureContext(request, (error, data, response) => {
      resolve({
        error: error ? String(error.status ?? error.message ?? 'error') : undefined,
        status: response?.status,
        contentType: response?.headers?.['content-type'],
        jwt: typeof data === 'string' ? data : response?.text,
      })
    })
  })
}

function parseContext(jwt, config) {
  return new Promise((resolve) => {
    cybersource.CaptureContextParsingUtility.parseCaptureContextResponse(
      jwt,
      new cybersource.MerchantConfig(config),
      (error, payload) =>
        resolve(error ? { parseError: String(error.message ?? error) } : { payload }),
    )
  })
}

const results = []
for (const authenticationType of ['http_signature', 'jwt']) {
  const config = configuration(authenticationType)
  const created = await createContext(config)
  const parsed = created.jwt ? await parseContext(created.jwt, config) : {}
  results.push({
    authenticationType,
    status: created.status,
    error: created.error,
    contentType: created.contentType,
    parseError: parsed.parseError,
    jti: parsed.payload?.jti,
    type: parsed.payload?.ctx?.[0]?.type,
    origin: parsed.payload?.flx?.origin,
  })
}
process.stdout.write(`${JSON.stringify(results)}\n`)
