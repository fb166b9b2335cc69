#!/usr/bin/env node
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startFlexEmulator } from './start-flex-emulator.js'

const USAGE = `Usage: flex-emulator [options]

A local Cybersource Flex API v2 server for development and tests.

Options:
  --port <n>            port to listen on (default 4010, 0 = any free port)
  --host <address>      address to bind (default 127.0.0.1)
  --tls                 serve HTTPS with a certificate made at start (PEM file path printed)
  --merchant-id <id>    merchant id to accept (with --key-id and --shared-secret)
  --key-id <id>         key id to accept
  --shared-secret <b64> shared secret to accept (padded base64)
  --max-uses <n>        uses allowed per capture context (default 5)
  --reuse-keys          reuse a few one-time RSA keys (fast start, not one-time)
  --quiet               no request log
  -h, --help            show this help`

function fail(message: string): never {
  console.error(`flex-emulator: ${message}\n\n${USAGE}`)
  process.exit(2)
}

function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) fail(`--${name} must be a non-negative integer`)
  return Number(value)
}

let parsed: ReturnType<typeof parse>
function parse() {
  return parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      tls: { type: 'boolean' },
      'merchant-id': { type: 'string' },
      'key-id': { type: 'string' },
      'shared-secret': { type: 'string' },
      'max-uses': { type: 'string' },
      'reuse-keys': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
}
try {
  parsed = parse()
} catch (error) {
  fail(error instanceof Error ? error.message : 'bad arguments')
}
const { values } = parsed
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const credentials = [values['merchant-id'], values['key-id'], values['shared-secret']]
if (
  credentials.some((value) => value !== undefined) &&
  credentials.some((value) => value === undefined)
) {
  fail('--merchant-id, --key-id and --shared-secret go together')
}
const maxUses = integerOption(values['max-uses'], 'max-uses')

try {
  const emulator = await startFlexEmulator({
    port: integerOption(values.port, 'port') ?? 4010,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.tls ? { tls: true } : {}),
    ...(maxUses === undefined ? {} : { maxUsesPerCaptureContext: maxUses }),
    ...(values['reuse-keys'] ? { keyPool: { reuseKeys: true } } : {}),
    ...(values['merchant-id'] !== undefined
      ? {
          merchants: [
            {
              merchantId: values['merchant-id'],
              keyId: values['key-id'] ?? '',
              sharedSecret: values['shared-secret'] ?? '',
            },
          ],
        }
      : {}),
    log: !values.quiet,
  })
  const lines = [
    `Flex API emulator listening on ${emulator.url}`,
    '',
    'Test credentials (generated for this run unless given):',
    `  merchantId:   ${emulator.merchant.merchantId}`,
    `  keyId:        ${emulator.merchant.keyId}`,
    `  sharedSecret: ${emulator.merchant.sharedSecret}`,
  ]
  if (emulator.certificate !== undefined) {
    const certificatePath = join(tmpdir(), `flex-emulator-${emulator.port}.pem`)
    writeFileSync(certificatePath, emulator.certificate)
    lines.push(
      '',
      `TLS certificate: ${certificatePath}`,
      `  trust it with NODE_EXTRA_CA_CERTS=${certificatePath}`,
    )
  }
  lines.push('', 'Press Ctrl+C to stop.')
  console.log(lines.join('\n'))
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping`)
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
} catch (error) {
  const code = (error as { code?: unknown } | null)?.code
  console.error(
    code === 'EADDRINUSE'
      ? 'flex-emulator: the port is already in use'
      : `flex-emulator: ${error instanceof Error ? error.message : 'could not start'}`,
  )
  process.exit(1)
}
