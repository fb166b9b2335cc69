import { createRedisStorage } from 'flex-redis'
import { SENTINEL_CARD_NUMBERS, SENTINEL_SECURITY_CODE } from 'test-utils'
import { describe, expect, it } from 'vitest'
import { readConfig } from './config.js'
import { startDemoServer } from './start-demo-server.js'
import { useRedisAndEmulator } from './test/redis-and-emulator.js'

const fleet = useRedisAndEmulator()
const { emulatorLines } = fleet

const form = new URLSearchParams({
  'paymentInformation.card.number': SENTINEL_CARD_NUMBERS[3] as string,
  'paymentInformation.card.securityCode': SENTINEL_SECURITY_CODE,
  'paymentInformation.card.expirationMonth': '01',
  'paymentInformation.card.expirationYear': String(new Date().getUTCFullYear() + 3),
  'orderInformation.amountDetails.totalAmount': '10.00',
  'orderInformation.amountDetails.currency': 'USD',
})

describe('startDemoServer with FLEX_DEMO_REDIS_URL', () => {
  it('keeps the store and the key cache in Redis: two instances fetch the key once', async () => {
    const config = readConfig({
      PORT: '0',
      FLEX_DEMO_REDIS_URL: fleet.redis.url,
      FLEX_ORIGIN: fleet.emulator.url,
      FLEX_MERCHANT_ID: fleet.emulator.merchant.merchantId,
      FLEX_KEY_ID: fleet.emulator.merchant.keyId,
      FLEX_SHARED_SECRET: fleet.emulator.merchant.sharedSecret,
    })
    const demos = [
      await startDemoServer(config, { log: () => {} }),
      await startDemoServer(config, { log: () => {} }),
    ]
    const reader = createRedisStorage({ url: fleet.redis.url, prefix: 'flex-demo:' })
    try {
      for (const demo of demos) {
        const response = await fetch(new URL('/payments', demo.url), {
          method: 'POST',
          headers: {
            origin: new URL(demo.url).origin,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: form,
          redirect: 'manual',
        })
        expect(response.status).toBe(303)
      }
      const kid = fleet.emulator.signingKeyIds().at(-1) ?? ''
      expect(JSON.parse((await reader.get(`public-key:${kid}`)) ?? '{}')).toHaveProperty('jwk')
      expect(emulatorLines.filter((line) => line.includes('/flex/v2/public-keys/'))).toHaveLength(1)
      expect(emulatorLines.filter((line) => line.includes('POST /pts/v2/payments'))).toHaveLength(2)
    } finally {
      await Promise.all([reader.close(), ...demos.map((demo) => demo.close())])
    }
  })
})
