import { createUsageError } from 'flex-types/internal'
import {
  type FaultInputProblem,
  findFaultProblem,
  findRateLimitProblem,
} from './find-fault-problem.js'

/**
 * The routes faults can be injected into; `'sessions'` is every capture-context route
 * (`/flex/v2/sessions`, `/microform/v2/sessions`, `/up/v1/capture-contexts`, `/uc/v1/sessions`),
 * `'payments'` every `/pts/v2/…` route, `/flex/v2/payment-details/…` and `/tss/v2/transactions/…`;
 * `'*'` means all of them (the served Microform files never get faults).
 */
export type FlexEmulatorRoute = 'sessions' | 'public-keys' | 'tokens' | 'payments' | '*'

/** A fault for the next calls of a route. Everything is optional and combines. */
export interface FlexEmulatorFault {
  /** Wait this long before answering (or before dropping). */
  latencyMs?: number
  /** Answer this HTTP status with a Cybersource-shaped body instead of handling the request. */
  status?: number
  /** Adds `Retry-After: <seconds>` to the injected status. */
  retryAfterSeconds?: number
  /** Close the connection without an answer. */
  dropConnection?: boolean
  /**
   * `'payments'` route only: handle the request (the payment, capture… is committed), then close
   * the connection without the answer, as a lost response would. For testing timeout reversals.
   */
  dropAnswer?: boolean
  /** How many calls the fault applies to. Default: every call until removed. */
  times?: number
}

/** A rate limit: at most `limit` calls per `windowMs`; the rest get 429 with `Retry-After`. */
export interface FlexEmulatorRateLimit {
  limit: number
  windowMs: number
}

/** What the server does with one call after the faults had their say. */
export interface FaultDecision {
  latencyMs: number
  status?: number
  retryAfterSeconds?: number
  dropConnection: boolean
  dropAnswer: boolean
}

/** Fault injection per route, for testing a client's retries, timeouts and back-off. */
export interface FaultInjector {
  /**
   * Adds a fault; returns a function that removes it.
   *
   * @example
   * ```ts
   * emulator.faults.inject('sessions', { status: 503, times: 2 }) // two 503s, then normal
   * emulator.faults.inject('tokens', { latencyMs: 2000 }) // every call 2 s slower
   * emulator.faults.inject('public-keys', { dropConnection: true, times: 1 })
   * ```
   */
  inject(route: FlexEmulatorRoute, fault: FlexEmulatorFault): () => void
  /**
   * Limits the calls of a route; returns a function that removes the limit.
   *
   * @example
   * ```ts
   * emulator.faults.rateLimit('sessions', { limit: 10, windowMs: 1000 })
   * ```
   */
  rateLimit(route: FlexEmulatorRoute, limit: FlexEmulatorRateLimit): () => void
  /** Removes every fault and rate limit. */
  clear(): void
}

/** The server's side of the injector: what happens to one call. */
export interface FaultDecider extends FaultInjector {
  decide(route: Exclude<FlexEmulatorRoute, '*'>): FaultDecision
}

interface ActiveFault extends FlexEmulatorFault {
  route: FlexEmulatorRoute
  remaining: number
}

interface ActiveLimit extends FlexEmulatorRateLimit {
  route: FlexEmulatorRoute
  calls: number[]
}

function refuseProblem(caller: string, problem: FaultInputProblem | undefined): void {
  if (problem) throw createUsageError(caller, problem.member, problem.problem)
}

/** Creates an empty fault injector. */
export function createFaultInjector(): FaultDecider {
  let faults: ActiveFault[] = []
  let limits: ActiveLimit[] = []
  return {
    inject(route, fault) {
      refuseProblem('faults.inject', findFaultProblem(route, fault))
      const active: ActiveFault = {
        ...fault,
        route,
        remaining: fault.times ?? Number.POSITIVE_INFINITY,
      }
      faults.push(active)
      return () => {
        faults = faults.filter((entry) => entry !== active)
      }
    },
    rateLimit(route, limit) {
      refuseProblem('faults.rateLimit', findRateLimitProblem(route, limit))
      const active: ActiveLimit = { limit: limit.limit, windowMs: limit.windowMs, route, calls: [] }
      limits.push(active)
      return () => {
        limits = limits.filter((entry) => entry !== active)
      }
    },
    clear() {
      faults = []
      limits = []
    },
    decide(route) {
      const decision: FaultDecision = { latencyMs: 0, dropConnection: false, dropAnswer: false }
      for (const fault of faults) {
        if ((fault.route !== route && fault.route !== '*') || fault.remaining <= 0) continue
        fault.remaining -= 1
        decision.latencyMs += fault.latencyMs ?? 0
        if (decision.status === undefined && !decision.dropConnection) {
          if (fault.dropConnection) decision.dropConnection = true
          else if (fault.dropAnswer) decision.dropAnswer = true
          else if (fault.status !== undefined) {
            decision.status = fault.status
            if (fault.retryAfterSeconds !== undefined) {
              decision.retryAfterSeconds = fault.retryAfterSeconds
            }
          }
        }
      }
      faults = faults.filter((fault) => fault.remaining > 0)
      const now = performance.now()
      for (const limit of limits) {
        if (limit.route !== route && limit.route !== '*') continue
        limit.calls = limit.calls.filter((time) => time > now - limit.windowMs)
        if (limit.calls.length >= limit.limit) {
          if (decision.status === undefined && !decision.dropConnection) {
            decision.status = 429
            const oldest = limit.calls[0] ?? now
            decision.retryAfterSeconds = Math.max(
              1,
              Math.ceil((oldest + limit.windowMs - now) / 1000),
            )
          }
        } else limit.calls.push(now)
      }
      return decision
    },
  }
}
