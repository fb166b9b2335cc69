import { randomBytes, randomUUID } from 'node:crypto'
import { createUsageError } from 'flex-types/internal'
import { randomAlphanumeric } from './random-id.js'

/** The test credentials of one merchant the emulator accepts (docs/protocol.md section 5). */
export interface FlexEmulatorMerchant {
  merchantId: string
  /** The key id sent as `kid` (JWT) or `keyid` (HTTP Signature). */
  keyId: string
  /** The shared secret, canonical padded base64 as Cybersource hands it out. */
  sharedSecret: string
}

/** Fresh random credentials for one merchant. */
export function generateMerchant(): FlexEmulatorMerchant {
  return {
    merchantId: `emulator_${randomAlphanumeric(10).toLowerCase()}`,
    keyId: randomUUID(),
    sharedSecret: randomBytes(32).toString('base64'),
  }
}

/** Whether a shared secret has Cybersource's form: non-empty padded base64. */
export function isPaddedBase64(value: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0
}

/** Checks user-given merchants; a usage error names the option, never a value. */
export function checkMerchants(merchants: unknown): FlexEmulatorMerchant[] {
  if (!Array.isArray(merchants) || merchants.length === 0) {
    throw createUsageError('startFlexEmulator', 'merchants', 'must be a non-empty array')
  }
  const keyIds = new Set<string>()
  return merchants.map((merchant: unknown, index) => {
    const candidate = (merchant ?? {}) as Record<string, unknown>
    for (const name of ['merchantId', 'keyId', 'sharedSecret'] as const) {
      if (typeof candidate[name] !== 'string' || candidate[name] === '') {
        throw createUsageError(
          'startFlexEmulator',
          `merchants[${index}].${name}`,
          'must be a non-empty string',
        )
      }
    }
    const { merchantId, keyId, sharedSecret } = candidate as unknown as FlexEmulatorMerchant
    if (!isPaddedBase64(sharedSecret)) {
      throw createUsageError(
        'startFlexEmulator',
        `merchants[${index}].sharedSecret`,
        'must be padded base64',
      )
    }
    if (keyIds.has(keyId)) {
      throw createUsageError('startFlexEmulator', `merchants[${index}].keyId`, 'is not unique')
    }
    keyIds.add(keyId)
    return { merchantId, keyId, sharedSecret }
  })
}
