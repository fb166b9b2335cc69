import { describe, expect, it, vi } from 'vitest'
import { readResponseBytes } from './read-response-bytes.js'

/** A body of `chunks` chunks of `size` bytes, counting how many the reader pulled. */
function streamed(chunks: number, size: number) {
  const seen = { pulled: 0, cancelled: false }
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled === chunks) {
          controller.close()
          return
        }
        seen.pulled += 1
        controller.enqueue(new Uint8Array(size).fill(seen.pulled))
      },
      cancel() {
        seen.cancelled = true
      },
    },
    { highWaterMark: 0 },
  )
  return { response: new Response(body), seen }
}

describe('readResponseBytes', () => {
  it('returns the whole body when it fits, joined in order', async () => {
    const { response, seen } = streamed(3, 4)
    const result = await readResponseBytes(response, { maxBytes: 12 })
    expect(result).toEqual({
      ok: true,
      bytes: new Uint8Array([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]),
    })
    expect(seen.cancelled).toBe(false)
  })

  it('stops and cancels the stream as soon as the body passes the limit', async () => {
    const { response, seen } = streamed(1_000, 1_024)
    const result = await readResponseBytes(response, { maxBytes: 4_096 })
    expect(result).toEqual({ ok: false, reason: 'too-large' })
    expect(seen.pulled).toBe(5)
    expect(seen.cancelled).toBe(true)
  })

  it('refuses a declared content-length over the limit without reading, and cancels', async () => {
    const { response: streaming, seen } = streamed(10, 10)
    const response = new Response(streaming.body, { headers: { 'content-length': '100' } })
    expect(await readResponseBytes(response, { maxBytes: 99 })).toEqual({
      ok: false,
      reason: 'too-large',
    })
    expect(seen.pulled).toBe(0)
    expect(seen.cancelled).toBe(true)
  })

  it('falls back on the streamed count when content-length is not a plain number', async () => {
    for (const declared of ['-1', 'abc', '100, 100']) {
      const { response: streaming } = streamed(25, 4)
      const response = new Response(streaming.body, { headers: { 'content-length': declared } })
      expect(await readResponseBytes(response, { maxBytes: 99 })).toEqual({
        ok: false,
        reason: 'too-large',
      })
    }
  })

  it('accepts a body of exactly maxBytes', async () => {
    const { response } = streamed(4, 25)
    const result = await readResponseBytes(response, { maxBytes: 100 })
    expect(result.ok && result.bytes.length).toBe(100)
  })

  it('leaves no timer behind after a body read in time', async () => {
    vi.useFakeTimers()
    try {
      const { response } = streamed(2, 2)
      expect(await readResponseBytes(response, { maxBytes: 10, timeout: 60_000 })).toEqual({
        ok: true,
        bytes: new Uint8Array([1, 1, 2, 2]),
      })
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  it('refuses limits that would switch the check off or fire at once, naming the option', async () => {
    for (const maxBytes of [Number.NaN, -1, 1.5, undefined as unknown as number]) {
      await expect(readResponseBytes(new Response('x'), { maxBytes })).rejects.toThrow(/`maxBytes`/)
      await expect(readResponseBytes(new Response('x'), { maxBytes })).rejects.toMatchObject({
        code: 'ERR_INVALID_ARG_VALUE',
      })
    }
    for (const timeout of [Number.NaN, -1, Number.POSITIVE_INFINITY, 2 ** 31]) {
      await expect(readResponseBytes(new Response('x'), { maxBytes: 10, timeout })).rejects.toThrow(
        /`timeout`/,
      )
    }
  })

  it('refuses a body that yields strings instead of bytes, and cancels it', async () => {
    let cancelled = false
    const body = new ReadableStream<unknown>({
      pull(controller) {
        controller.enqueue('a string chunk')
      },
      cancel() {
        cancelled = true
      },
    })
    await expect(
      readResponseBytes(new Response(body as ReadableStream<Uint8Array>), { maxBytes: 10 }),
    ).rejects.toThrow(/stream of bytes/)
    expect(cancelled).toBe(true)
  })

  it('gives empty bytes for a response without a body', async () => {
    expect(await readResponseBytes(new Response(null, { status: 204 }), { maxBytes: 1 })).toEqual({
      ok: true,
      bytes: new Uint8Array(0),
    })
  })

  it('gives up on a body that trickles past the timeout, and cancels it', async () => {
    vi.useFakeTimers()
    try {
      let cancelled = false
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([1]))
        },
        cancel() {
          cancelled = true
        },
      })
      const pending = readResponseBytes(new Response(body), { maxBytes: 10, timeout: 500 })
      await vi.advanceTimersByTimeAsync(499)
      let settled = false
      void pending.then(() => {
        settled = true
      })
      await vi.advanceTimersByTimeAsync(0)
      expect(settled).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      expect(await pending).toEqual({ ok: false, reason: 'timeout' })
      expect(cancelled).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('rejects when the stream itself fails', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError('connection reset'))
      },
    })
    await expect(readResponseBytes(new Response(body), { maxBytes: 10 })).rejects.toThrow(
      'connection reset',
    )
  })
})
