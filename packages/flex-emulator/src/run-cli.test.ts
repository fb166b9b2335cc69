import { expectNoSensitiveData } from 'test-utils'
import { describe, expect, it, vi } from 'vitest'
import { type CliIo, runCli } from './run-cli.js'
import { createSession } from './testing/flow.js'

function fakeIo() {
  const output: string[] = []
  const errors: string[] = []
  const handlers = new Map<string, () => void>()
  let exited: (code: number) => void = () => {}
  const exitCode = new Promise<number>((resolve) => {
    exited = resolve
  })
  const io: CliIo = {
    log: (line) => output.push(line),
    error: (line) => errors.push(line),
    exit: vi.fn((code: number) => exited(code)),
    onSignal: (signal, handler) => handlers.set(signal, handler),
  }
  return { io, output, errors, handlers, exitCode }
}

describe('flex-emulator CLI', () => {
  it('prints the URL and credentials, logs requests, and stops on SIGINT', async () => {
    const { io, output, handlers, exitCode } = fakeIo()
    const emulator = await runCli(['--port', '0', '--reuse-keys'], io)
    expect(emulator).toBeDefined()
    if (!emulator) return
    const banner = output[0] ?? ''
    expect(banner).toContain(`listening on ${emulator.url}`)
    expect(banner).toContain(`merchantId:   ${emulator.merchant.merchantId}`)
    expect(banner).toContain(`keyId:        ${emulator.merchant.keyId}`)
    expect(banner).toContain(`sharedSecret: ${emulator.merchant.sharedSecret}`)
    expect((await createSession(emulator)).status).toBe(201)
    await vi.waitFor(() =>
      expect(output.some((line) => line.startsWith('POST /flex/v2/sessions 201'))).toBe(true),
    )
    expectNoSensitiveData(output.slice(1).join('\n'), [emulator.merchant.sharedSecret])
    handlers.get('SIGINT')?.()
    expect(await exitCode).toBe(0)
    await expect(fetch(emulator.url)).rejects.toThrow()
  })

  it('stops on SIGTERM, accepts given credentials and prints the TLS certificate path', async () => {
    const { io, output, handlers, exitCode } = fakeIo()
    const secret = Buffer.alloc(32, 1).toString('base64')
    const emulator = await runCli(
      [
        '--port',
        '0',
        '--reuse-keys',
        '--tls',
        '--quiet',
        '--merchant-id',
        'm1',
        '--key-id',
        'k1',
        '--shared-secret',
        secret,
      ],
      io,
    )
    expect(emulator?.merchant).toEqual({ merchantId: 'm1', keyId: 'k1', sharedSecret: secret })
    expect(output[0]).toMatch(/TLS certificate: .*flex-emulator-\d+\.pem/)
    handlers.get('SIGTERM')?.()
    expect(await exitCode).toBe(0)
  })

  it.each([
    [['--port', 'abc'], 2],
    [['--unknown'], 2],
    [['--merchant-id', 'only'], 2],
    [['--help'], 0],
  ])('exits on %j with %i', async (argv, code) => {
    const { io, exitCode } = fakeIo()
    expect(await runCli(argv, io)).toBeUndefined()
    expect(await exitCode).toBe(code)
  })

  it('does not repeat a stray argument, which may be a secret typed in the wrong place', async () => {
    const { io, errors, exitCode } = fakeIo()
    const secret = Buffer.alloc(32, 3).toString('base64')
    await runCli(['--merchant-id', 'm1', '--key-id', 'k1', '--shared-secret=', secret], io)
    expect(await exitCode).toBe(2)
    expect(errors.join('\n')).toContain('positional arguments are not accepted')
    expect(errors.join('\n')).not.toContain(secret)
  })

  it('says when the port is taken', async () => {
    const first = fakeIo()
    const emulator = await runCli(['--port', '0', '--reuse-keys', '--quiet'], first.io)
    const second = fakeIo()
    await runCli(['--port', String(emulator?.port), '--reuse-keys'], second.io)
    expect(await second.exitCode).toBe(1)
    expect(second.errors.join('\n')).toContain('already in use')
    await emulator?.close()
  })
})
