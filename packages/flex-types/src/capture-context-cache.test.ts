import { describe, expect, it, vi } from 'vitest'
import type { CaptureContext } from './capture-context.js'
import { rememberForCaptureContext } from './capture-context-cache.js'

function makeContext(
  options: { freeze?: boolean; freezeKey?: boolean; extraKey?: object } = {},
): CaptureContext {
  const { freeze = true, freezeKey = true, extraKey } = options
  const encryptionKey = { kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'k', ...extraKey }
  const context = { jwt: 'a.b.c', encryptionKey } as unknown as CaptureContext
  if (freezeKey) Object.freeze(encryptionKey)
  if (freeze) Object.freeze(context)
  return context
}

describe('rememberForCaptureContext', () => {
  it('derives once per frozen context and purpose', () => {
    const context = makeContext()
    const derive = vi.fn(() => ({ derived: true }))
    const first = rememberForCaptureContext(context, 'a', derive)
    expect(rememberForCaptureContext(context, 'a', derive)).toBe(first)
    expect(derive).toHaveBeenCalledTimes(1)
    rememberForCaptureContext(context, 'b', derive)
    expect(derive).toHaveBeenCalledTimes(2)
    rememberForCaptureContext(makeContext(), 'a', derive)
    expect(derive).toHaveBeenCalledTimes(3)
  })

  it('caches undefined and falsy results too', () => {
    const context = makeContext()
    const derive = vi.fn(() => undefined)
    rememberForCaptureContext(context, 'a', derive)
    rememberForCaptureContext(context, 'a', derive)
    expect(derive).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['a context that is not frozen', { freeze: false }],
    ['a frozen context whose encryptionKey is not frozen', { freezeKey: false }],
    [
      'an encryptionKey holding an object that is not frozen',
      { extraKey: { key_ops: ['encrypt'] } },
    ],
  ])('derives anew on every call for %s', (_title, options) => {
    const context = makeContext(options)
    const derive = vi.fn(() => ({}))
    const first = rememberForCaptureContext(context, 'a', derive)
    expect(rememberForCaptureContext(context, 'a', derive)).not.toBe(first)
    expect(derive).toHaveBeenCalledTimes(2)
  })

  it('caches an encryptionKey whose nested objects are frozen too', () => {
    const context = makeContext({ extraKey: { key_ops: Object.freeze(['encrypt']) } })
    const derive = vi.fn(() => ({}))
    rememberForCaptureContext(context, 'a', derive)
    rememberForCaptureContext(context, 'a', derive)
    expect(derive).toHaveBeenCalledTimes(1)
  })

  it('never caches for a frozen encryptionKey with a getter, whose value may change', () => {
    let n = 'AQAB'
    const encryptionKey = Object.freeze({
      kty: 'RSA',
      get n() {
        return n
      },
    })
    const context = Object.freeze({ encryptionKey }) as unknown as CaptureContext
    const derive = vi.fn(() => context.encryptionKey.n)
    expect(rememberForCaptureContext(context, 'a', derive)).toBe('AQAB')
    n = 'BBBB'
    expect(rememberForCaptureContext(context, 'a', derive)).toBe('BBBB')
    const viaGetter = Object.freeze(
      Object.defineProperty({}, 'encryptionKey', { get: () => encryptionKey, enumerable: true }),
    ) as unknown as CaptureContext
    rememberForCaptureContext(viaGetter, 'a', derive)
    rememberForCaptureContext(viaGetter, 'a', derive)
    expect(derive).toHaveBeenCalledTimes(4)
  })

  it('keeps nothing when derive throws', () => {
    const context = makeContext()
    const derive = vi
      .fn<() => string>()
      .mockImplementationOnce(() => {
        throw new Error('refused')
      })
      .mockImplementation(() => 'ok')
    expect(() => rememberForCaptureContext(context, 'a', derive)).toThrow('refused')
    expect(rememberForCaptureContext(context, 'a', derive)).toBe('ok')
    expect(rememberForCaptureContext(context, 'a', derive)).toBe('ok')
    expect(derive).toHaveBeenCalledTimes(2)
  })

  it('forgets a promise once it rejects, and keeps one that resolves', async () => {
    const context = makeContext()
    const failing = vi.fn(() => Promise.reject(new Error('import failed')))
    await expect(rememberForCaptureContext(context, 'key', failing)).rejects.toThrow(
      'import failed',
    )
    const working = vi.fn(() => Promise.resolve('key'))
    const promise = rememberForCaptureContext(context, 'key', working)
    await expect(promise).resolves.toBe('key')
    expect(rememberForCaptureContext(context, 'key', working)).toBe(promise)
    expect(failing).toHaveBeenCalledTimes(1)
    expect(working).toHaveBeenCalledTimes(1)
  })
})
