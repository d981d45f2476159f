import type { AgentStateSpan } from '../agents/agent-store.js'

/**
 * One call's stay in a queue, as SLA reads it: the fields of routing's stored queue contact (any
 * record with them will do). `answeredAt` is when it reached an agent, `abandonedAt` when the caller
 * hung up waiting, `overflowedAt` when it left for the overflow target, `endedAt` when the stay (or the
 * answered call) ended.
 */
export interface SlaContact {
  readonly queueId: string
  readonly enqueuedAt: Date
  readonly answeredAt: Date | null
  readonly abandonedAt: Date | null
  readonly overflowedAt: Date | null
  readonly endedAt: Date | null
}

/**
 * A queue's service over some contacts, with Amazon Connect's definitions. Rates are 0 to 1 and null
 * when nothing was there to count; times are seconds.
 */
export interface SlaFigures {
  /** Contacts that entered the queue. */
  readonly queued: number
  readonly answered: number
  /** The caller hung up while waiting. */
  readonly abandoned: number
  /** Sent to the overflow target (transferred out of the queue). */
  readonly overflowed: number
  /** Contacts still waiting at the end of the window. */
  readonly waiting: number
  readonly answeredWithin: number
  /**
   * Service level X: answered within X seconds of entering the queue, over the contacts removed from
   * the queue (answered, abandoned or transferred out).
   */
  readonly serviceLevel: number | null
  /** Average queue answer time: the wait of answered contacts, on average. */
  readonly averageSpeedOfAnswerSeconds: number | null
  /** Abandonment rate: abandoned over queued. */
  readonly abandonmentRate: number | null
  /** Average handle time: answer to end of the answered contacts that ended, plus wrap-up when known. */
  readonly averageHandleSeconds: number | null
}

export interface SlaInterval extends SlaFigures {
  readonly start: Date
  readonly end: Date
}

export interface SlaQueue {
  readonly queueId: string
  readonly total: SlaFigures
  readonly intervals: ReadonlyArray<SlaInterval>
}

/** Occupancy over one interval: time on contacts over that plus time available, across the agents. */
export interface OccupancyInterval {
  readonly start: Date
  readonly end: Date
  readonly occupancy: number | null
}

export interface SlaReport {
  readonly since: Date
  readonly until: Date
  readonly serviceLevelSeconds: number
  readonly intervalMinutes: number
  readonly total: SlaFigures
  readonly queues: ReadonlyArray<SlaQueue>
  readonly occupancy: { readonly total: number | null; readonly intervals: ReadonlyArray<OccupancyInterval> }
}

export interface SlaOptions {
  readonly since: Date
  readonly until: Date
  /** X of "service level X": answered within this many seconds counts as in service. */
  readonly serviceLevelSeconds: number
  /** The interval the report is cut into (15, 30 or 60 minutes, as Connect's reports are). */
  readonly intervalMinutes: number
  /** Wrap-up seconds an agent spent after each answered contact, on average; 0 when not known. */
  readonly wrapUpSeconds?: number
}

const seconds = (from: Date, to: Date) => (+to - +from) / 1000
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole)
const mean = (values: ReadonlyArray<number>) =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length

/** The SLA figures of some contacts (all counted, whatever their time). */
export const slaFigures = (
  contacts: ReadonlyArray<SlaContact>,
  serviceLevelSeconds: number,
  wrapUpSeconds = 0,
): SlaFigures => {
  const answered = contacts.filter((c) => c.answeredAt !== null)
  const waits = answered.map((c) => seconds(c.enqueuedAt, c.answeredAt as Date))
  const answeredWithin = waits.filter((wait) => wait <= serviceLevelSeconds).length
  const abandoned = contacts.filter((c) => c.answeredAt === null && c.abandonedAt !== null).length
  const overflowed = contacts.filter(
    (c) => c.answeredAt === null && c.abandonedAt === null && c.overflowedAt !== null,
  ).length
  const handled = answered.flatMap((c) =>
    c.endedAt === null ? [] : [seconds(c.answeredAt as Date, c.endedAt) + wrapUpSeconds],
  )
  const removed = answered.length + abandoned + overflowed
  return {
    queued: contacts.length,
    answered: answered.length,
    abandoned,
    overflowed,
    waiting: contacts.length - removed,
    answeredWithin,
    serviceLevel: ratio(answeredWithin, removed),
    averageSpeedOfAnswerSeconds: mean(waits),
    abandonmentRate: ratio(abandoned, contacts.length),
    averageHandleSeconds: mean(handled),
  }
}

