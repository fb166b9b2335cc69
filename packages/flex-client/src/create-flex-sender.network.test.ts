import { createServer as createHttpsServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { createServer as createNetServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFlexClient, FlexNetworkError } from './index.js'
import { createTestCertificate } from './test/create-test-certificate.js'

// Real sockets on loopback: what the runtime's fetch reports, read through the whole client.
const credentials = {
  merchantId: 'network_merchant',
  keyId: 'key-1',
  sharedSecret: 'c2hhcmVkLXNlY3JldC1mb3ItbmV0d29yay10ZXN0cy0x',
}

async function closedLoopbackPort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function failureOf(origin: string): Promise<FlexNetworkError> {
  const error = await createFlexClient({ origin, credentials, retry: 0, timeout: 20_000 })
    .createSession(['paymentInformation.card.number'])
    .catch((caught: unknown) => caught)
  expect(FlexNetworkError.isInstance(error)).toBe(true)
  return error as FlexNetworkError
}

let tlsServer: Server
let tlsPort = 0

beforeAll(async () => {
  tlsServer = createHttpsServer(createTestCertificate(), (_request, response) => response.end())
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve))
  tlsPort = (tlsServer.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise<void>((resolve) => tlsServer.close(() => resolve()))
})

describe('a request that gets no answer (#15.3)', () => {
  it('names the host, the port and ECONNREFUSED for a closed loopback port', async () => {
    const port = await closedLoopbackPort()
    const error = await failureOf(`http://127.0.0.1:${port}`)
    expect(error.details).toEqual({ host: '127.0.0.1', port, causeCode: 'ECONNREFUSED' })
    expect(error.message).toBe(
      `POST /flex/v2/sessions got no answer from 127.0.0.1:${port}: ECONNREFUSED (connection refused: nothing listens there)`,
    )
  })

  it('names the certificate problem of a self-signed TLS server', async () => {
    const error = await failureOf(`https://127.0.0.1:${tlsPort}`)
    expect(error.details).toMatchObject({ host: '127.0.0.1', port: tlsPort })
    expect(error.details.causeCode).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/)
    expect(error.message).toContain(
      `got no answer from 127.0.0.1:${tlsPort}: ${error.details.causeCode}`,
    )
    expect(error.message).toContain('TLS certificate')
  })
})
