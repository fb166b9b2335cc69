import { FLEX_FIELD_REASONS, type FlexFieldIssue } from 'flex-types'
import { type EntryProblem, readStringList } from './read-string-list.js'

/** What a service accepts in `targetOrigins` (docs/protocol.md section 15.3). */
export interface TargetOriginRules {
  /** The most origins one request may list. */
  max: number
  /** Whether `http://localhost` (any port) is accepted beside `https:` origins. */
  httpLocalhost: boolean
}

/** `POST /microform/v2/sessions`: up to nine origins, https or `http://localhost`. */
export const MICROFORM_TARGET_ORIGIN_RULES: TargetOriginRules = { max: 9, httpLocalhost: true }

/** `POST /uc/v1/sessions`: up to seven origins, https only (`http://localhost` is refused). */
export const UNIFIED_CHECKOUT_TARGET_ORIGIN_RULES: TargetOriginRules = {
  max: 7,
  httpLocalhost: false,
}

const MAX_ORIGIN_LENGTH = 2048

function checkOrigin(value: string, rules: TargetOriginRules): EntryProblem | undefined {
  if (value.length === 0 || value.length > MAX_ORIGIN_LENGTH) {
    return {
      reason: FLEX_FIELD_REASONS.LENGTH,
      message: `must be 1 to ${MAX_ORIGIN_LENGTH} characters`,
    }
  }
  if (value.includes('*')) {
    return {
      reason: FLEX_FIELD_REASONS.FORMAT,
      message: 'must not use a wildcard: list each origin',
    }
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return {
      reason: FLEX_FIELD_REASONS.FORMAT,
      message: 'must be an absolute origin such as https://shop.example',
    }
  }
  const localhost = url.protocol === 'http:' && url.hostname === 'localhost'
  if (url.protocol !== 'https:' && !(localhost && rules.httpLocalhost)) {
    return {
      reason: FLEX_FIELD_REASONS.NOT_ALLOWED,
      message: rules.httpLocalhost
        ? 'must use https (http only for localhost)'
        : 'must use https (this service refuses http, even for localhost)',
    }
  }
  if (url.username !== '' || url.password !== '') {
    return { reason: FLEX_FIELD_REASONS.FORMAT, message: 'must not carry user info' }
  }
  if (url.origin !== value) {
    return {
      reason: FLEX_FIELD_REASONS.FORMAT,
      message:
        'must be an origin only, as browsers write it: scheme, lower-case host and port, with no path (not even a trailing /), query or fragment',
    }
  }
  return undefined
}

/**
 * Reads `targetOrigins` with a service's rules: each problem is an issue naming the origin by its
 * index (`targetOrigins[2]`), never its value; a value of the wrong type is a usage error.
 */
export function readTargetOrigins(
  caller: string,
  value: unknown,
  rules: TargetOriginRules,
  issues: FlexFieldIssue[],
): string[] {
  return readStringList(
    caller,
    'targetOrigins',
    value,
    {
      max: rules.max,
      noun: 'origins',
      checkEntry: (origin, repeated) =>
        repeated
          ? { reason: FLEX_FIELD_REASONS.DUPLICATE, message: 'is listed twice' }
          : checkOrigin(origin, rules),
    },
    issues,
  )
}
