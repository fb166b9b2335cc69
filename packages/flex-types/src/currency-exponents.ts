// ISO 4217 list one: the minor unit of every active code that has one (funds and precious-metal
// codes without a minor unit are left out, so they are refused).
const EXPONENT_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'.split(' ')
const EXPONENT_3 = 'BHD IQD JOD KWD LYD OMR TND'.split(' ')
const EXPONENT_4 = 'CLF UYW'.split(' ')
const EXPONENT_2 = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
  'BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP ' +
  'GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK ' +
  'LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK ' +
  'NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD ' +
  'SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG ' +
  'YER ZAR ZMW ZWG ZWL'
).split(' ')

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...EXPONENT_0.map((code) => [code, 0] as const),
  ...EXPONENT_2.map((code) => [code, 2] as const),
  ...EXPONENT_3.map((code) => [code, 3] as const),
  ...EXPONENT_4.map((code) => [code, 4] as const),
])

/**
 * The number of decimals ISO 4217 gives a currency (`USD` 2, `JPY` 0, `KWD` 3), or `undefined`
 * for a code that is unknown or has no minor unit (`XAU`, `XXX`). Use it to format an amount as
 * the decimal string the payments API takes.
 *
 * @example
 * ```ts
 * getCurrencyExponent('JPY') // 0
 * const totalAmount = (1999 / 10 ** (getCurrencyExponent('USD') ?? 2)).toFixed(2) // '19.99'
 * ```
 */
export function getCurrencyExponent(currency: string): number | undefined {
  return EXPONENTS.get(currency)
}
