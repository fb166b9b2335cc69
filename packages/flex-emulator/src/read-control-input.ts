import { isJsonObject } from 'flex-types/internal'
import type { ErrorDetail } from './error-body.js'
import type {
  FlexEmulatorFault,
  FlexEmulatorRateLimit,
  FlexEmulatorRoute,
} from './fault-injector.js'
import { findFaultProblem, findRateLimitProblem } from './find-fault-problem.js'
import { parseJsonObject } from './parse-json-object.js'

/** A control request body that failed validation: what to answer, by field, never a value. */
export interface ControlInputIssue {
  problem: string
  details: ErrorDetail[]
}

/** `POST /__emulator/clock`: move by `advanceMs`, or set to `set` (ISO date or epoch ms). */
export type ClockInput = { advanceMs: number } | { set: Date }

/** `POST /__emulator/faults`: a fault or a rate limit for a route. */
export type FaultInput =
  | { route: FlexEmulatorRoute; fault: FlexEmulatorFault }
  | { route: FlexEmulatorRoute; rateLimit: FlexEmulatorRateLimit }

const FAULT_MEMBERS = new Set([
  'latencyMs',
  'status',
  'retryAfterSeconds',
  'dropConnection',
  'dropAnswer',
  'times',
])
const RATE_LIMIT_MEMBERS = new Set(['limit', 'windowMs'])
// A hundred years either way: enough for any expiry test, far from Date's limits.
const MAX_CLOCK_MOVE_MS = 100 * 365 * 24 * 3600 * 1000

function issue(location: string, message: string): ControlInputIssue {
  return { problem: `${location} ${message}`, details: [{ location, message }] }
}

// Unknown member names are the caller's text: counted, never repeated.
function unknownMembers(
  value: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  location: string,
): ControlInputIssue | undefined {
  const extra = Object.keys(value).filter((key) => !allowed.has(key)).length
  return extra === 0
    ? undefined
    : issue(location, `has ${extra} unknown member(s); allowed: ${[...allowed].join(', ')}`)
}

/** Parses a JSON object body; an issue for anything else. */
export function readJsonObject(body: Uint8Array): Record<string, unknown> | ControlInputIssue {
  const parsed = parseJsonObject(body)
  return typeof parsed === 'string' ? issue('body', 'must be a JSON object') : parsed
}

/** Reads `{advanceMs}` or `{set}`, exactly one of them and nothing else. */
export function readClockInput(body: Record<string, unknown>): ClockInput | ControlInputIssue {
  const unknown = unknownMembers(body, new Set(['advanceMs', 'set']), 'body')
  if (unknown) return unknown
  if ('advanceMs' in body === 'set' in body) {
    return issue('body', 'must have exactly one of advanceMs and set')
  }
  if ('advanceMs' in body) {
    const { advanceMs } = body
    if (typeof advanceMs !== 'number' || !Number.isInteger(advanceMs)) {
      return issue('advanceMs', 'must be an integer number of milliseconds')
    }
    if (Math.abs(advanceMs) > MAX_CLOCK_MOVE_MS) {
      return issue('advanceMs', 'must be within 100 years either way')
    }
    return { advanceMs }
  }
  const { set } = body
  const date =
    typeof set === 'number' && Number.isInteger(set)
      ? new Date(set)
      : typeof set === 'string' && /^\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})$/.test(set)
        ? new Date(set)
        : undefined
  if (date === undefined || Number.isNaN(date.getTime())) {
    return issue('set', 'must be an ISO 8601 date-time with a zone, or epoch milliseconds')
  }
  if (Math.abs(date.getTime() - Date.now()) > MAX_CLOCK_MOVE_MS) {
    return issue('set', 'must be within 100 years of now')
  }
  return { set: date }
}

// The in-process injector's own checks: one set of rules for both.
function checkWithInjector(input: FaultInput): ControlInputIssue | undefined {
  const kind = 'fault' in input ? 'fault' : 'rateLimit'
  const problem =
    'fault' in input
      ? findFaultProblem(input.route, input.fault)
      : findRateLimitProblem(input.route, input.rateLimit)
  if (!problem) return undefined
  const { member } = problem
  const location = member === 'route' || member === kind ? member : `${kind}.${member}`
  return issue(location, problem.problem)
}

/** Reads `{route, fault}` or `{route, rateLimit}`, checked as `faults.inject`/`rateLimit` do. */
export function readFaultInput(body: Record<string, unknown>): FaultInput | ControlInputIssue {
  const unknown = unknownMembers(body, new Set(['route', 'fault', 'rateLimit']), 'body')
  if (unknown) return unknown
  if ('fault' in body === 'rateLimit' in body) {
    return issue('body', 'must have exactly one of fault and rateLimit')
  }
  const member = 'fault' in body ? 'fault' : 'rateLimit'
  const value = body[member]
  if (!isJsonObject(value)) return issue(member, 'must be an object')
  const members = member === 'fault' ? FAULT_MEMBERS : RATE_LIMIT_MEMBERS
  const extra = unknownMembers(value, members, member)
  if (extra) return extra
  const input = { route: body.route, [member]: value } as unknown as FaultInput
  return checkWithInjector(input) ?? input
}
