import { parseArgs } from 'node:util'
import { type FlexEmulatorMerchant, isPaddedBase64 } from './merchant-credentials.js'
import { isControlToken, readPublicUrl } from './read-emulator-options.js'
import type { FlexEmulatorOptions } from './start-flex-emulator.js'

/** A mistake on the command line, in the CLI's own words (`--port must be …`). */
class CliUsageError extends Error {
  readonly code = 'ERR_INVALID_ARG_VALUE'
}

/** How the CLI announces the emulator: a banner for people, or one form for scripts. */
export type CliOutput = 'banner' | 'json' | 'env'

/** The command line, read. */
export interface CliOptions {
  emulator: FlexEmulatorOptions
  certificatePath: string | undefined
  output: CliOutput
}

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
  'control-token': { type: 'string' },
  json: { type: 'boolean' },
  'print-env': { type: 'boolean' },
  quiet: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values']

const CREDENTIALS = [
  ['merchantId', 'merchant-id', 'FLEX_MERCHANT_ID'],
  ['keyId', 'key-id', 'FLEX_KEY_ID'],
  ['sharedSecret', 'shared-secret', 'FLEX_SHARED_SECRET'],
] as const

function parse(argv: string[]): Values {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true }).values
  } catch (error) {
    // Node's message repeats a stray argument, which may be a mistyped secret.
    const code = (error as { code?: unknown } | null)?.code
    throw new CliUsageError(
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
    throw new CliUsageError(`--${name} must be a non-negative integer`)
  }
  return Number(value)
}

/**
 * The merchant from `--merchant-id`/`--key-id`/`--shared-secret`, each falling back on its
 * `FLEX_*` variable (the demo's names): all three or none, a flag winning over its variable.
 * An error names the flag or variable the value came from, never the value.
 */
function readMerchant(
  values: Values,
  env: Readonly<Record<string, string | undefined>>,
): FlexEmulatorMerchant | undefined {
  const given = CREDENTIALS.map(([member, flag, variable]) => {
    const fromFlag = values[flag]
    const value = fromFlag ?? (env[variable] === '' ? undefined : env[variable])
    return { member, value, source: fromFlag === undefined ? variable : `--${flag}` }
  })
  const present = given.filter((entry) => entry.value !== undefined)
  if (present.length === 0) return undefined
  if (present.length !== 3) {
    throw new CliUsageError(
      '--merchant-id, --key-id and --shared-secret (or FLEX_MERCHANT_ID, FLEX_KEY_ID and ' +
        'FLEX_SHARED_SECRET) go together',
    )
  }
  for (const { member, value, source } of given) {
    if (member !== 'sharedSecret' && !/^[A-Za-z0-9._:@-]{1,128}$/.test(value ?? '')) {
      throw new CliUsageError(`${source} must be 1 to 128 letters, digits or . _ : @ -`)
    }
    if (member === 'sharedSecret' && !isPaddedBase64(value ?? '')) {
      throw new CliUsageError(`${source} must be padded base64 (as Cybersource hands it out)`)
    }
  }
  const [merchantId, keyId, sharedSecret] = given.map((entry) => entry.value as string)
  return { merchantId, keyId, sharedSecret } as FlexEmulatorMerchant
}

/** Reads the command line and the `FLEX_*` variables; `'help'` or `'version'` when asked. */
export function readCliOptions(
  argv: string[],
  env: Readonly<Record<string, string | undefined>>,
): CliOptions | 'help' | 'version' {
  const values = parse(argv)
  if (values.help) return 'help'
  if (values.version) return 'version'
  if (values.json && values['print-env']) {
    throw new CliUsageError('--json and --print-env cannot be used together')
  }
  if (values['cert-out'] !== undefined && !values.tls) {
    throw new CliUsageError('--cert-out goes with --tls')
  }
  const merchant = readMerchant(values, env)
  const controlToken =
    values['control-token'] ??
    (env.FLEX_EMULATOR_CONTROL_TOKEN === '' ? undefined : env.FLEX_EMULATOR_CONTROL_TOKEN)
  if (controlToken !== undefined && !isControlToken(controlToken)) {
    throw new CliUsageError(
      `${values['control-token'] === undefined ? 'FLEX_EMULATOR_CONTROL_TOKEN' : '--control-token'} must be 16 to 512 visible ASCII characters (no spaces)`,
    )
  }
  const publicUrl = values['public-url']
  if (publicUrl !== undefined) {
    try {
      readPublicUrl(publicUrl)
    } catch {
      throw new CliUsageError(
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
    output: values.json ? 'json' : values['print-env'] ? 'env' : 'banner',
    emulator: {
      port: integer(values, 'port') ?? 4010,
      log: !values.quiet,
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(publicUrl === undefined ? {} : { publicUrl }),
      ...(values.tls ? { tls: true } : {}),
      ...Object.fromEntries(Object.entries(numbers).filter(([, value]) => value !== undefined)),
      ...(values['reuse-keys'] ? { keyPool: { reuseKeys: true } } : {}),
      ...(merchant === undefined ? {} : { merchants: [merchant] }),
      ...(controlToken === undefined ? {} : { controlToken }),
    },
  }
}
