import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expectNoSensitiveData } from 'test-utils'
import { describe, expect, it, vi } from 'vitest'
import { type CliIo, runCli } from './run-cli.js'
import { createSession } from './testing/flow.js'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

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
    expect(output[0]).toMatch(/TLS certificate: .*certificate\.pem/)
    handlers.get('SIGTERM')?.()
    expect(await exitCode).toBe(0)
  })

  it('writes the TLS certificate into a fresh private directory, never to the old predictable path', async () => {
    const port = await freePort()
    const own = mkdtempSync(join(tmpdir(), 'flex-emulator-cli-test-'))
    const target = join(own, 'target.txt')
    writeFileSync(target, 'original')
    const planted = join(tmpdir(), `flex-emulator-${port}.pem`)
    rmSync(planted, { force: true })
    symlinkSync(target, planted)
    try {
      const { io, output, handlers, exitCode } = fakeIo()
      const emulator = await runCli(
        ['--port', String(port), '--reuse-keys', '--tls', '--quiet'],
        io,
      )
      const path = /TLS certificate: (.+)/.exec(output[0] ?? '')?.[1] ?? ''
      expect(path).not.toBe(planted)
      expect(dirname(path)).toMatch(new RegExp(`^${tmpdir()}/flex-emulator-`))
      expect(statSync(dirname(path)).mode & 0o777).toBe(0o700)
      expect(lstatSync(path).isFile()).toBe(true)
      expect(statSync(path).mode & 0o777).toBe(0o600)
      expect(readFileSync(path, 'utf8')).toBe(emulator?.certificate)
      handlers.get('SIGTERM')?.()
      expect(await exitCode).toBe(0)
      expect(existsSync(dirname(path))).toBe(false)
      expect(lstatSync(planted).isSymbolicLink()).toBe(true)
      expect(readFileSync(target, 'utf8')).toBe('original')
    } finally {
      rmSync(planted, { force: true })
      rmSync(own, { recursive: true, force: true })
    }
  })

  it('writes the certificate to --cert-out as a new 0600 file, and refuses an existing one', async () => {
    const own = mkdtempSync(join(tmpdir(), 'flex-emulator-cli-test-'))
    try {
      const path = join(own, 'emulator.pem')
      const first = fakeIo()
      const emulator = await runCli(
        ['--port', '0', '--reuse-keys', '--tls', '--quiet', '--cert-out', path],
        first.io,
      )
      expect(first.output[0]).toContain(`TLS certificate: ${path}`)
      expect(statSync(path).mode & 0o777).toBe(0o600)
      await emulator?.close()
      writeFileSync(path, 'someone else')
      const second = fakeIo()
      expect(
        await runCli(
          ['--port', '0', '--reuse-keys', '--tls', '--quiet', '--cert-out', path],
          second.io,
        ),
      ).toBeUndefined()
      expect(await second.exitCode).toBe(1)
      expect(second.errors.join('\n')).toContain('already exists')
      expect(readFileSync(path, 'utf8')).toBe('someone else')
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  })

  it('announces --public-url and refuses a bad one or a bad limit in CLI words', async () => {
    const good = fakeIo()
    const emulator = await runCli(
      ['--port', '0', '--reuse-keys', '--quiet', '--public-url', 'https://flex.test:8443'],
      good.io,
    )
    expect(emulator?.url).toBe('https://flex.test:8443')
    expect(good.output[0]).toContain('listening on https://flex.test:8443')
    await emulator?.close()
    for (const [argv, message] of [
      [['--public-url', 'https://flex.test/secret-path'], /^flex-emulator: --public-url must/],
      [['--max-connections', '0'], /^flex-emulator: --max-connections must/],
      [['--max-capture-contexts', '0'], /^flex-emulator: --max-capture-contexts must/],
      [['--cert-out', 'x.pem'], /^flex-emulator: --cert-out goes with --tls/],
    ] as const) {
      const bad = fakeIo()
      expect(await runCli(['--port', '0', '--reuse-keys', ...argv], bad.io)).toBeUndefined()
      expect(await bad.exitCode).toBe(2)
      expect(bad.errors.join('\n')).toMatch(message)
      expect(bad.errors.join('\n')).not.toContain('secret-path')
    }
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
