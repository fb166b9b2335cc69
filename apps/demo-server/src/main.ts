import { ConfigError, readConfig } from './config.js'
import { createJsonLogger } from './create-json-logger.js'
import { startDemoServer } from './start-demo-server.js'

const log = createJsonLogger(process.stdout)

let config: ReturnType<typeof readConfig>
try {
  config = readConfig(process.env)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`demo-server: ${error.message}\n`)
  process.exit(1)
}

let demo: Awaited<ReturnType<typeof startDemoServer>>
try {
  demo = await startDemoServer(config, { log })
} catch (error) {
  const code = (error as { code?: unknown }).code
  process.stderr.write(
    code === 'EADDRINUSE'
      ? `demo-server: PORT ${config.port} is already in use: set PORT to a free port\n`
      : `demo-server: could not start (${error instanceof Error ? error.name : 'error'}${typeof code === 'string' ? ` ${code}` : ''})\n`,
  )
  process.exit(1)
}

if (demo.target.kind === 'emulator') {
  process.stdout.write(
    `No FLEX_MERCHANT_ID, FLEX_KEY_ID and FLEX_SHARED_SECRET given: started the Flex emulator in-process at ${demo.target.origin}\n`,
  )
} else {
  process.stdout.write(`Flex calls go to ${demo.target.label} (${demo.target.origin})\n`)
}
if (config.redisUrl) {
  // Not the URL: it may hold the Redis password.
  process.stdout.write(
    'Capture contexts, used tokens and public keys are kept in FLEX_DEMO_REDIS_URL\n',
  )
}
process.stdout.write(`Virtual terminal: ${demo.url}\n`)
process.stdout.write(
  `Customer checkout: ${demo.url.replace('//127.0.0.1:', '//localhost:')}checkout (Microform takes http on localhost only)\n`,
)
log({ level: 'info', msg: 'listening', url: demo.url, flex: demo.target.kind })

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  log({ level: 'info', msg: 'shutting down', signal })
  await demo.close()
  log({ level: 'info', msg: 'stopped' })
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
