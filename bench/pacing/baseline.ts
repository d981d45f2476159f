import type { Campaigns } from '@ringlane/core'

/**
 * The measurement baseline: our reading of VICIdial's published adaptive dial-level rule, not its
 * code. Every 15 s the dial level moves by the average of (ready agents − answered calls waiting) over
 * the last minute, per active agent, kept between 1.0 and 3.0; while the drop rate counted since the
 * start of the day is over the limit the level is forced to 1.0. Lines out (ringing, waiting and
 * talking) are kept at level × active agents (ready or on a call; agents in wrap-up are paused in
 * VICIdial's sense and do not count).
 */
export const adaptiveDialLevelPacer = (options: { readonly dropLimit?: number } = {}): Campaigns.Pacer => {
  let level = 1
  let lastRecalculation = Number.NEGATIVE_INFINITY
  let answeredToday = 0
  let droppedToday = 0
  const samples: Array<{ readonly at: number; readonly ready: number; readonly waiting: number }> = []
  return {
    observe: (observation) => {
      if (observation.kind === 'answered') answeredToday++
      if (observation.kind === 'abandoned') droppedToday++
    },
    linesToPlace: (snapshot) => {
      const ready = snapshot.agents.filter((agent) => agent.state === 'ready').length
      const onCall = snapshot.agents.filter((agent) => agent.state === 'on-call').length
      samples.push({ at: snapshot.now, ready, waiting: snapshot.waiting })
      while (samples.length > 0 && (samples[0]?.at ?? 0) <= snapshot.now - 60_000) samples.shift()
      if (snapshot.now - lastRecalculation >= 15_000) {
        lastRecalculation = snapshot.now
        const limit = options.dropLimit ?? snapshot.abandons.targetRate
        const active = ready + onCall
        if (answeredToday > 0 && droppedToday / answeredToday > limit) level = 1
        else if (active > 0) {
          const difference =
            samples.reduce((sum, sample) => sum + sample.ready - sample.waiting, 0) / samples.length
          level = Math.min(3, Math.max(1, level + difference / active))
        }
      }
      const out = snapshot.ringing.length + snapshot.waiting + onCall
      return Math.max(0, Math.floor(level * (ready + onCall)) - out)
    },
  }
}
