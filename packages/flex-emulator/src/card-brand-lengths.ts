// The emulator's own table of card brands (docs/protocol.md section 4 and the card networks'
// public rules): the leading digits of each brand, the lengths its numbers may have and the
// length of its security code. Kept apart from flex-types on purpose (decision 5).

interface BrandLengths {
  /** Inclusive ranges of leading digits, as strings of equal length: ['2221', '2720']. */
  prefixes: readonly (readonly [string, string])[]
  numberLengths: readonly number[]
  securityCodeLength: number
}

const range = (low: number, high: number): number[] =>
  Array.from({ length: high - low + 1 }, (_, index) => low + index)

const BRANDS: readonly BrandLengths[] = [
  { prefixes: [['4', '4']], numberLengths: [13, 16, 19], securityCodeLength: 3 },
  {
    prefixes: [
      ['51', '55'],
      ['2221', '2720'],
    ],
    numberLengths: [16],
    securityCodeLength: 3,
  },
  {
    prefixes: [
      ['34', '34'],
      ['37', '37'],
    ],
    numberLengths: [15],
    securityCodeLength: 4,
  },
  {
    prefixes: [
      ['300', '305'],
      ['3095', '3095'],
      ['36', '36'],
      ['38', '39'],
    ],
    numberLengths: range(14, 19),
    securityCodeLength: 3,
  },
  { prefixes: [['3528', '3589']], numberLengths: range(16, 19), securityCodeLength: 3 },
  {
    prefixes: [
      ['6011', '6011'],
      ['644', '649'],
      ['65', '65'],
    ],
    numberLengths: range(16, 19),
    securityCodeLength: 3,
  },
  { prefixes: [['62', '62']], numberLengths: range(16, 19), securityCodeLength: 3 },
  {
    prefixes: [
      ['50', '50'],
      ['56', '58'],
      ['6304', '6304'],
      ['6759', '6759'],
      ['676770', '676770'],
      ['676774', '676774'],
      ['6761', '6763'],
    ],
    numberLengths: range(12, 19),
    securityCodeLength: 3,
  },
]

function findBrand(digits: string): BrandLengths | undefined {
  return BRANDS.find((brand) =>
    brand.prefixes.some(([low, high]) => {
      const start = digits.slice(0, low.length)
      return start.length === low.length && start >= low && start <= high
    }),
  )
}

/** What is wrong with the length of a card number (digits only) for its brand, or undefined. */
export function checkCardNumberLength(digits: string): string | undefined {
  const brand = findBrand(digits)
  if (brand === undefined || brand.numberLengths.includes(digits.length)) return undefined
  return `has ${digits.length} digits, which its card brand does not allow`
}

/** What is wrong with a security code's length for the brand of the card number, or undefined. */
export function checkSecurityCodeLength(digits: string, securityCode: string): string | undefined {
  const brand = findBrand(digits)
  if (brand === undefined || securityCode.length === brand.securityCodeLength) return undefined
  return `must be ${brand.securityCodeLength} digits for this card brand`
}
