import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  type FlexEmulator,
  type FlexEmulatorOptions,
  startFlexEmulator,
} from './start-flex-emulator.js'

/** Where the CLI writes and how it stops: the real process in `cli.ts`, fakes in tests. */
export interface CliIo {
  log(line: string): void
  error(line: string): void
  exit(code: number): void
  onSignal(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void
}

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
  --reuse-keys          reuse a few one-time RSA keys (fast start, keys not one-time)
  --quiet               no request log
  -h, --help            show this help`

class UsageError extends Error {}

function readOptions(argv: string[]): FlexEmulatorOptions | 'help' {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values']
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true }).values
  } catch (error) {
    // Node's message repeats a stray argument, which may be a mistyped secret.
    const code = (error as { code?: unknown } | null)?.code
    throw new UsageError(
      code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? 'positional arguments are not accepted (every value follows its --option)'
        : error instanceof Error
          ? error.message
          : 'bad arguments',
    )
  }
  if (values.help) return 'help'
  const integer = (value: string | undefined, name: string): number | undefined => {
    if (value === undefined) return undefined
    if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a non-negative integer`)
    return Number(value)
  }
  const merchantId = values['merchant-id']
  const keyId = values['key-id']
  const sharedSecret = values['shared-secret']
  const given = [merchantId, keyId, sharedSecret].filter((value) => value !== undefined).length
  if (given !== 0 && given !== 3) {
    throw new UsageError('--merchant-id, --key-id and --shared-secret go together')
  }
  const maxUses = integer(values['max-uses'], 'max-uses')
  return {
    port: integer(values.port, 'port') ?? 4010,
    log: !values.quiet,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.tls ? { tls: true } : {}),
    ...(maxUses === undefined ? {} : { maxUsesPerCaptureContext: maxUses }),
    ...(values['reuse-keys'] ? { keyPool: { reuseKeys: true } } : {}),
    ...(merchantId !== undefined && keyId !== undefined && sharedSecret !== undefined
      ? { merchants: [{ merchantId, keyId, sharedSecret }] }
      : {}),
  }
}

const OPTIONS = {
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
} as const

/**
 * The `flex-emulator` command: starts the emulator, prints its URL and test credentials, logs
 * requests (redacted) unless `--quiet`, and closes cleanly on SIGINT or SIGTERM.
 */
export async function runCli(argv: string[], io: CliIo): Promise<FlexEmulator | undefined> {
  let options: FlexEmulatorOptions | 'help'
  try {
    options = readOptions(argv)
  } catch (error) {
    io.error(
      `flex-emulator: ${error instanceof Error ? error.message : 'bad arguments'}\n\n${USAGE}`,
    )
    io.exit(2)
    return undefined
  }
  if (options === 'help') {
    io.log(USAGE)
    io.exit(0)
    return undefined
  }
  let emulator: FlexEmulator
  try {
    emulator = await startFlexEmulator({ ...options, log: options.log ? io.log : false })
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    io.error(
      code === 'EADDRINUSE'
        ? 'flex-emulator: the port is already in use'
        : `flex-emulator: ${error instanceof Error ? error.message : 'could not start'}`,
    )
    io.exit(1)
    return undefined
  }
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
  io.log(lines.join('\n'))
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    io.log(`${signal}: stopping`)
    emulator.close().then(
      () => io.exit(0),
      () => io.exit(1),
    )
  }
  io.onSignal('SIGINT', () => stop('SIGINT'))
  io.onSignal('SIGTERM', () => stop('SIGTERM'))
  return emulator
}
