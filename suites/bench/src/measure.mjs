// Rates of async operations, measured so that the noise of a shared machine hits every candidate
// alike: one at a time, the candidates take turns operation by operation and each is charged
// only its own time, in a random order per sweep; in flight, short rounds alternate their order. Ratios are taken per round
// (neighbouring measurements) and then their median, not the ratio of two medians.

// `inFlight` loops of `operation` for `duration` ms; operations per second.
async function measureRate(operation, inFlight, duration) {
  let count = 0
  const started = performance.now()
  const deadline = started + duration
  const loop = async () => {
    while (performance.now() < deadline) {
      await operation()
      count += 1
    }
  }
  await Promise.all(Array.from({ length: inFlight }, loop))
  return count / ((performance.now() - started) / 1000)
}

// A random order per sweep, so that no candidate always runs right after the same one and pays
// for its garbage (the official SDK's synchronous node-forge work leaves a lot behind).
function shuffledIndexes(length) {
  const indexes = Array.from({ length }, (_, index) => index)
  for (let index = length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1))
    ;[indexes[index], indexes[other]] = [indexes[other], indexes[index]]
  }
  return indexes
}

// One operation of each candidate per sweep until the round's time is up; rates per candidate.
async function measureInterleaved(operations, duration) {
  const spent = operations.map(() => 0)
  const counts = operations.map(() => 0)
  const deadline = performance.now() + duration * operations.length
  while (performance.now() < deadline) {
    for (const index of shuffledIndexes(operations.length)) {
      const operation = operations[index]
      const started = performance.now()
      await operation()
      spent[index] += performance.now() - started
      counts[index] += 1
    }
  }
  return counts.map((count, index) => count / (spent[index] / 1000))
}

/** min, median and max of a list of numbers. */
export function summarize(values) {
  const sorted = values.toSorted((a, b) => a - b)
  return {
    min: sorted[0],
    median: sorted[Math.floor(sorted.length / 2)],
    max: sorted[sorted.length - 1],
    samples: values,
  }
}

/** The median over rounds of `candidate / reference` (rates of the same round). */
export function medianRatio(modeResults, candidate, reference) {
  const ours = modeResults[candidate].samples
  const theirs = modeResults[reference].samples
  return summarize(ours.map((value, round) => value / theirs[round])).median
}

/**
 * Measures every candidate (name → async operation) in each mode (`[label, inFlight]`), over
 * `rounds` rounds of about `duration` ms per candidate. Returns
 * `{ [mode]: { [name]: { min, median, max, samples } } }`.
 */
export async function compareCandidates(candidates, { modes, rounds, duration, warmup }) {
  const names = Object.keys(candidates)
  for (const name of names) {
    // Warm-up, and a check that every candidate works before anything is timed.
    for (let index = 0; index < warmup; index += 1) await candidates[name]()
  }
  const results = {}
  for (const [mode, inFlight] of modes) {
    const samples = Object.fromEntries(names.map((name) => [name, []]))
    for (let round = 0; round < rounds; round += 1) {
      if (inFlight === 1) {
        const rates = await measureInterleaved(
          names.map((name) => candidates[name]),
          duration,
        )
        for (const [index, name] of names.entries()) samples[name].push(rates[index])
      } else {
        const order = round % 2 === 0 ? names : names.toReversed()
        for (const name of order) {
          samples[name].push(await measureRate(candidates[name], inFlight, duration))
        }
      }
    }
    results[mode] = Object.fromEntries(names.map((name) => [name, summarize(samples[name])]))
  }
  return results
}
