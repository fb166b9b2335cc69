// The sentinel scan every leak test relies on: it must find a card number or a security code
// where output carries one, and must not cry wolf on the random ids a payment answer holds.
import { describe, expect, it } from 'vitest'
import {
  expectNoSensitiveData,
  findSensitiveData,
  SENTINEL_CARD_NUMBERS,
  SENTINEL_SECURITY_CODE,
} from './find-sensitive-data.js'

const CODE = '739'

describe('findSensitiveData', () => {
  it('finds every sentinel card number, and any Luhn-valid digit run', () => {
    for (const number of SENTINEL_CARD_NUMBERS) {
      expect(findSensitiveData(`card=${number};`)).not.toEqual([])
    }
    expect(findSensitiveData('pan 4242424242424242 end')).toEqual([
      'Luhn-valid digit run of length 16',
    ])
    expect(findSensitiveData('id 4242424242424241 end')).toEqual([])
  })

  it('does not take the fraction of a decimal number for a card number', () => {
    expect(findSensitiveData('{"durationMs":12.4242424242424242}')).toEqual([])
    expect(findSensitiveData('{"pan":".4242424242424242"}')).toEqual([
      'Luhn-valid digit run of length 16',
    ])
  })

  it.each([
    ['a JSON value', `{"securityCode":"${CODE}"}`],
    ['a form field', `number=x&securityCode=${CODE}&amount=1.00`],
    ['a log line', `cvv ${CODE} sent`],
    ['the start and the end of the text', CODE],
    ['a URL-encoded query', `next=%2Fpay%3FsecurityCode%3D${CODE}%26x=1`],
    ['a JSON-escaped line break', JSON.stringify({ message: `code:\n${CODE}` })],
    ['a JSON-escaped tab', JSON.stringify(`cvv\t${CODE}`)],
    ['a JSON unicode escape', `{"securityCode":\\u0022${CODE}\\u0022}`],
    ['a URL encoded twice', `next=%2Fpay%3Fcvv%253D${CODE}`],
  ])('finds a short security code standing apart in %s', (_, text) => {
    expect(findSensitiveData(text, [CODE])).toEqual(['secret of length 3 ending 39'])
  })

  it.each([
    ['a longer number', `port 3${CODE}1, total 1${CODE}`],
    ['a hex transaction id', `"transactionId":"d4b4fc60a${CODE}f61221ce651c30aeb76"`],
    ['a correlation UUID', `1fe77b7c-4810-4e6f-8f71-${CODE}b3a058721`],
    ['an id of letters and digits', `"reconciliationId":"W1F8RJ${CODE}VM5TFECPS"`],
    ['a time with milliseconds', `2026-12-06T01:25:06.${CODE}Z`],
  ])('does not find a short security code inside %s', (_, text) => {
    expect(findSensitiveData(text, [CODE])).toEqual([])
  })

  it('does not find the four-digit sentinel code as a segment of a UUID, but finds it apart', () => {
    const uuid = `1fe77b7c-${SENTINEL_SECURITY_CODE}-4e6f-8f71-a739b3a05872`
    expect(findSensitiveData(uuid, [SENTINEL_SECURITY_CODE])).toEqual([])
    expect(
      findSensitiveData(`${uuid} ${SENTINEL_SECURITY_CODE}`, [SENTINEL_SECURITY_CODE]),
    ).toEqual(['secret of length 4 ending 91'])
  })

  it('names what it found by length and last two characters, never the value', () => {
    expect(() => expectNoSensitiveData({ nested: { code: CODE } }, [CODE])).toThrow(
      /^sensitive data found: secret of length 3 ending 39$/,
    )
  })
})
