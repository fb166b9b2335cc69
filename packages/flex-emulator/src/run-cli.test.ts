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
    await vi.waitFor(
      () => expect(output.some((line) => line.startsWith('POST /flex/v2/sessions 201'))).toBe(true),
      { timeout: 30_000 },
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
    expect(second.errors.join('\n')).toContain(
      `port ${emulator?.port} is already in use on 127.0.0.1`,
    )
    expect(second.errors.join('\n')).toContain('--port')
    await emulator?.close()
  })

  it('takes the control token from FLEX_EMULATOR_CONTROL_TOKEN and says the control API needs it', async () => {
    const token = 'a-control-token-of-some-length'
    const { io, output } = fakeIo()
    const emulator = await runCli(['--port', '0', '--reuse-keys', '--quiet'], {
      ...io,
      env: { FLEX_EMULATOR_CONTROL_TOKEN: token },
    })
    if (!emulator) throw new Error('the emulator did not start')
    expect(output[0]).toContain(
      `Control API: ${emulator.url}/__emulator/ (send Authorization: Bearer`,
    )
    expect(output[0]).not.toContain(token)
    const clock = `${emulator.url}/__emulator/clock`
    expect((await fetch(clock)).status).toBe(401)
    expect((await fetch(clock, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
    await emulator.close()
  })

  it('prints the version of the package with --version', async () => {
    const { io, output, exitCode } = fakeIo()
    expect(await runCli(['--version'], io)).toBeUndefined()
    expect(await exitCode).toBe(0)
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    expect(output).toEqual([manifest.version])
  })

  it('prints one JSON line with --json and sends the request log to stderr', async () => {
    const { io, output, errors, handlers, exitCode } = fakeIo()
    const emulator = await runCli(['--port', '0', '--reuse-keys', '--json'], io)
    if (!emulator) throw new Error('the emulator did not start')
    expect(output).toHaveLength(1)
    expect(JSON.parse(output[0] ?? '')).toEqual({
      url: emulator.url,
      merchantId: emulator.merchant.merchantId,
      keyId: emulator.merchant.keyId,
      sharedSecret: emulator.merchant.sharedSecret,
    })
    expect((await createSession(emulator)).status).toBe(201)
    await vi.waitFor(
      () => expect(errors.some((line) => line.startsWith('POST /flex/v2/sessions 201'))).toBe(true),
      { timeout: 30_000 },
    )
    expect(output).toHaveLength(1)
    handlers.get('SIGINT')?.()
    expect(await exitCode).toBe(0)
    expect(output).toHaveLength(1)
    expect(errors).toContain('SIGINT: stopping')
  })

  it('takes fixed credentials from FLEX_* variables, flags first, and prints them with --print-env', async () => {
    const env = {
      FLEX_MERCHANT_ID: 'env_merchant',
      FLEX_KEY_ID: 'env-key',
      FLEX_SHARED_SECRET: Buffer.alloc(32, 7).toString('base64'),
    }
    const { io, output, handlers, exitCode } = fakeIo()
    const emulator = await runCli(
      ['--port', '0', '--reuse-keys', '--quiet', '--print-env', '--key-id', 'flag-key'],
      { ...io, env },
    )
    if (!emulator) throw new Error('the emulator did not start')
    expect(emulator.merchant).toEqual({
      merchantId: 'env_merchant',
      keyId: 'flag-key',
      sharedSecret: env.FLEX_SHARED_SECRET,
    })
    expect(output.join('\n').split('\n')).toEqual([
      `FLEX_ORIGIN=${emulator.url}`,
      'FLEX_MERCHANT_ID=env_merchant',
      'FLEX_KEY_ID=flag-key',
      `FLEX_SHARED_SECRET=${env.FLEX_SHARED_SECRET}`,
    ])
    expect((await createSession(emulator)).status).toBe(201)
    handlers.get('SIGTERM')?.()
    expect(await exitCode).toBe(0)
  })

  it.each([
    [{ FLEX_MERCHANT_ID: 'm1' }, [], /go together/],
    [
      { FLEX_MERCHANT_ID: 'm1', FLEX_KEY_ID: 'k1', FLEX_SHARED_SECRET: 'not base64!' },
      [],
      /^flex-emulator: FLEX_SHARED_SECRET must be padded base64/,
    ],
    [
      { FLEX_KEY_ID: 'k1', FLEX_SHARED_SECRET: 'AAAA' },
      ['--merchant-id', 'has space'],
      /^flex-emulator: --merchant-id must be 1 to 128/,
    ],
    [{}, ['--port', '70000'], /^flex-emulator: --port must be/],
    [{}, ['--json', '--print-env'], /--json and --print-env cannot be used together/],
    [{}, ['--control-token', 'short'], /^flex-emulator: --control-token must be 16 to 512/],
    [
      { FLEX_EMULATOR_CONTROL_TOKEN: 'short' },
      [],
      /^flex-emulator: FLEX_EMULATOR_CONTROL_TOKEN must/,
    ],
  ])('refuses bad credentials and options in CLI words (%j %j)', async (env, argv, message) => {
    const { io, errors, exitCode } = fakeIo()
    expect(await runCli(['--reuse-keys', ...argv], { ...io, env })).toBeUndefined()
    expect(await exitCode).toBe(2)
    expect(errors.join('\n')).toMatch(message)
    expect(errors.join('\n')).not.toMatch(/not base64!|has space|startFlexEmulator/)
  })
})
