import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorState } from './emulator-state.js'
import { describeRefusal, type Refusal, refuse } from './error-body.js'
import type { FaultInjector } from './fault-injector.js'
import { inspectTransientToken } from './inspect-transient-token.js'
import { readContentType } from './read-content-type.js'
import {
  type ControlInputIssue,
  readClockInput,
  readFaultInput,
  readJsonObject,
} from './read-control-input.js'
import { sendRefusal, sendResponse } from './send-response.js'

/** The reserved path prefix of the control API. */
export const CONTROL_PREFIX = '/__emulator/'

/** Whether the control API answers, and the token it requires (`undefined`: none). */
export interface ControlSettings {
  enabled: boolean
  token: string | undefined
}

interface ControlExchange {
  method: string
  path: string
  request: IncomingMessage
  body: Uint8Array
}

type ControlAnswer = { status: number; json: unknown } | (Refusal & { allow?: string })

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}

// Both sides hashed to 32 bytes first, so the comparison time says nothing about the length.
function isAuthorized(header: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true
  const given = /^Bearer ([\x21-\x7e]+)$/.exec(header ?? '')?.[1]
  return timingSafeEqual(digest(given ?? ''), digest(token)) && given !== undefined
}

function invalid(found: ControlInputIssue): Refusal {
  return refuse(400, 'EMULATOR_CONTROL_INVALID', found.problem, found.details)
}

function readInput<T>(
  exchange: ControlExchange,
  read: (body: Record<string, unknown>) => T | ControlInputIssue,
): T | Refusal {
  if (readContentType(exchange.request.headers['content-type']).mediaType !== 'application/json') {
    return refuse(400, 'EMULATOR_CONTROL_INVALID', 'Content-Type must be application/json', [
      { location: 'Content-Type', message: 'must be application/json' },
    ])
  }
  const body = readJsonObject(exchange.body)
  const input = 'problem' in body ? body : read(body)
  return typeof input === 'object' && input !== null && 'problem' in input
    ? invalid(input as ControlInputIssue)
    : (input as T)
}

function clockRoute(state: EmulatorState, exchange: ControlExchange): ControlAnswer {
  const { clock } = state
  if (exchange.method === 'DELETE') clock.reset()
  else if (exchange.method === 'POST') {
    const input = readInput(exchange, readClockInput)
    if ('status' in input) return input
    if ('advanceMs' in input) clock.advance(input.advanceMs)
    else clock.set(input.set)
  } else if (exchange.method !== 'GET') return notAllowed('GET, POST, DELETE')
  return { status: 200, json: { now: clock.now().toISOString() } }
}

function faultsRoute(faults: FaultInjector, exchange: ControlExchange): ControlAnswer {
  if (exchange.method === 'DELETE') {
    faults.clear()
    return { status: 200, json: { cleared: true } }
  }
  if (exchange.method !== 'POST') return notAllowed('POST, DELETE')
  const input = readInput(exchange, readFaultInput)
  if ('status' in input && 'body' in input) return input
  if ('fault' in input) faults.inject(input.route, input.fault)
  else faults.rateLimit(input.route, input.rateLimit)
  return { status: 201, json: input }
}

function notAllowed(allow: string): Refusal & { allow: string } {
  return { ...refuse(405, 'METHOD_NOT_ALLOWED', `Use ${allow}`), allow }
}

function resetState(state: EmulatorState, faults: FaultInjector): void {
  faults.clear()
  state.clock.reset()
  state.contextsByJwt.clear()
  state.contextsByKid.clear()
  state.transientTokens.clear()
  state.forgottenKids.clear()
  const { payments } = state
  const maps = [payments.byId, payments.byFollowOnId, payments.byUndoId, payments.byTransactionId]
  for (const map of maps) map.clear()
  payments.issuedTokens.clear()
}

function route(
  state: EmulatorState,
  faults: FaultInjector,
  exchange: ControlExchange,
): ControlAnswer {
  const name = exchange.path.slice(CONTROL_PREFIX.length)
  if (name === 'clock') return clockRoute(state, exchange)
  if (name === 'faults') return faultsRoute(faults, exchange)
  if (name === 'reset') {
    if (exchange.method !== 'POST') return notAllowed('POST')
    resetState(state, faults)
    return { status: 200, json: { reset: true, now: state.clock.now().toISOString() } }
  }
  const token = /^transient-tokens\/([A-Za-z0-9]{1,128})$/.exec(name)
  if (token) {
    if (exchange.method !== 'GET') return notAllowed('GET')
    const found = inspectTransientToken(state, token[1] as string)
    return found
      ? { status: 200, json: found }
      : refuse(404, 'NOT_FOUND', 'No transient token has this jti')
  }
  return refuse(404, 'NOT_FOUND', 'No such control route')
}

/**
 * The control API under `/__emulator/` (README, "Control API"): the clock, faults, transient
 * token inspection (masked card only) and reset, over JSON, behind a Bearer token when one is
 * set, and off when `settings.enabled` is false. Resolves with the outcome to log.
 */
export function handleControlRequest(
  context: { state: EmulatorState; faults: FaultInjector; control: ControlSettings },
  exchange: ControlExchange,
  response: ServerResponse,
): string {
  let answer: ControlAnswer
  if (!context.control.enabled) {
    answer = refuse(
      403,
      'EMULATOR_CONTROL_DISABLED',
      'The control API is off: the emulator is bound to a non-loopback address without a control token',
    )
  } else if (!isAuthorized(exchange.request.headers.authorization, context.control.token)) {
    answer = refuse(
      401,
      'EMULATOR_CONTROL_UNAUTHORIZED',
      'Send Authorization: Bearer <control token>',
    )
  } else answer = route(context.state, context.faults, exchange)
  if ('json' in answer) {
    sendResponse(
      response,
      answer.status,
      { 'Content-Type': 'application/json;charset=utf-8', 'Cache-Control': 'no-store' },
      JSON.stringify(answer.json),
      exchange.method === 'HEAD',
    )
    return String(answer.status)
  }
  sendRefusal(response, answer, {
    ...(answer.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}),
    ...(answer.allow === undefined ? {} : { Allow: answer.allow }),
  })
  return describeRefusal(answer)
}
