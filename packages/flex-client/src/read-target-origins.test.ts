import type { FlexFieldIssue } from 'flex-types'
import { describe, expect, it } from 'vitest'
import {
  MICROFORM_TARGET_ORIGIN_RULES,
  readTargetOrigins,
  type TargetOriginRules,
  UNIFIED_CHECKOUT_TARGET_ORIGIN_RULES,
} from './read-target-origins.js'

function check(origins: unknown, rules: TargetOriginRules = MICROFORM_TARGET_ORIGIN_RULES) {
  const issues: FlexFieldIssue[] = []
  readTargetOrigins('test', origins, rules, issues)
  return issues.map(({ path, reason }) => `${path} ${reason}`)
}

describe('readTargetOrigins', () => {
  it.each([
    'https://shop.example',
    'https://basket.shop.example',
    'https://shop.example:8443',
    'https://shop.co.uk',
    'https://xn--bcher-kva.example',
    'https://[2001:db8::1]',
    'https://203.0.113.7',
  ])('accepts %s for both services', (origin) => {
    expect(check([origin])).toEqual([])
    expect(check([origin], UNIFIED_CHECKOUT_TARGET_ORIGIN_RULES)).toEqual([])
  })

  it('accepts http://localhost for Microform only', () => {
    for (const origin of ['http://localhost', 'http://localhost:3000']) {
      expect(check([origin])).toEqual([])
      expect(check([origin], UNIFIED_CHECKOUT_TARGET_ORIGIN_RULES)).toEqual([
        'targetOrigins[0] not-allowed',
      ])
    }
  })

  it.each([
    ['http://shop.example', 'not-allowed'],
    ['http://127.0.0.1:3000', 'not-allowed'],
    ['http://[::1]:3000', 'not-allowed'],
    ['ftp://shop.example', 'not-allowed'],
    ['javascript:alert(1)', 'not-allowed'],
    ['localhost:3000', 'not-allowed'],
    ['https://shop.example/', 'format'],
    ['https://shop.example/checkout', 'format'],
    ['https://shop.example?a=1', 'format'],
    ['https://shop.example#pay', 'format'],
    ['https://user:pass@shop.example', 'format'],
    ['https://user@shop.example', 'format'],
    ['https://Shop.Example', 'format'],
    ['https://shop.example:443', 'format'],
    ['https://*.shop.example', 'format'],
    ['shop.example', 'format'],
    ['https://', 'format'],
    [' https://shop.example', 'format'],
    ['', 'length'],
    [`https://${'a'.repeat(2048)}.example`, 'length'],
  ])('refuses %j as %s, naming it by index', (origin, reason) => {
    expect(check(['https://ok.example', origin])).toEqual([`targetOrigins[1] ${reason}`])
  })

  it('counts: 1 to 9 for Microform, 1 to 7 for Unified Checkout', () => {
    const origins = (count: number) =>
      Array.from({ length: count }, (_, index) => `https://s${index}.example`)
    expect(check(origins(9))).toEqual([])
    expect(check(origins(10))).toEqual(['targetOrigins length'])
    expect(check(origins(7), UNIFIED_CHECKOUT_TARGET_ORIGIN_RULES)).toEqual([])
    expect(check(origins(8), UNIFIED_CHECKOUT_TARGET_ORIGIN_RULES)).toEqual([
      'targetOrigins length',
    ])
    expect(check([])).toEqual(['targetOrigins required'])
  })

  it('refuses a repeated origin and reports every bad one', () => {
    expect(check(['https://a.example', 'http://b.example', 'https://a.example'])).toEqual([
      'targetOrigins[1] not-allowed',
      'targetOrigins[2] duplicate',
    ])
  })

  it('never puts an origin in an issue', () => {
    const issues: FlexFieldIssue[] = []
    readTargetOrigins(
      'test',
      ['https://secret-shop.example/4111111111111111'],
      MICROFORM_TARGET_ORIGIN_RULES,
      issues,
    )
    expect(JSON.stringify(issues)).not.toMatch(/secret-shop|4111/)
  })

  it('treats a value of the wrong type as misuse', () => {
    const holed = Object.assign(new Array(2), { 1: 'https://shop.example' }) // [, 'https://…']
    for (const origins of ['https://shop.example', undefined, [42], [null], holed]) {
      expect(() => check(origins)).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
      )
    }
  })
})