/**
 * Occupancy (Amazon Connect's OCCUPANCY) over `[since, until)`: agents' time on calls and wrapping up
 * over that plus their time available, from their state spans; paused and offline time are neither.
 * Spans still open count up to `until`. Null when no agent was available or busy.
 */
export const occupancy = (spans: ReadonlyArray<AgentStateSpan>, since: Date, until: Date): number | null => {
  const tally = { busy: 0, idle: 0 }
  for (const span of spans) tallySpan(tally, span, +since, +until)
  return ratio(tally.busy, tally.busy + tally.idle)
}

/** Busy and available milliseconds of a span within `[since, until)`, added to a tally. */
const tallySpan = (
  tally: { busy: number; idle: number },
  span: AgentStateSpan,
  since: number,
  until: number,
) => {
  const overlap = Math.max(0, Math.min(+(span.endedAt ?? until), until) - Math.max(+span.startedAt, since))
  if (span.state === 'on_call' || span.state === 'wrap_up') tally.busy += overlap
  else if (span.state === 'available') tally.idle += overlap
}

/**
 * SLA per queue and interval over the contacts that entered a queue in `[since, until)`, each counted in
 * the interval it entered; occupancy per interval from the agents' state spans. Queues by id.
 */
export const slaReport = (
  contacts: ReadonlyArray<SlaContact>,
  spans: ReadonlyArray<AgentStateSpan>,
  options: SlaOptions,
): SlaReport => {
  const { since, until, serviceLevelSeconds: x, intervalMinutes } = options
  const wrapUp = options.wrapUpSeconds ?? 0
  const step = intervalMinutes * 60_000
  const count = Math.max(0, Math.ceil((+until - +since) / step))
  const bounds = (i: number) =>
    [new Date(+since + i * step), new Date(Math.min(+since + (i + 1) * step, +until))] as const
  const indexOf = (at: Date) => Math.floor((+at - +since) / step)
  const inWindow = contacts.filter((c) => +c.enqueuedAt >= +since && +c.enqueuedAt < +until)
  // Each contact goes to its queue's bucket for the interval it entered: one pass, however many intervals.
  const byQueue = new Map<string, SlaContact[][]>()
  for (const contact of inWindow) {
    const buckets = byQueue.get(contact.queueId) ?? Array.from({ length: count }, (): SlaContact[] => [])
    byQueue.set(contact.queueId, buckets)
    buckets[indexOf(contact.enqueuedAt)]?.push(contact)
  }
  const tallies = Array.from({ length: count }, () => ({ busy: 0, idle: 0 }))
  for (const span of spans) {
    const first = Math.max(0, indexOf(span.startedAt))
    const last = Math.min(count - 1, indexOf(span.endedAt ?? until))
    for (let i = first; i <= last; i++) {
      const [start, end] = bounds(i)
      tallySpan(tallies[i] as { busy: number; idle: number }, span, +start, +end)
    }
  }
  const total = tallies.reduce((sum, t) => ({ busy: sum.busy + t.busy, idle: sum.idle + t.idle }), {
    busy: 0,
    idle: 0,
  })
  return {
    since,
    until,
    serviceLevelSeconds: x,
    intervalMinutes,
    total: slaFigures(inWindow, x, wrapUp),
    queues: [...byQueue.keys()].sort().map((queueId) => {
      const buckets = byQueue.get(queueId) ?? []
      return {
        queueId,
        total: slaFigures(buckets.flat(), x, wrapUp),
        intervals: buckets.map((bucket, i) => {
          const [start, end] = bounds(i)
          return { start, end, ...slaFigures(bucket, x, wrapUp) }
        }),
      }
    }),
    occupancy: {
      total: ratio(total.busy, total.busy + total.idle),
      intervals: tallies.map((t, i) => {
        const [start, end] = bounds(i)
        return { start, end, occupancy: ratio(t.busy, t.busy + t.idle) }
      }),
    },
  }
}
