import type { CardNetworkName, FlexFieldIssue } from 'flex-types'
import { createUsageError, isJsonObject } from 'flex-types/internal'
import {
  readCommonSessionMembers,
  refuseIssues,
  refuseUnknownMembers,
  type TransientTokenResponseOptions,
} from './read-common-session-members.js'
import { MICROFORM_TARGET_ORIGIN_RULES } from './read-target-origins.js'

/** A payment type Microform captures; a name this list does not know is still a string. */
export type MicroformPaymentType = 'CARD' | 'CHECK' | (string & {})

/** The request of `client.createMicroformSession` (`POST /microform/v2/sessions`). */
export interface MicroformSessionOptions {
  /**
   * The origins of the pages that host the fields: `https:` (or `http://localhost`), origin only,
   * 1 to 9 (nested iframes list every level).
   */
  targetOrigins: readonly string[]
  /** The card networks to accept, e.g. `['VISA', 'MASTERCARD']` (the service wants one for cards). */
  allowedCardNetworks?: readonly CardNetworkName[]
  /** `CARD` (the service's default), `CHECK`, or both. */
  allowedPaymentTypes?: readonly MicroformPaymentType[]
  /** The Microform version, e.g. `v2.0`; the service's default when left out. */
  clientVersion?: string
  /** How the transient token describes the card (the BIN length). */
  transientTokenResponseOptions?: TransientTokenResponseOptions
}

const CALLER = 'createMicroformSession'
const MEMBERS = [
  'clientVersion',
  'targetOrigins',
  'allowedCardNetworks',
  'allowedPaymentTypes',
  'transientTokenResponseOptions',
]

/**
 * Checks a Microform session request and returns the body to send, members in the order of the
 * service's model; nothing is sent when one is wrong.
 */
export function readMicroformSessionOptions(
  options: MicroformSessionOptions,
): Record<string, unknown> {
  if (!isJsonObject(options)) throw createUsageError(CALLER, 'options', 'must be an object')
  refuseUnknownMembers(CALLER, options, MEMBERS)
  const issues: FlexFieldIssue[] = []
  const body = readCommonSessionMembers(CALLER, options, MICROFORM_TARGET_ORIGIN_RULES, issues)
  refuseIssues(CALLER, issues)
  return { ...body }
}
