import {
  type CaptureContext,
  FLEX_ERROR_CODES,
  type FlexFieldPath,
  FlexValidationError,
  validatePaymentData,
} from 'flex-types'
import { describeError } from './describe-error.js'
import { type FieldSelection, toSessionFields } from './field-selection.js'
import type { FlexFunctions } from './flex-functions.js'
import {
  type CaptureContextFacts,
  type EncryptionFacts,
  type FlowStep,
  factsOf,
  readEncryptionFacts,
  type StepReport,
  type TokenizationReport,
  tokenizedFacts,
} from './tokenization-report.js'
import { verifyAndConsume, verifyForReference } from './verify-and-consume.js'

/** The customer data of one submission, keyed by field path, as typed. */
export type SubmittedValues = ReadonlyMap<FlexFieldPath, string>

/** The form being submitted: its reference, and how to pay when it takes a payment. */
export interface FlowSubmission {
  /** The form's reference: its capture context is saved with it, and the token must carry it. */
  reference: string
  now: Date
  pay?: PayWithToken | undefined
}

/** Pays with the verified token; the flow's last step, timed like the others. */
type PayWithToken = (transientToken: string, captureContext: CaptureContext) => Promise<void>

/**
 * Runs the whole Flex flow for one submission: check the data against the selection, create a
 * session, verify its capture context and save it in the store with the form's reference,
 * encrypt, create the transient token and verify it through the store (its context found by kid,
 * its reference the form's), then, when `pay` is given, consume it (once across the fleet) and
 * pay with it, timing each step. Never throws for a failing step: the report says which step
 * failed and why.
 *
 * @example
 * ```ts
 * const report = await runTokenizationFlow(functions, selection, values, { reference, now })
 * if (report.outcome === 'tokenized') console.log(report.token.shortId)
 * ```
 */
export async function runTokenizationFlow(
  functions: FlexFunctions,
  selection: FieldSelection,
  values: SubmittedValues,
  { reference, now, pay }: FlowSubmission,
): Promise<TokenizationReport> {
  const checked = validatePaymentData(Object.fromEntries(values), {
    requiredFields: selection.required,
    optionalFields: selection.optional,
    currentDate: now,
  })
  if (checked.issues.length > 0) return { outcome: 'invalid', issues: checked.issues, steps: [] }

  const steps: StepReport[] = []
  let captureContextFacts: CaptureContextFacts | undefined
  let encryptionFacts: EncryptionFacts | undefined
  async function step<Result>(name: FlowStep, run: () => Promise<Result>): Promise<Result> {
    const started = performance.now()
    try {
      const result = await run()
      steps.push({ step: name, durationMs: performance.now() - started, ok: true })
      return result
    } catch (error) {
      steps.push({ step: name, durationMs: performance.now() - started, ok: false })
      throw new StepFailure(name, error)
    }
  }

  try {
    const captureContextJwt = await step('session', () =>
      functions.createSession(toSessionFields(selection)),
    )
    const captureContext = await step('verify-capture-context', async () => {
      const verified = await functions.verifyCaptureContext(captureContextJwt)
      await functions.saveCaptureContext(verified, reference)
      return verified
    })
    captureContextFacts = factsOf(captureContext)
    const jwe = await step('encrypt', () =>
      functions.encryptPaymentData(captureContext, checked.data),
    )
    encryptionFacts = readEncryptionFacts(jwe)
    const transientTokenJwt = await step('tokenize', () =>
      functions.createTransientToken(captureContext, jwe),
    )
    const token = await step('verify-transient-token', () =>
      (pay ? verifyAndConsume : verifyForReference)(functions, transientTokenJwt, reference),
    )
    if (pay) await step('pay', () => pay(transientTokenJwt, token.captureContext))
    const record = await functions.inspectTransientToken?.(token.jti)
    return {
      outcome: 'tokenized',
      steps,
      captureContext: captureContextFacts,
      encryption: encryptionFacts,
      ...tokenizedFacts(token, values.get('paymentInformation.card.number'), record),
    }
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error
    if (
      FlexValidationError.isInstance(error.cause) &&
      error.cause.code === FLEX_ERROR_CODES.DATA_INVALID
    ) {
      return { outcome: 'invalid', issues: error.cause.issues, steps }
    }
    return {
      outcome: 'failed',
      steps,
      failedStep: error.step,
      error: describeError(error.cause),
      ...(captureContextFacts ? { captureContext: captureContextFacts } : {}),
      ...(encryptionFacts ? { encryption: encryptionFacts } : {}),
    }
  }
}

class StepFailure extends Error {
  override readonly name: string = 'StepFailure'
  readonly step: FlowStep

  constructor(step: FlowStep, cause: unknown) {
    super(`step ${step} failed`, { cause })
    this.step = step
  }
}
