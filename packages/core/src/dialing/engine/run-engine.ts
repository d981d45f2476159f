import { Duration, Effect, Schedule } from 'effect'
import { dialledByEngine, EngineCampaigns } from './engine-campaigns.js'
import { pacingRound } from './pacing-round.js'

/** How often each campaign is paced: the pacer is asked at least every second. */
export const PACING_INTERVAL_MS = 500

/**
 * One round over every campaign the engine dials for, each on its own (one campaign's failure is
 * logged and does not hold up the others). Returns the calls placed per campaign.
 */
export const engineRound = Effect.gen(function* () {
  const campaigns = (yield* Effect.flatMap(EngineCampaigns, (c) => c.campaigns)).filter((running) =>
    dialledByEngine(running.campaign),
  )
  const placed = yield* Effect.forEach(
    campaigns,
    (running) =>
      pacingRound(running).pipe(
        Effect.catchAll((error) =>
          Effect.as(
            Effect.logError('Pacing round failed').pipe(
              Effect.annotateLogs({ campaignId: running.campaign.id, error: error.message }),
            ),
            0,
          ),
        ),
        Effect.map((count) => [running.campaign.id, count] as const),
      ),
    { concurrency: 'unbounded' },
  )
  return new Map<string, number>(placed)
})

/** The engine: a pacing round every `intervalMs` until interrupted. Fork it for the app's lifetime. */
export const runEngine = (intervalMs = PACING_INTERVAL_MS) =>
  Effect.repeat(engineRound, Schedule.spaced(Duration.millis(intervalMs))).pipe(Effect.asVoid)
