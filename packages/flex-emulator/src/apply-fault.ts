import type { IncomingMessage, ServerResponse } from 'node:http'
import { refuse } from './error-body.js'
import type { FaultDecision } from './fault-injector.js'
import type { LatencySleeper } from './latency-sleeper.js'
import { sendRefusal } from './send-response.js'

/**
 * Carries out the fault decided for one call: waits the injected latency, then drops the
 * connection or answers the injected status. Returns the outcome to log when the call is done,
 * `undefined` when it goes on to its route.
 */
export async function applyFault(
  decision: FaultDecision,
  exchange: { request: IncomingMessage; response: ServerResponse },
  sleeper: LatencySleeper,
  isClosing: () => boolean,
): Promise<string | undefined> {
  if (decision.latencyMs > 0) await sleeper.sleep(decision.latencyMs)
  if (isClosing()) return 'aborted: the emulator was closed'
  if (decision.dropConnection) {
    exchange.request.socket.destroy()
    return 'dropped (injected)'
  }
  if (decision.status === undefined) return undefined
  const tooMany = decision.status === 429
  const refusal = refuse(
    decision.status,
    tooMany ? 'TOO_MANY_REQUESTS' : 'EMULATOR_INJECTED_FAULT',
    tooMany ? 'Too many requests' : 'An injected fault',
  )
  sendRefusal(
    exchange.response,
    refusal,
    decision.retryAfterSeconds === undefined
      ? {}
      : { 'Retry-After': String(decision.retryAfterSeconds) },
  )
  return `${decision.status} ${refusal.body.reason} (injected)`
}
