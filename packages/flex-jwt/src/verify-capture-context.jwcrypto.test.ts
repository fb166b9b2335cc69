import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { createPublicKeyResolver } from './create-public-key-resolver.js'
import { AT_NOW, NOW, serveKeys, TEST_ORIGIN } from './test/tokens.js'
import { verifyCaptureContext } from './verify-capture-context.js'
import { verifyTransientToken } from './verify-transient-token.js'

// Debian's python3-jwcrypto, an independent JOSE implementation (not the pyenv python on PATH).
const PYTHON = '/usr/bin/python3'
const available = spawnSync(PYTHON, ['-c', 'import jwcrypto'], { stdio: 'ignore' }).status === 0
const required = Boolean(process.env.CI)

const SCRIPT = `
import json, sys
from jwcrypto import jwk, jwt
now = int(sys.argv[1])
long_term = jwk.JWK.generate(kty='RSA', size=2048, kid='zu')
one_time = jwk.JWK.generate(kty='RSA', size=2048, kid='0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P')
one_time_public = json.loads(one_time.export_public())
one_time_public['use'] = 'enc'
context = jwt.JWT(header={'kid': 'zu', 'alg': 'RS256'}, claims={
  'flx': {'path': '/flex/v2/tokens', 'data': 'b3BhcXVl', 'origin': 'https://testflex.cybersource.com', 'jwk': one_time_public},
  'ctx': [{'type': 'api-0.1.0', 'data': {'requiredFields': ['paymentInformation.card.number'], 'optionalFields': []}}],
  'iss': 'Flex API', 'exp': now + 900, 'iat': now, 'jti': 'aBcDeFgHiJkLmNoP'})
context.make_signed_token(long_term)
token = jwt.JWT(header={'kid': one_time_public['kid'], 'alg': 'RS256'}, claims={
  'iss': 'Flex/08', 'exp': now + 900, 'type': 'mf-2.0.0', 'iat': now, 'jti': 'J' * 64,
  'content': {'paymentInformation': {'card': {'number': {'maskedValue': 'XXXXXXXXXXXX1111', 'bin': '411111'}}}}})
token.make_signed_token(one_time)
print(json.dumps({'jwk': json.loads(long_term.export_public()), 'context': context.serialize(), 'token': token.serialize()}))
`

describe('tokens signed by python3-jwcrypto', () => {
  it.skipIf(!available && !required)(
    `verify here (${available ? 'jwcrypto found' : 'SKIPPED locally: /usr/bin/python3 has no jwcrypto; install python3-jwcrypto'})`,
    async () => {
      if (!available)
        throw new Error(
          'python3-jwcrypto is required under CI but /usr/bin/python3 cannot import it',
        )
      const run = spawnSync(PYTHON, ['-c', SCRIPT, String(NOW)], {
        encoding: 'utf8',
        timeout: 20_000,
      })
      expect(run.status, 'the jwcrypto script failed').toBe(0)
      const { jwk, context, token } = JSON.parse(run.stdout) as {
        jwk: Record<string, unknown>
        context: string
        token: string
      }
      const fetch = serveKeys({ zu: jwk })
      const keys = createPublicKeyResolver({ origin: TEST_ORIGIN, fetch })
      const captureContext = await verifyCaptureContext(context, { keys, currentDate: AT_NOW })
      expect(captureContext).toMatchObject({
        kid: 'zu',
        type: 'api-0.1.0',
        requiredFields: ['paymentInformation.card.number'],
      })
      const transientToken = await verifyTransientToken(token, {
        captureContext,
        currentDate: AT_NOW,
      })
      expect(transientToken).toMatchObject({
        jti: 'J'.repeat(64),
        type: 'mf-2.0.0',
        card: { maskedNumber: 'XXXXXXXXXXXX1111', bin: '411111' },
      })
      expect(fetch.requests).toHaveLength(1)
    },
  )
})
