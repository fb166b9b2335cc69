import { readFileSync } from 'node:fs'
import { formatCliOutput } from './format-cli-output.js'
import { type CliOptions, readCliOptions } from './read-cli-options.js'
import { type FlexEmulator, startFlexEmulator } from './start-flex-emulator.js'
import { type CertificateFile, writeCertificateFile } from './write-certificate-file.js'

/** Where the CLI writes and how it stops: the real process in `cli.ts`, fakes in tests. */
export interface CliIo {
  log(line: string): void
  error(line: string): void
  exit(code: number): void
  onSignal(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void
  /** Where `FLEX_*` credentials are read from (`process.env` in `cli.ts`). Default: none. */
  env?: Readonly<Record<string, string | undefined>>
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
  --merchant-id <id>          merchant id to accept (with --key-id and --shared-secret;
                              default FLEX_MERCHANT_ID, else generated)
  --key-id <id>               key id to accept (default FLEX_KEY_ID)
  --shared-secret <b64>       shared secret to accept, padded base64 (default FLEX_SHARED_SECRET)
  --max-uses <n>              uses allowed per capture context (default 5)
  --max-capture-contexts <n>  capture contexts kept (default 20000)
  --max-connections <n>       open connections at most (default 256)
  --reuse-keys                reuse a few one-time RSA keys (fast start, keys not one-time)
  --control-token <token>     require this Bearer token on the control API under /__emulator/
                              (default FLEX_EMULATOR_CONTROL_TOKEN; without one the control API
                              is on only when bound to a loopback address)
  --json                      print {"url","merchantId","keyId","sharedSecret"} as one JSON line
                              (request log on stderr)
  --print-env                 print FLEX_ORIGIN=… FLEX_MERCHANT_ID=… FLEX_KEY_ID=…
                              FLEX_SHARED_SECRET=… lines (request log on stderr)
  --quiet                     no request log
  -v, --version               print the version
  -h, --help                  show this help`

// The option a usage error of startFlexEmulator names, as the flag the CLI user typed.
const FLAGS: Record<string, string> = {
  port: '--port',
  host: '--host',
  publicUrl: '--public-url',
  maxUsesPerCaptureContext: '--max-uses',
  maxCaptureContexts: '--max-capture-contexts',
  maxConnections: '--max-connections',
  controlToken: '--control-token',
  'merchants[0].merchantId': '--merchant-id',
  'merchants[0].keyId': '--key-id',
  'merchants[0].sharedSecret': '--shared-secret',
}

// The package root is one level up from src/ (tests) and from dist/ (the built CLI).
function readVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  return String((manifest as { version?: unknown }).version)
}

/** The CLI's words for a startFlexEmulator usage error, or `undefined` for any other error. */
function asCliUsage(error: unknown): string | undefined {
  if ((error as { code?: unknown } | null)?.code !== 'ERR_INVALID_ARG_VALUE') return undefined
  const match = /^startFlexEmulator: (\S+) (.*)$/.exec((error as Error).message)
  const flag = match && FLAGS[match[1] as string]
  return flag ? `${flag} ${match[2]}` : undefined
}

async function start(options: CliOptions, io: CliIo): Promise<FlexEmulator | undefined> {
  try {
    return await startFlexEmulator({
      ...options.emulator,
      // With --json or --print-env, stdout carries only the machine-readable part.
      log: options.emulator.log ? (options.output === 'banner' ? io.log : io.error) : false,
    })
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    const usage = asCliUsage(error)
    io.error(
      usage !== undefined
        ? `flex-emulator: ${usage}\n\n${USAGE}`
        : code === 'EADDRINUSE'
          ? `flex-emulator: port ${options.emulator.port} is already in use on ${options.emulator.host ?? '127.0.0.1'}; stop what listens there, or choose another port with --port (0 picks a free one)`
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
  let options: CliOptions | 'help' | 'version'
  try {
    options = readCliOptions(argv, io.env ?? {})
  } catch (error) {
    io.error(
      `flex-emulator: ${error instanceof Error ? error.message : 'bad arguments'}\n\n${USAGE}`,
    )
    io.exit(2)
    return undefined
  }
  if (options === 'version') {
    io.log(readVersion())
    io.exit(0)
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
  const tokened = options.emulator.controlToken !== undefined
  io.log(formatCliOutput(options.output, emulator, certificate, tokened))
  // With --json or --print-env, stdout carries only the machine-readable part.
  const say = options.output === 'banner' ? io.log : io.error
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    say(`${signal}: stopping`)
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
