import { createFlexClient } from 'flex-client'
import { encryptPaymentData } from 'flex-jwe'
import {
  createCaptureContextStore,
  createMemoryStorage,
  createPublicKeyResolver,
  verifyCaptureContext,
  verifyTransientToken,
} from 'flex-jwt'
import type { PaymentsClient } from 'flex-payments'
import type { FlexStorage } from 'flex-types'
import { type CheckoutFunctions, createCheckoutFunctions } from './checkout-functions.js'
import type { FlexAuthentication, FlexTarget, MerchantCredentials } from './config.js'
import type { Logger } from './create-json-logger.js'
import type { EmulatorTokenRecord, FlexFunctions } from './flex-functions.js'
import { roundDuration } from './round-duration.js'

/** What the SDK calls are bound to. */
export interface CreateFlexFunctionsOptions {
  target: FlexTarget
  credentials: MerchantCredentials
  authentication: FlexAuthentication
  /** Where each HTTP attempt of the client is logged (operation, status, duration; no bodies). */
  log: Logger
  /** The emulator's record of a token, when the target is the in-process emulator. */
  inspectTransientToken?: (jti: string) => EmulatorTokenRecord | undefined
  /** Where capture contexts, used tokens and public keys are kept: one storage shared by every
   * instance of a fleet (flex-redis). Default: flex-jwt's in-memory storage, this process only. */
  storage?: FlexStorage
}

/** The flow's calls and the client flex-payments pays through. */
export interface DemoFlexFunctions extends FlexFunctions {
  /** flex-client's client, for flex-payments (`authorizePayment(paymentsClient, …)`). */
  paymentsClient: PaymentsClient
  /** The customer checkout's calls (Microform), on the same client and keys. */
  checkout: CheckoutFunctions
  /** The storage of the capture contexts: `options.storage`, else one in this process's memory. */
  storage: FlexStorage
}

/**
 * Binds the packages into the calls the demo makes: one flex-client client (also the one
 * flex-payments pays through), one flex-jwt key resolver (so public keys are cached across
 * submissions), one flex-jwt capture-context store on `storage`, and flex-jwe.
 *
 * @example
 * ```ts
 * const functions = createFlexFunctions({ target: { environment: 'test' }, credentials, authentication: 'jwt', log })
 * ```
 */
export function createFlexFunctions(options: CreateFlexFunctionsOptions): DemoFlexFunctions {
  const client = createFlexClient({
    ...options.target,
    credentials: options.credentials,
    authentication: options.authentication,
    hooks: {
      afterResponse: (event) =>
        options.log({
          level: event.status >= 500 ? 'warn' : 'info',
          msg: 'flex call',
          operation: event.operation,
          method: event.method,
          url: event.url,
          attempt: event.attempt,
          status: event.status,
          durationMs: roundDuration(event.duration),
          correlationId: event.correlationId,
        }),
    },
  })
  const storage = options.storage ?? createMemoryStorage()
  const keys = createPublicKeyResolver({
    ...options.target,
    ...(options.storage && { cache: options.storage }),
  })
  const captureContexts = createCaptureContextStore({ keys, storage })
  return {
    paymentsClient: client,
    storage,
    checkout: createCheckoutFunctions(client, keys),
    createSession: (fields) => client.createSession(fields),
    verifyCaptureContext: (jwt) => verifyCaptureContext(jwt, { keys }),
    encryptPaymentData: (captureContext, data) => encryptPaymentData(captureContext, data),
    createTransientToken: (captureContext, jwe) => client.createTransientToken(captureContext, jwe),
    saveCaptureContext: (captureContext, reference) =>
      captureContexts.save(captureContext, { reference }),
    verifyTransientToken: (jwt) => verifyTransientToken(jwt, { captureContexts }),
    consumeTransientToken: (token) => captureContexts.consume(token),
    ...(options.inspectTransientToken
      ? { inspectTransientToken: options.inspectTransientToken }
      : {}),
  }
}
