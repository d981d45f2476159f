import type { DiallerApp } from './dialler.server'

/** Tells the live dashboard how full the queues are. */
export const publishQueueLevels = async ({ ringlane, events }: Pick<DiallerApp, 'ringlane' | 'events'>) => {
  const levels = await ringlane.queues.levels()
  await events.publish({
    type: 'queue-levels',
    levels: levels.map(({ queueId, waiting, claimed }) => ({ queueId, waiting, claimed })),
  })
}
