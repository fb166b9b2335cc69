import {
  FLEX_ERROR_CODES,
  FLEX_FIELD_REASONS,
  type FlexFieldIssue,
  FlexValidationError,
} from 'flex-types'
import { createUsageError, isJsonObject } from 'flex-types/internal'
import { readNameList } from './read-name-list.js'
import { readTargetOrigins, type TargetOriginRules } from './read-target-origins.js'

/** How the transient token describes the card. */
export interface TransientTokenResponseOptions {
  /** `true`: an 8-digit BIN where the card allows it; `false`: none; left out: 6 digits. */
  includeCardPrefix?: boolean
}

/** The members Microform and Unified Checkout requests share, checked and in the models' order. */
export interface CommonSessionMembers {
  clientVersion: string | undefined
  targetOrigins: string[]
  allowedCardNetworks: string[] | undefined
  allowedPaymentTypes: string[] | undefined
  transientTokenResponseOptions: Record<string, unknown> | undefined
}

const CLIENT_VERSION = /^[A-Za-z0-9._-]{1,16}$/
const MEMBER_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/

/** Refuses a member the call does not know, naming it only when it looks like an option name. */
export function refuseUnknownMembers(
  caller: string,
  options: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const member of Object.keys(options)) {
    if (!known.includes(member)) {
      const name = MEMBER_NAME.test(member) ? member : 'a member'
      throw createUsageError(caller, name, 'is not an option of this call')
    }
  }
}

function readClientVersion(caller: string, value: unknown, issues: FlexFieldIssue[]) {
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw createUsageError(caller, 'clientVersion', 'must be a string')
  if (!CLIENT_VERSION.test(value)) {
    issues.push({
      path: 'clientVersion',
      reason: FLEX_FIELD_REASONS.FORMAT,
      message: 'must be a version such as v2.0 or 1.1',
    })
  }
  return value
}

function readTokenResponseOptions(caller: string, value: unknown) {
  if (value === undefined) return undefined
  if (!isJsonObject(value)) {
    throw createUsageError(caller, 'transientTokenResponseOptions', 'must be an object')
  }
  const { includeCardPrefix } = value
  if (includeCardPrefix !== undefined && typeof includeCardPrefix !== 'boolean') {
    throw createUsageError(
      caller,
      'transientTokenResponseOptions.includeCardPrefix',
      'must be true or false',
    )
  }
  return { ...value }
}

function readOptionalNames(
  caller: string,
  field: string,
  value: unknown,
  issues: FlexFieldIssue[],
) {
  return value === undefined ? undefined : readNameList(caller, field, value, issues)
}

/**
 * Reads the members both capture-context requests share (`clientVersion`, `targetOrigins` with
 * the route's rules, `allowedCardNetworks`, `allowedPaymentTypes`,
 * `transientTokenResponseOptions`): a wrong type is a usage error, a wrong value an issue.
 */
export function readCommonSessionMembers(
  caller: string,
  options: Record<string, unknown>,
  rules: TargetOriginRules,
  issues: FlexFieldIssue[],
): CommonSessionMembers {
  return {
    clientVersion: readClientVersion(caller, options.clientVersion, issues),
    targetOrigins: readTargetOrigins(caller, options.targetOrigins, rules, issues),
    allowedCardNetworks: readOptionalNames(
      caller,
      'allowedCardNetworks',
      options.allowedCardNetworks,
      issues,
    ),
    allowedPaymentTypes: readOptionalNames(
      caller,
      'allowedPaymentTypes',
      options.allowedPaymentTypes,
      issues,
    ),
    transientTokenResponseOptions: readTokenResponseOptions(
      caller,
      options.transientTokenResponseOptions,
    ),
  }
}

/** Throws the one validation error of a session request when any issue was found. */
export function refuseIssues(caller: string, issues: readonly FlexFieldIssue[]): void {
  if (issues.length > 0) {
    throw new FlexValidationError(
      FLEX_ERROR_CODES.SESSION_REQUEST_INVALID,
      `${caller}: the session request is invalid`,
      issues,
    )
  }
}
