import { serve } from '@hono/node-server'
import { createApp } from './app.js'

// Environment values are `string | undefined`: check them once, at start-up.
function readEnv(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

const app = createApp({
  flex: {
    origin: readEnv('FLEX_ORIGIN'), // e.g. the emulator's http://127.0.0.1:4010
    credentials: {
      merchantId: readEnv('FLEX_MERCHANT_ID'),
      keyId: readEnv('FLEX_KEY_ID'),
      sharedSecret: readEnv('FLEX_SHARED_SECRET'),
    },
  },
})
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 3000) })
