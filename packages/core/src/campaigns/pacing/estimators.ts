/**
 * Online estimates the predictive pacer reads each tick: windowed over the last calls, so they follow
 * the traffic as it drifts through the day (a morning's hit rate is not an evening's), with no
 * assumption about the shape of a distribution.
 */

/** The last `size` values seen, as an empirical distribution. */
export interface RecentValues {
  readonly add: (value: number) => void
  readonly count: () => number
  readonly mean: () => number
  /** The nearest-rank `q` quantile (0 < q ≤ 1) of the values remembered; 0 with none. */
  readonly quantile: (q: number) => number
  /** The fraction of the values remembered that are greater than `x`; 0 with none. */
  readonly survival: (x: number) => number
  /** How many values were ever added: changes whenever the distribution may have. */
  readonly added: () => number
  /** The values remembered, smallest first (a view: read it before the next add). */
  readonly ordered: () => Float64Array
}

export const recentValues = (size: number): RecentValues => {
  const ring = new Float64Array(Math.max(1, Math.floor(size)))
  // The same values kept in order, updated on each add: the pacer reads them many times per tick.
  const sorted = new Float64Array(ring.length)
  let count = 0
  let next = 0
  let sum = 0
  let added = 0
  /** The number of remembered values <= x (the first index past them in `sorted`). */
  const atMost = (x: number) => {
    let low = 0
    let high = count
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((sorted[middle] as number) <= x) low = middle + 1
      else high = middle
    }
    return low
  }
  return {
    add: (value) => {
      if (!Number.isFinite(value)) return
      added++
      if (count === ring.length) {
        const old = ring[next] as number
        sum -= old
        // Drop the oldest value from the ordered copy: its last occurrence is at atMost(old) - 1.
        const at = atMost(old) - 1
        sorted.copyWithin(at, at + 1, count)
        count--
      }
      const at = atMost(value)
      sorted.copyWithin(at + 1, at, count)
      sorted[at] = value
      count++
      ring[next] = value
      sum += value
      next = (next + 1) % ring.length
    },
    count: () => count,
    mean: () => (count === 0 ? 0 : sum / count),
    quantile: (q) => {
      if (count === 0) return 0
      const rank = Math.min(count, Math.max(1, Math.ceil(q * count)))
      return sorted[rank - 1] as number
    },
    survival: (x) => (count === 0 ? 0 : (count - atMost(x)) / count),
    added: () => added,
    ordered: () => sorted.subarray(0, count),
  }
}

/**
 * `values.survival` read from a table of `points` steps up to the largest value, interpolated in
 * between, rebuilt only when a value was added: the pacer asks hundreds of times per tick and the
 * values change a few times a minute. Exact at the table's points, 0 past the largest value.
 */
export const survivalTable = (values: RecentValues, points = 512) => {
  let builtAt = -1
  let step = 1
  let table = new Float64Array(0)
  const build = () => {
    builtAt = values.added()
    const sorted = values.ordered()
    const count = sorted.length
    if (count === 0) {
      table = new Float64Array(0)
      return
    }
    step = Math.max(1e-9, (sorted[count - 1] as number) / points)
    table = new Float64Array(points + 1)
    let below = 0
    for (let i = 0; i <= points; i++) {
      const x = i * step
      while (below < count && (sorted[below] as number) <= x) below++
      table[i] = (count - below) / count
    }
    table[points] = 0
  }
  return (x: number) => {
    if (builtAt !== values.added()) build()
    if (table.length === 0) return 0
    if (x < 0) return values.survival(x)
    const at = x / step
    const i = Math.floor(at)
    if (i >= table.length - 1) return 0
    const low = table[i] as number
    return low + (at - i) * ((table[i + 1] as number) - low)
  }
}

/** The share of the last `size` outcomes that were hits, pulled towards `prior` while there are few. */
export interface RecentRate {
  readonly add: (hit: boolean) => void
  readonly count: () => number
  readonly rate: () => number
}

export const recentRate = (
  size: number,
  prior: { readonly rate: number; readonly weight: number },
): RecentRate => {
  const ring = new Uint8Array(Math.max(1, Math.floor(size)))
  let count = 0
  let next = 0
  let hits = 0
  return {
    add: (hit) => {
      if (count === ring.length) hits -= ring[next] as number
      else count++
      ring[next] = hit ? 1 : 0
      hits += hit ? 1 : 0
      next = (next + 1) % ring.length
    },
    count: () => count,
    rate: () => (hits + prior.rate * prior.weight) / (count + prior.weight),
  }
}
