// Whether a card field may answer the page that framed it. Chromium and Safari list every
// ancestor's origin (location.ancestorOrigins); Firefox has no such list, so there the parent's
// origin is read from document.referrer (the library frames the field with referrerpolicy
// "origin"), and the parent must be the top page: the frames above it cannot be checked, so a
// merchant page framed by another is refused there. With neither, the field refuses: it never
// trusts a message's origin alone.
;(() => {
  function isParentAllowed({ origin, allowed, ancestorOrigins, referrer, parentIsTop }) {
    if (!Array.isArray(allowed) || !allowed.includes(origin)) return false
    if (ancestorOrigins !== undefined && ancestorOrigins !== null) {
      const ancestors = [...ancestorOrigins]
      return (
        ancestors.length > 0 &&
        ancestors[0] === origin &&
        ancestors.every((each) => allowed.includes(each))
      )
    }
    if (parentIsTop !== true || typeof referrer !== 'string' || referrer === '') return false
    try {
      return new URL(referrer).origin === origin
    } catch {
      return false
    }
  }

  self.FlexEmulatorParentOrigin = { isParentAllowed }
})()
