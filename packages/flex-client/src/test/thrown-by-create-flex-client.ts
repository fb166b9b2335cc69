import { createFlexClient, type FlexClientOptions } from '../index.js'

/** What `createFlexClient(options)` throws, or `undefined` when it returns a client. */
export function thrownByCreateFlexClient(options: unknown): unknown {
  try {
    createFlexClient(options as FlexClientOptions)
  } catch (error) {
    return error
  }
  return undefined
}
