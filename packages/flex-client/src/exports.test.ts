import { expect, it } from 'vitest'

it('exports exactly the public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "FlexAuthenticationError",
      "FlexCaptureContextError",
      "FlexHttpError",
      "FlexNetworkError",
      "FlexOriginNotAllowedError",
      "FlexRateLimitError",
      "FlexRequestError",
      "FlexServerError",
      "FlexTimeoutError",
      "FlexUnexpectedResponseError",
      "createFlexClient",
    ]
  `)
})
