import { expect, expectTypeOf, it } from 'vitest'
import type * as entry from './index.js'

it('exports exactly the public surface, the flex-types names it uses included', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "FLEX_STORAGE_REASONS",
      "FlexStorageError",
      "createRedisStorage",
    ]
  `)
})

it('re-exports the storage interface and error of flex-types itself, not copies', async () => {
  const ours = await import('./index.js')
  const base = await import('flex-types')
  expect(ours.FlexStorageError).toBe(base.FlexStorageError)
  expect(ours.FLEX_STORAGE_REASONS).toBe(base.FLEX_STORAGE_REASONS)
  expectTypeOf<entry.FlexStorage>().toEqualTypeOf<import('flex-types').FlexStorage>()
  expectTypeOf<entry.RedisStorage>().toExtend<import('flex-types').FlexStorage>()
})
