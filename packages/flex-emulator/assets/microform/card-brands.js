// The card brands the emulated fields recognise, described as Microform v2's change event
// describes them (name, brandedName, cybsCardType, lengths, securityCode, valid, couldBeValid).
;(() => {
  const BRANDS = [
    {
      name: 'amex',
      brandedName: 'American Express',
      cybsCardType: '003',
      network: 'AMEX',
      prefix: /^3[47]/,
      lengths: [15],
      spaces: [4, 10],
      securityCode: { name: 'CID', length: 4 },
    },
    {
      name: 'dinersclub',
      brandedName: 'Diners Club',
      cybsCardType: '005',
      network: 'DINERSCLUB',
      prefix: /^3(0[0-5]|[689])/,
      lengths: [14, 16],
      spaces: [4, 10],
      securityCode: { name: 'CVV', length: 3 },
    },
    {
      name: 'jcb',
      brandedName: 'JCB',
      cybsCardType: '007',
      network: 'JCB',
      prefix: /^35(2[89]|[3-8])/,
      lengths: [16, 17, 18, 19],
      spaces: [4, 8, 12],
      securityCode: { name: 'CVV', length: 3 },
    },
    {
      name: 'discover',
      brandedName: 'Discover',
      cybsCardType: '004',
      network: 'DISCOVER',
      prefix: /^6(011|4[4-9]|5)/,
      lengths: [16, 19],
      spaces: [4, 8, 12],
      securityCode: { name: 'CID', length: 3 },
    },
    {
      name: 'mastercard',
      brandedName: 'Mastercard',
      cybsCardType: '002',
      network: 'MASTERCARD',
      prefix: /^(5[1-5]|2(2[2-9]|[3-6]|7[01]|720))/,
      lengths: [16],
      spaces: [4, 8, 12],
      securityCode: { name: 'CVC', length: 3 },
    },
    {
      name: 'visa',
      brandedName: 'Visa',
      cybsCardType: '001',
      network: 'VISA',
      prefix: /^4/,
      lengths: [13, 16, 19],
      spaces: [4, 8, 12],
      securityCode: { name: 'CVV', length: 3 },
    },
  ]

  function luhn(number) {
    let sum = 0
    for (let index = 0; index < number.length; index += 1) {
      let digit = Number(number[number.length - 1 - index])
      if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2
      sum += digit
    }
    return sum % 10 === 0
  }

  function describeNumber(number, allowed) {
    const card = BRANDS.filter(
      (brand) => brand.prefix.test(number) && (!allowed || allowed.includes(brand.network)),
    ).map((brand) => {
      const valid = brand.lengths.includes(number.length) && luhn(number)
      const couldBeValid = valid || number.length < Math.max(...brand.lengths)
      const { name, brandedName, cybsCardType, spaces, lengths, securityCode } = brand
      return {
        name,
        brandedName,
        cybsCardType,
        spaces,
        lengths,
        securityCode,
        luhn: true,
        valid,
        couldBeValid,
      }
    })
    const valid = card.some((each) => each.valid)
    const couldBeValid =
      number.length === 0 ||
      card.some((each) => each.couldBeValid) ||
      (number.length < 2 && !allowed)
    return { card, empty: number.length === 0, couldBeValid, valid }
  }

  function describeSecurityCode(code) {
    return {
      empty: code.length === 0,
      couldBeValid: code.length <= 4,
      valid: code.length === 3 || code.length === 4,
    }
  }

  self.FlexEmulatorCardBrands = { describeNumber, describeSecurityCode }
})()
