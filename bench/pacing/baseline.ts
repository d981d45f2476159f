import type { Campaigns } from '@ringlane/core'

/**
 * The measurement baseline: our reading of VICIdial's published adaptive dial-level rule (its hard
 * limit method, default settings: no intensity, no differential target, maximum level 3.0). Every
 * 15 s, the difference between ready agents and answered calls waiting, averaged over the last
 * minute, divided by the agents signed in on average, scales the dial level: level × (1 + that),
 * kept between 1.0 and 3.0. Once more than 50 calls were placed today and the day's drop rate
 * (abandoned / answered, since the start of the day) is over the limit, the level is forced to 1.0.
 * Lines out (ringing, waiting and talking) are kept at level × (ready + on-call agents); agents in
 * wrap-up are paused in VICIdial's sense and do not count.
 */
export const adaptiveDialLevelPacer = (options: { readonly dropLimit: number }): Campaigns.Pacer => {
  let level = 1
  let lastRecalculation = Number.NEGATIVE_INFINITY
  let placedToday = 0
  let answeredToday = 0
  let droppedToday = 0
  const samples: Array<{
    readonly at: number
    readonly ready: number
    readonly waiting: number
    readonly agents: number
  }> = []
  return {
    observe: (observation) => {
      if (observation.kind === 'answered') answeredToday++
      if (observation.kind === 'abandoned') droppedToday++
    },
    linesToPlace: (snapshot) => {
      const ready = snapshot.agents.filter((agent) => agent.state === 'ready').length
      const onCall = snapshot.agents.filter((agent) => agent.state === 'on-call').length
      samples.push({ at: snapshot.now, ready, waiting: snapshot.waiting, agents: snapshot.agents.length })
      while (samples.length > 0 && (samples[0]?.at ?? 0) <= snapshot.now - 60_000) samples.shift()
      if (snapshot.now - lastRecalculation >= 15_000) {
        lastRecalculation = snapshot.now
        const average = (pick: (sample: (typeof samples)[number]) => number) =>
          samples.reduce((sum, sample) => sum + pick(sample), 0) / samples.length
        const agents = average((sample) => sample.agents)
        if (agents > 0) {
          const differential = average((sample) => sample.ready) - average((sample) => sample.waiting)
          level = Math.min(3, Math.max(1, level * (1 + differential / agents)))
        }
        if (placedToday > 50 && answeredToday > 0 && droppedToday / answeredToday > options.dropLimit)
          level = 1
      }
      const out = snapshot.ringing.length + snapshot.waiting + onCall
      const lines = Math.max(0, Math.floor(level * (ready + onCall)) - out)
      placedToday += lines
      return lines
    },
  }
}
