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

// The member names of every object in a JSON text, counted where they stand as names.
function countMemberNames(json: string): number {
  // One entry per open container: true for an object, false for an array.
  const stack: boolean[] = []
  let expectName = false
  let count = 0
  let index = 0
  while (index < json.length) {
    const code = json.charCodeAt(index)
    if (code === QUOTE) {
      if (expectName) {
        count += 1
        expectName = false
      }
      index = endOfString(json, index)
      continue
    }
    if (code === OPEN_OBJECT) {
      stack.push(true)
      expectName = true
    } else if (code === OPEN_ARRAY) {
      stack.push(false)
      expectName = false
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      stack.pop()
      expectName = false
    } else if (code === COMMA) {
      expectName = stack[stack.length - 1] === true
    }
    index += 1
  }
  return count
}

// The own keys of every object in a parsed JSON value (array indexes not counted).
function countOwnKeys(root: unknown): number {
  let count = 0
  const pending: unknown[] = [root]
  while (pending.length > 0) {
    const value = pending.pop()
    if (typeof value !== 'object' || value === null) continue
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) pending.push(item)
      continue
    }
    const keys = Object.keys(value)
    count += keys.length
    for (const key of keys) {
      const member = (value as Record<string, unknown>)[key]
      if (typeof member === 'object' && member !== null) pending.push(member)
    }
  }
  return count
}

/**
 * Tells whether a JSON text that `JSON.parse` accepted has an object with the same member name
 * twice. `JSON.parse` makes one object per object in the text and keeps one key per distinct
 * (decoded) name, so the text repeats a name exactly when it holds more member names than the
 * parsed value holds own keys: `"a"` and `"\u0061"` clash. Pass `parsed` when it is at hand; it
 * must be exactly what `JSON.parse(json)` returned (no reviver, not changed since), or the counts
 * no longer mean anything and a duplicate could pass. Loops with explicit stacks: linear in the length, safe at any depth, and
 * no set of names to build per object.
 */
export function hasDuplicateMember(json: string, parsed: unknown = JSON.parse(json)): boolean {
  return countMemberNames(json) !== countOwnKeys(parsed)
}
