/**
 * The simulator's agenda: events by virtual time, and in the order they were scheduled when two fall
 * on the same millisecond, so a run is the same every time (a binary heap).
 */
export interface Scheduled<E> {
  readonly at: number
  readonly seq: number
  readonly event: E
}

export const eventQueue = <E>() => {
  const heap: Array<Scheduled<E>> = []
  let seq = 0
  const before = (a: Scheduled<E>, b: Scheduled<E>) => a.at < b.at || (a.at === b.at && a.seq < b.seq)
  return {
    size: () => heap.length,
    push: (at: number, event: E) => {
      heap.push({ at, seq: seq++, event })
      let i = heap.length - 1
      while (i > 0) {
        const parent = (i - 1) >> 1
        if (!before(heap[i] as Scheduled<E>, heap[parent] as Scheduled<E>)) break
        ;[heap[i], heap[parent]] = [heap[parent] as Scheduled<E>, heap[i] as Scheduled<E>]
        i = parent
      }
    },
    pop: (): Scheduled<E> | undefined => {
      const top = heap[0]
      const last = heap.pop()
      if (top === undefined || last === undefined || heap.length === 0) return top
      heap[0] = last
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let least = i
        if (left < heap.length && before(heap[left] as Scheduled<E>, heap[least] as Scheduled<E>))
          least = left
        if (right < heap.length && before(heap[right] as Scheduled<E>, heap[least] as Scheduled<E>))
          least = right
        if (least === i) break
        ;[heap[i], heap[least]] = [heap[least] as Scheduled<E>, heap[i] as Scheduled<E>]
        i = least
      }
      return top
    },
  }
}
