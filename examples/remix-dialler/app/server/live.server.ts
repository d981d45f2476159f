import type { DiallerApp } from './dialler.server'

type Levels = Awaited<ReturnType<DiallerApp['ringlane']['queues']['levels']>>

/** How long queue levels read for one page are shown to the next ones (they count every entry). */
const LEVELS_FRESH_MS = 1000
const recent = new WeakMap<object, { readonly levels: Promise<Levels>; readonly until: number }>()

/**
 * The queues' levels as the desk shows them, read at most once a second per instance: the count
 * walks every queue entry, and a floor of agents each loading their desk would run it on every page.
 */
export const queueLevels = ({ ringlane }: Pick<DiallerApp, 'ringlane'>): Promise<Levels> => {
  const known = recent.get(ringlane)
  if (known && known.until > Date.now()) return known.levels
  const levels = ringlane.queues.levels()
  recent.set(ringlane, { levels, until: Date.now() + LEVELS_FRESH_MS })
  // A failed read is not kept: the next page asks again.
  levels.catch(() => recent.delete(ringlane))
  return levels
}

const published = new WeakMap<object, Promise<Levels>>()
const trailing = new WeakSet<object>()

/**
 * Tells the live dashboard how full the queues are: once per fresh reading, not once per click. A
 * click within a reading already sent is sent by one later publish, once that reading is stale.
 */
export const publishQueueLevels = async (app: Pick<DiallerApp, 'ringlane' | 'events'>): Promise<void> => {
  const { ringlane, events } = app
  const reading = queueLevels(app)
  if (published.get(ringlane) === reading) {
    if (trailing.has(ringlane)) return
    trailing.add(ringlane)
    setTimeout(() => {
      trailing.delete(ringlane)
      publishQueueLevels(app).catch(() => undefined)
    }, LEVELS_FRESH_MS).unref()
    return
  }
  published.set(ringlane, reading)
  const levels = await reading
  await events.publish({
    type: 'queue-levels',
    levels: levels.map(({ queueId, waiting, claimed }) => ({ queueId, waiting, claimed })),
  })
}
