import type { FlexFieldIssue } from 'flex-types'
import { describe, expect, it } from 'vitest'
import { readNameList } from './read-name-list.js'

describe('readNameList', () => {
  it('treats a hole in the list as misuse, as any entry that is not a string', () => {
    const holed = Object.assign(new Array(2), { 1: 'VISA' }) // [, 'VISA']: JSON would send null
    for (const names of [holed, [42], [undefined]]) {
      const issues: FlexFieldIssue[] = []
      expect(() => readNameList('test', 'allowedCardNetworks', names, issues)).toThrow(
        expect.objectContaining({
          code: 'ERR_INVALID_ARG_VALUE',
          message: 'test: allowedCardNetworks[0] must be a string',
        }),
      )
    }
  })
})
