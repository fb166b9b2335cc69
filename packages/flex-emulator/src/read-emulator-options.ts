import {
  createUsageError,
  isLoopbackHostname,
  readCountOption,
  readDurationOption,
} from 'flex-types/internal'
import type { ControlSettings } from './handle-control-request.js'
import {
  checkMerchants,
  type FlexEmulatorMerchant,
  generateMerchant,
} from './merchant-credentials.js'
import type { FlexEmulatorOptions } from './start-flex-emulator.js'

const CALLER = 'startFlexEmulator'

/** The connection limits of the server (see the README's Security section). */
export interface ConnectionLimits {
  maxConnections: number
  headersTimeout: number
  requestTimeout: number
  keepAliveTimeout: number
  maxRequestsPerSocket: number
}

/** The options of `startFlexEmulator`, checked and with their defaults. */
export interface EmulatorSettings {
  host: string
  port: number
  publicUrl: string | undefined
  merchants: FlexEmulatorMerchant[]
  bodyLimit: number
  maxUsesPerCaptureContext: number
  maxCaptureContexts: number
  maxPayments: number
  connections: ConnectionLimits
  tls: boolean
  log: ((line: string) => void) | undefined
  control: ControlSettings
}

function readBoolean(name: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw createUsageError(CALLER, name, 'must be a boolean')
  }
  return value
}

function readLog(value: unknown): ((line: string) => void) | undefined {
  if (value !== undefined && typeof value !== 'boolean' && typeof value !== 'function') {
    throw createUsageError(CALLER, 'log', 'must be a boolean or a function')
  }
  if (value === true) return (line: string) => console.log(line)
  return typeof value === 'function' ? (value as (line: string) => void) : undefined
}

/**
 * Reads `publicUrl`: an `http:` or `https:` origin (scheme, host, optional port; no path,
 * query, fragment or credentials), returned in its canonical form.
 */
export function readPublicUrl(value: unknown): string | undefined {
  if (value === undefined) return undefined
  const problem = 'must be an http: or https: origin (scheme, host and port only)'
  if (typeof value !== 'string') throw createUsageError(CALLER, 'publicUrl', problem)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw createUsageError(CALLER, 'publicUrl', problem)
  }
  const originOnly =
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    url.pathname === '/' &&
    !/[?#]/.test(value) &&
    /^https?:\/\/[^/]+\/?$/i.test(value)
  if (!originOnly) throw createUsageError(CALLER, 'publicUrl', problem)
  return url.origin
}

/** Whether a control token has its form: 16 to 512 visible ASCII characters. */
export function isControlToken(value: unknown): boolean {
  return typeof value === 'string' && /^[\x21-\x7e]{16,512}$/.test(value)
}

/**
 * The control API: with a `controlToken` (16–512 visible ASCII characters) it is on and needs
 * the token; without one it is on only when bound to a loopback address.
 */
function readControl(host: string, token: unknown): ControlSettings {
  if (token !== undefined && !isControlToken(token)) {
    throw createUsageError(
      CALLER,
      'controlToken',
      'must be 16 to 512 visible ASCII characters (no spaces)',
    )
  }
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  let loopback = false
  try {
    loopback = isLoopbackHostname(new URL(`http://${urlHost}`).hostname)
  } catch {
    loopback = false
  }
  return { enabled: token !== undefined || loopback, token: token as string | undefined }
}

function readConnectionLimits(options: FlexEmulatorOptions): ConnectionLimits {
  const headersTimeout = readDurationOption(CALLER, 'headersTimeout', options.headersTimeout, {
    fallback: 10_000,
  })
  const requestTimeout = readDurationOption(CALLER, 'requestTimeout', options.requestTimeout, {
    fallback: Math.max(30_000, headersTimeout),
  })
  if (requestTimeout < headersTimeout) {
    throw createUsageError(CALLER, 'requestTimeout', 'must be at least headersTimeout')
  }
  return {
    maxConnections: readCountOption(CALLER, 'maxConnections', options.maxConnections, {
      fallback: 256,
      min: 1,
      max: 65_536,
    }),
    headersTimeout,
    requestTimeout,
    keepAliveTimeout: readDurationOption(CALLER, 'keepAliveTimeout', options.keepAliveTimeout, {
      fallback: 5_000,
    }),
    maxRequestsPerSocket: readCountOption(
      CALLER,
      'maxRequestsPerSocket',
      options.maxRequestsPerSocket,
      { fallback: 1_000, min: 1, max: Number.MAX_SAFE_INTEGER },
    ),
  }
}

/**
 * Checks the options of `startFlexEmulator` (a usage error names the option, never its value)
 * and fills in the defaults.
 */
export function readEmulatorOptions(options: FlexEmulatorOptions): EmulatorSettings {
  if (typeof options !== 'object' || options === null) {
    throw createUsageError(CALLER, 'options', 'must be an object')
  }
  if (options.host !== undefined && (typeof options.host !== 'string' || options.host === '')) {
    throw createUsageError(CALLER, 'host', 'must be a non-empty string')
  }
  const { keyPool } = options
  if (keyPool !== undefined && (typeof keyPool !== 'object' || keyPool === null)) {
    throw createUsageError(CALLER, 'keyPool', 'must be an object')
  }
  readBoolean('keyPool.reuseKeys', keyPool?.reuseKeys)
  const host = options.host ?? '127.0.0.1'
  return {
    host,
    control: readControl(host, options.controlToken),
    port: readCountOption(CALLER, 'port', options.port, { fallback: 0, max: 65_535 }),
    publicUrl: readPublicUrl(options.publicUrl),
    bodyLimit: readCountOption(CALLER, 'bodyLimit', options.bodyLimit, {
      fallback: 65_536,
      min: 1024,
      max: Number.MAX_SAFE_INTEGER,
    }),
    maxUsesPerCaptureContext: readCountOption(
      CALLER,
      'maxUsesPerCaptureContext',
      options.maxUsesPerCaptureContext,
      { fallback: 5, min: 1, max: Number.MAX_SAFE_INTEGER },
    ),
    maxCaptureContexts: readCountOption(CALLER, 'maxCaptureContexts', options.maxCaptureContexts, {
      fallback: 20_000,
      min: 1,
      max: 10_000_000,
    }),
    maxPayments: readCountOption(CALLER, 'maxPayments', options.maxPayments, {
      fallback: 10_000,
      min: 1,
      max: 10_000_000,
    }),
    connections: readConnectionLimits(options),
    tls: readBoolean('tls', options.tls) === true,
    log: readLog(options.log),
    merchants:
      options.merchants === undefined ? [generateMerchant()] : checkMerchants(options.merchants),
  }
}
