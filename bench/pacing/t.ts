import { Campaigns } from '@ringlane/core'
import { simulateDialling } from '@ringlane/simulator/discrete'

for (const shares of [
  [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
  [0.2, 0.4, 0.6, 0.8, 1],
  [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
  [0.2, 0.4, 0.6, 0.8, 1],
]) {
  const t = performance.now()
  const r = simulateDialling({
    pacer: Campaigns.predictivePacer({ lookAheadShares: shares }),
    seed: 1,
    agents: 25,
    durationMs: 8 * 3600_000,
    minAgentsForPredictive: 5,
  })
  const t2 = performance.now()
  simulateDialling({
    pacer: Campaigns.progressivePacer(),
    seed: 1,
    agents: 25,
    durationMs: 8 * 3600_000,
    minAgentsForPredictive: 5,
  })
  console.log(shares.length, (t2 - t).toFixed(0), (performance.now() - t2).toFixed(0), r.occupancy.toFixed(3))
}
