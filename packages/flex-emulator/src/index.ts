export type { CardBrand } from 'flex-types'
export type { EmulatorClock } from './emulator-clock.js'
export type { ErrorBody, ErrorDetail } from './error-body.js'
export type {
  FaultInjector,
  FlexEmulatorFault,
  FlexEmulatorRateLimit,
  FlexEmulatorRoute,
} from './fault-injector.js'
export type { InspectedPayment } from './inspected-payment.js'
export type { InspectedTransientToken } from './inspected-transient-token.js'
export type { KeyPoolOptions } from './key-pool.js'
export {
  listPaymentTestTriggers,
  type PaymentAmountTrigger,
  type PaymentSecurityCodeTrigger,
  type PaymentTestTrigger,
} from './list-payment-test-triggers.js'
export {
  listTestCards,
  type TestCard,
  type TestCardExpiryRule,
} from './list-test-cards.js'
export type { FlexEmulatorMerchant } from './merchant-credentials.js'
export {
  type FlexEmulator,
  type FlexEmulatorOptions,
  startFlexEmulator,
} from './start-flex-emulator.js'
