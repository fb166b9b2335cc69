import { parseArgs } from 'node:util'
import { readPublicUrl } from './read-emulator-options.js'
import {
  type FlexEmulator,
  type FlexEmulatorOptions,
  startFlexEmulator,
} from './start-flex-emulator.js'
import { type CertificateFile, writeCertificateFile } from './write-certificate-file.js'

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
  --port <n>                  port to listen on (default 4010, 0 = any free port)
  --host <address>            address to bind (default 127.0.0.1)
  --public-url <origin>       origin clients reach it at, written into flx.origin
                              (default http://127.0.0.1:<port>; set it when binding 0.0.0.0)
  --tls                       serve HTTPS with a certificate made at start (PEM file path printed)
  --cert-out <path>           write the certificate PEM there (a new file, mode 0600) instead of
                              a fresh private temporary directory
  --merchant-id <id>          merchant id to accept (with --key-id and --shared-secret)
  --key-id <id>               key id to accept
  --shared-secret <b64>       shared secret to accept (padded base64)
  --max-uses <n>              uses allowed per capture context (default 5)
  --max-capture-contexts <n>  capture contexts kept (default 20000)
  --max-connections <n>       open connections at most (default 256)
  --reuse-keys                reuse a few one-time RSA keys (fast start, keys not one-time)
  --quiet                     no request log
  -h, --help                  show this help`

class UsageError extends Error {}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'public-url': { type: 'string' },
  tls: { type: 'boolean' },
  'cert-out': { type: 'string' },
  'merchant-id': { type: 'string' },
  'key-id': { type: 'string' },
  'shared-secret': { type: 'string' },
  'max-uses': { type: 'string' },
  'max-capture-contexts': { type: 'string' },
  'max-connections': { type: 'string' },
  'reuse-keys': { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

// The option a usage error of startFlexEmulator names, as the flag the CLI user typed.
const FLAGS: Record<string, string> = {
  port: '--port',
  host: '--host',
  publicUrl: '--public-url',
  maxUsesPerCaptureContext: '--max-uses',
  maxCaptureContexts: '--max-capture-contexts',
  maxConnections: '--max-connections',
  'merchants[0].merchantId': '--merchant-id',
  'merchants[0].keyId': '--key-id',
  'merchants[0].sharedSecret': '--shared-secret',
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values']

interface CliOptions {
  emulator: FlexEmulatorOptions
  certificatePath: string | undefined
}

function parse(argv: string[]): Values {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true }).values
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
}

function integer(values: Values, name: keyof Values): number | undefined {
  const value = values[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    throw new UsageError(`--${name} must be a non-negative integer`)
  }
  return Number(value)
}

function readOptions(argv: string[]): CliOptions | 'help' {
  const values = parse(argv)
  if (values.help) return 'help'
  const merchantId = values['merchant-id']
  const keyId = values['key-id']
  const sharedSecret = values['shared-secret']
  const given = [merchantId, keyId, sharedSecret].filter((value) => value !== undefined).length
  if (given !== 0 && given !== 3) {
    throw new UsageError('--merchant-id, --key-id and --shared-secret go together')
  }
  if (values['cert-out'] !== undefined && !values.tls) {
    throw new UsageError('--cert-out goes with --tls')
  }
  const publicUrl = values['public-url']
  if (publicUrl !== undefined) {
    try {
      readPublicUrl(publicUrl)
    } catch {
      throw new UsageError(
        '--public-url must be an http: or https: origin, such as https://host:4010',
      )
    }
  }
  const numbers = {
    maxUsesPerCaptureContext: integer(values, 'max-uses'),
    maxCaptureContexts: integer(values, 'max-capture-contexts'),
    maxConnections: integer(values, 'max-connections'),
  }
  return {
    certificatePath: values['cert-out'],
    emulator: {
      port: integer(values, 'port') ?? 4010,
      log: !values.quiet,
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(publicUrl === undefined ? {} : { publicUrl }),
      ...(values.tls ? { tls: true } : {}),
      ...Object.fromEntries(Object.entries(numbers).filter(([, value]) => value !== undefined)),
      ...(values['reuse-keys'] ? { keyPool: { reuseKeys: true } } : {}),
      ...(merchantId !== undefined && keyId !== undefined && sharedSecret !== undefined
        ? { merchants: [{ merchantId, keyId, sharedSecret }] }
        : {}),
    },
  }
}

/** The CLI's words for a startFlexEmulator usage error, or `undefined` for any other error. */
function asCliUsage(error: unknown): string | undefined {
  if ((error as { code?: unknown } | null)?.code !== 'ERR_INVALID_ARG_VALUE') return undefined
  const match = /^startFlexEmulator: (\S+) (.*)$/.exec((error as Error).message)
  const flag = match && FLAGS[match[1] as string]
  return flag ? `${flag} ${match[2]}` : undefined
}

function banner(emulator: FlexEmulator, certificate: CertificateFile | undefined): string {
  const lines = [
    `Flex API emulator listening on ${emulator.url}`,
    '',
    'Test credentials (generated for this run unless given):',
    `  merchantId:   ${emulator.merchant.merchantId}`,
    `  keyId:        ${emulator.merchant.keyId}`,
    `  sharedSecret: ${emulator.merchant.sharedSecret}`,
  ]
  if (certificate !== undefined) {
    lines.push(
      '',
      `TLS certificate: ${certificate.path}`,
      `  trust it with NODE_EXTRA_CA_CERTS=${certificate.path}`,
    )
  }
  lines.push('', 'Press Ctrl+C to stop.')
  return lines.join('\n')
}

async function start(options: CliOptions, io: CliIo): Promise<FlexEmulator | undefined> {
  try {
    return await startFlexEmulator({
      ...options.emulator,
      log: options.emulator.log ? io.log : false,
    })
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    const usage = asCliUsage(error)
    io.error(
      usage !== undefined
        ? `flex-emulator: ${usage}\n\n${USAGE}`
        : code === 'EADDRINUSE'
          ? 'flex-emulator: the port is already in use'
          : `flex-emulator: ${error instanceof Error ? error.message : 'could not start'}`,
    )
    io.exit(usage !== undefined ? 2 : 1)
    return undefined
  }
}

/**
 * The `flex-emulator` command: starts the emulator, prints its URL and test credentials, logs
 * requests (redacted) unless `--quiet`, and closes cleanly on SIGINT or SIGTERM.
 *
 * @example
 * ```ts
 * await runCli(['--port', '4010', '--tls'], { log: console.log, error: console.error, exit: process.exit, onSignal: (s, h) => process.on(s, h) })
 * ```
 */
export async function runCli(argv: string[], io: CliIo): Promise<FlexEmulator | undefined> {
  let options: CliOptions | 'help'
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
  const emulator = await start(options, io)
  if (!emulator) return undefined
  let certificate: CertificateFile | undefined
  if (emulator.certificate !== undefined) {
    try {
      certificate = writeCertificateFile(emulator.certificate, options.certificatePath)
    } catch (error) {
      const exists = (error as { code?: unknown } | null)?.code === 'EEXIST'
      io.error(
        `flex-emulator: could not write the certificate${exists ? ': the file already exists' : ''}`,
      )
      await emulator.close()
      io.exit(1)
      return undefined
    }
  }
  io.log(banner(emulator, certificate))
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    io.log(`${signal}: stopping`)
    certificate?.remove()
    emulator.close().then(
      () => io.exit(0),
      () => io.exit(1),
    )
  }
  io.onSignal('SIGINT', () => stop('SIGINT'))
  io.onSignal('SIGTERM', () => stop('SIGTERM'))
  return emulator
}
