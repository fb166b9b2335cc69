const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const COMMA = 0x2c

/** The index just past the closing quote of the string that starts at `start`. */
function endOfString(json: string, start: number): number {
  let quote = json.indexOf('"', start + 1)
  for (;;) {
    let backslashes = 0
    while (json.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1
    // A quote after an odd run of backslashes is escaped; the string goes on.
    if (backslashes % 2 === 0) return quote + 1
    quote = json.indexOf('"', quote + 1)
  }
}

/**
 * Tells whether a JSON text that `JSON.parse` accepted has an object with the same member name
 * twice (`JSON.parse` keeps the last). One pass over the text with an explicit stack, so linear in
 * its length and safe at any depth; names are compared decoded, so `"a"` and `"\u0061"` clash.
 */
export function hasDuplicateMember(json: string): boolean {
  // One entry per open container: the names seen so far for an object, undefined for an array.
  const stack: (Set<string> | undefined)[] = []
  let expectName = false
  let index = 0
  while (index < json.length) {
    const code = json.charCodeAt(index)
    if (code === QUOTE) {
      const end = endOfString(json, index)
      const names = stack[stack.length - 1]
      if (expectName && names !== undefined) {
        const raw = json.slice(index + 1, end - 1)
        const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw
        if (names.has(name)) return true
        names.add(name)
        expectName = false
      }
      index = end
      continue
    }
    if (code === OPEN_OBJECT) {
      stack.push(new Set())
      expectName = true
    } else if (code === OPEN_ARRAY) {
      stack.push(undefined)
      expectName = false
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      stack.pop()
      expectName = false
    } else if (code === COMMA) {
      expectName = stack[stack.length - 1] !== undefined
    }
    index += 1
  }
  return false
}
