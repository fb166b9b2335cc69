import { MAX_TIMER_DELAY, readCountOption, readDurationOption } from 'flex-types/internal'

const ROUTES = new Set(['sessions', 'public-keys', 'tokens', 'payments', '*'])

/** Why a fault or a rate limit is refused: the member at fault and the problem, never a value. */
export interface FaultInputProblem {
  /** `route`, `fault`, `rateLimit`, or a member of the fault or rate limit (`status`, `windowMs`…). */
  member: string
  problem: string
}

type Check = readonly [member: string, check: () => string | undefined]

// The shared option readers throw `${caller}: ${member} ${problem}`; the member is known here.
function viaReader(caller: string, member: string, read: () => unknown): Check {
  return [
    member,
    () => {
      try {
        read()
        return undefined
      } catch (error) {
        const prefix = `${caller}: ${member} `
        const message = error instanceof Error ? error.message : ''
        return message.startsWith(prefix) ? message.slice(prefix.length) : 'is not valid'
      }
    },
  ]
}

function firstProblem(checks: readonly Check[]): FaultInputProblem | undefined {
  for (const [member, check] of checks) {
    const problem = check()
    if (problem !== undefined) return { member, problem }
  }
  return undefined
}

const routeCheck = (route: unknown): Check => [
  'route',
  () =>
    typeof route === 'string' && ROUTES.has(route)
      ? undefined
      : "must be 'sessions', 'public-keys', 'tokens', 'payments' or '*'",
]

const booleanCheck = (member: string, value: unknown): Check => [
  member,
  () => (value === undefined || typeof value === 'boolean' ? undefined : 'must be a boolean'),
]

/** The first problem of a fault for `route`, as `faults.inject` would refuse it. */
export function findFaultProblem(route: unknown, fault: unknown): FaultInputProblem | undefined {
  const caller = 'faults.inject'
  const isObject = typeof fault === 'object' && fault !== null
  const value = (isObject ? fault : {}) as Record<string, unknown>
  const { status } = value
  return firstProblem([
    routeCheck(route),
    ['fault', () => (isObject ? undefined : 'must be an object')],
    viaReader(caller, 'latencyMs', () =>
      readDurationOption(caller, 'latencyMs', value.latencyMs, { fallback: 0, allowZero: true }),
    ),
    viaReader(caller, 'retryAfterSeconds', () =>
      readCountOption(caller, 'retryAfterSeconds', value.retryAfterSeconds, {
        fallback: 0,
        max: MAX_TIMER_DELAY,
      }),
    ),
    viaReader(caller, 'times', () =>
      readCountOption(caller, 'times', value.times, {
        fallback: 1,
        min: 1,
        max: Number.MAX_SAFE_INTEGER,
      }),
    ),
    [
      'status',
      () =>
        status === undefined ||
        (Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)
          ? undefined
          : 'must be an HTTP status from 100 to 599',
    ],
    booleanCheck('dropConnection', value.dropConnection),
    booleanCheck('dropAnswer', value.dropAnswer),
  ])
}

/** The first problem of a rate limit for `route`, as `faults.rateLimit` would refuse it. */
export function findRateLimitProblem(
  route: unknown,
  limit: unknown,
): FaultInputProblem | undefined {
  const caller = 'faults.rateLimit'
  const isObject = typeof limit === 'object' && limit !== null
  const value = (isObject ? limit : {}) as Record<string, unknown>
  return firstProblem([
    routeCheck(route),
    ['rateLimit', () => (isObject ? undefined : 'must be an object with limit and windowMs')],
    ['limit', () => (value.limit === undefined ? 'is required' : undefined)],
    viaReader(caller, 'limit', () =>
      readCountOption(caller, 'limit', value.limit, { fallback: 0, max: Number.MAX_SAFE_INTEGER }),
    ),
    ['windowMs', () => (value.windowMs === undefined ? 'is required' : undefined)],
    viaReader(caller, 'windowMs', () =>
      readDurationOption(caller, 'windowMs', value.windowMs, { fallback: 1 }),
    ),
  ])
}
