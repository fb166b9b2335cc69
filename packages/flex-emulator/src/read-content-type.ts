/** A Content-Type header read loosely: the media type and the charset parameters, lower case. */
export interface ContentType {
  mediaType: string
  /** Every `charset` parameter, quotes removed (usually none or one). */
  charsets: string[]
}

/** Reads a Content-Type header value; anything that is not a string reads as no type at all. */
export function readContentType(value: unknown): ContentType {
  if (typeof value !== 'string') return { mediaType: '', charsets: [] }
  const [mediaType = '', ...parameters] = value.split(';').map((part) => part.trim().toLowerCase())
  const charsets: string[] = []
  for (const parameter of parameters) {
    const [name = '', parameterValue = ''] = parameter.split('=').map((part) => part.trim())
    if (name === 'charset') charsets.push(parameterValue.replace(/^"(.*)"$/, '$1'))
  }
  return { mediaType, charsets }
}
