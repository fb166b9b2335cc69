import type { IncomingMessage, ServerResponse } from 'node:http'
import { applyFault } from './apply-fault.js'
import type { EmulatorState } from './emulator-state.js'
import { describeRefusal, type Refusal, refuse } from './error-body.js'
import type { FaultDecider } from './fault-injector.js'
import { handleCaptureContextRequest } from './handle-capture-context-request.js'
import {
  CONTROL_PREFIX,
  type ControlSettings,
  handleControlRequest,
} from './handle-control-request.js'
import { servePaymentRoute } from './handle-payment-route.js'
import { handlePublicKey } from './handle-public-key.js'
import { handleSessions } from './handle-sessions.js'
import { handleTokens } from './handle-tokens.js'
import type { LatencySleeper } from './latency-sleeper.js'
import { allowedMethods, type MatchedRoute, matchRoute, pathOf } from './match-route.js'
import type { MicroformAssets } from './microform-assets.js'
import { readBody } from './read-body.js'
import { sendRefusal, sendResponse } from './send-response.js'
import { serveAsset } from './serve-asset.js'

/** What the request handler works with: the state, the faults and the server's limits. */
export interface RequestContext {
  state: EmulatorState
  faults: FaultDecider
  sleeper: LatencySleeper
  bodyLimit: number
  /** The control API under `/__emulator/`: on or off, and its token. */
  control: ControlSettings
  isClosing(): boolean
  /** The origin to write into `flx.origin` for a request with this Host header. */
  originFor(host: string | undefined): string
  /** The emulated Microform library and its field page, read at start. */
  assets: MicroformAssets
}

/**
 * Handles one request: route, injected fault, body, then the route's handler. Resolves with the
 * outcome to log (`201`, `400 CAPTURE_CONTEXT_EXPIRED`, `dropped (injected)`, …).
 */
export async function handleRequest(
  context: RequestContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<string> {
  const method = request.method ?? 'GET'
  const path = pathOf(request.url)
  if (path.startsWith(CONTROL_PREFIX)) {
    const body = await readRequestBody(context, request, response)
    if (typeof body === 'string') return body
    return handleControlRequest(context, { method, path, request, body }, response)
  }
  const matched = matchRoute(method, path)
  if ('status' in matched) {
    const allow = allowedMethods(path)
    sendRefusal(response, matched, allow && matched.status === 405 ? { Allow: allow } : {})
    return `${matched.status} ${matched.body.reason}`
  }
  if (matched.route === 'assets') return serveAsset(context.assets, { method, path }, response)
  const decision = context.faults.decide(matched.route)
  const faulted = await applyFault(decision, { request, response }, context.sleeper, () =>
    context.isClosing(),
  )
  if (faulted !== undefined) return faulted
  const body = await readRequestBody(context, request, response)
  if (typeof body === 'string') return body
  return dispatchRoute(context, matched, { request, response, body }, decision.dropAnswer)
}

/** The body, or the outcome to log when there is none to handle (aborted, or 413 answered). */
async function readRequestBody(
  context: RequestContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<Buffer | string> {
  const body = await readBody(request, context.bodyLimit)
  if (body === 'aborted') return 'aborted by the client'
  if (body === 'too-large') {
    sendRefusal(
      response,
      refuse(
        413,
        'REQUEST_TOO_LARGE',
        `The request body is larger than ${context.bodyLimit} bytes`,
      ),
      { Connection: 'close' },
    )
    return '413 REQUEST_TOO_LARGE'
  }
  return body
}

async function createToken(
  state: EmulatorState,
  request: IncomingMessage,
  body: Buffer,
): Promise<{ status: 201; jwt: string; digest: string } | Refusal> {
  return handleTokens(state, { headers: request.headers, body })
}

async function dispatchRoute(
  context: RequestContext,
  matched: MatchedRoute,
  exchange: { request: IncomingMessage; response: ServerResponse; body: Buffer },
  dropAnswer: boolean,
): Promise<string> {
  const { request, response, body } = exchange
  const { state } = context
  const method = request.method ?? 'GET'
  if (matched.route === 'public-keys') {
    const result = handlePublicKey(state, matched.kid ?? '')
    if ('jwk' in result) {
      sendResponse(
        response,
        200,
        { 'Content-Type': 'application/json;charset=utf-8' },
        JSON.stringify(result.jwk),
        method === 'HEAD',
      )
      return '200'
    }
    sendRefusal(response, result)
    return `${result.status} ${result.body.reason}`
  }
  if (matched.route === 'payments' && matched.payment) {
    return servePaymentRoute(state, matched.payment, { request, response, body }, dropAnswer)
  }
  // A view of the state for this request: every mutable part of it is an object it shares.
  const origin = context.originFor(request.headers.host)
  const authenticated = { method, target: request.url ?? '/', headers: request.headers, body }
  const result =
    matched.route !== 'sessions'
      ? await createToken(state, request, body)
      : matched.captureContext
        ? await handleCaptureContextRequest(
            { ...state, origin },
            authenticated,
            matched.captureContext,
            context.assets,
          )
        : await handleSessions({ ...state, origin }, authenticated)
  if ('jwt' in result) {
    sendResponse(
      response,
      201,
      {
        'Content-Type': 'application/jwt',
        ...('digest' in result ? { Digest: String(result.digest) } : {}),
      },
      result.jwt,
      false,
    )
    return '201'
  }
  sendRefusal(response, result)
  return describeRefusal(result)
}
