import {
  checkMerchants,
  type FlexEmulatorMerchant,
  generateMerchant,
} from './merchant-credentials.js'
import type { FlexEmulatorOptions } from './start-flex-emulator.js'

/** The options of `startFlexEmulator`, checked and with their defaults. */
export interface EmulatorSettings {
  host: string
  port: number
  merchants: FlexEmulatorMerchant[]
  bodyLimit: number
  maxUsesPerCaptureContext: number
  tls: boolean
  log: ((line: string) => void) | undefined
}

function checkOptions(options: FlexEmulatorOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('startFlexEmulator: options must be an object')
  }
  const { port, host, bodyLimit, maxUsesPerCaptureContext, log, tls } = options
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new TypeError('startFlexEmulator: options.port must be an integer from 0 to 65535')
  }
  if (host !== undefined && (typeof host !== 'string' || host === '')) {
    throw new TypeError('startFlexEmulator: options.host must be a non-empty string')
  }
  if (bodyLimit !== undefined && (!Number.isInteger(bodyLimit) || bodyLimit < 1024)) {
    throw new TypeError('startFlexEmulator: options.bodyLimit must be an integer of at least 1024')
  }
  if (
    maxUsesPerCaptureContext !== undefined &&
    (!Number.isInteger(maxUsesPerCaptureContext) || maxUsesPerCaptureContext < 1)
  ) {
    throw new TypeError(
      'startFlexEmulator: options.maxUsesPerCaptureContext must be a positive integer',
    )
  }
  if (log !== undefined && typeof log !== 'boolean' && typeof log !== 'function') {
    throw new TypeError('startFlexEmulator: options.log must be a boolean or a function')
  }
  if (tls !== undefined && typeof tls !== 'boolean') {
    throw new TypeError('startFlexEmulator: options.tls must be a boolean')
  }
  const { keyPool } = options
  if (keyPool !== undefined && (typeof keyPool !== 'object' || keyPool === null)) {
    throw new TypeError('startFlexEmulator: options.keyPool must be an object')
  }
  if (keyPool?.reuseKeys !== undefined && typeof keyPool.reuseKeys !== 'boolean') {
    throw new TypeError('startFlexEmulator: options.keyPool.reuseKeys must be a boolean')
  }
}

/** Checks the options (a TypeError names the option, never its value) and fills in defaults. */
export function readEmulatorOptions(options: FlexEmulatorOptions): EmulatorSettings {
  checkOptions(options)
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    merchants:
      options.merchants === undefined ? [generateMerchant()] : checkMerchants(options.merchants),
    bodyLimit: options.bodyLimit ?? 65_536,
    maxUsesPerCaptureContext: options.maxUsesPerCaptureContext ?? 5,
    tls: options.tls === true,
    log:
      options.log === true
        ? (line: string) => console.log(line)
        : typeof options.log === 'function'
          ? options.log
          : undefined,
  }
}
