/**
 * The stale-calls job as it would run later: the SDK's reconciliation on the app's store with the clock
 * moved past `staleCallMinutes` (the job runs every 5 minutes for calls 10 minutes old; a chaos run
 * cannot wait that long). The provider is a fresh simulator, as a restarted app's is: it knows none of
 * the calls the killed process was running.
 */
import { Calls, ringlaneLayer } from '@ringlane/core'
import type { PostgresStores } from '@ringlane/postgres'
import { createSimulatorTelephony } from '@ringlane/simulator'
import { Clock, Effect, Redacted } from 'effect'

export const reconcileLater = async (stores: PostgresStores, minutesLater: number) => {
  const shift = minutesLater * 60_000
  const base = Clock.make()
  const later: Clock.Clock = {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => base.unsafeCurrentTimeMillis() + shift,
    unsafeCurrentTimeNanos: () => base.unsafeCurrentTimeNanos() + BigInt(shift) * 1_000_000n,
    currentTimeMillis: Effect.sync(() => base.unsafeCurrentTimeMillis() + shift),
    currentTimeNanos: Effect.sync(() => base.unsafeCurrentTimeNanos() + BigInt(shift) * 1_000_000n),
    sleep: (duration) => base.sleep(duration),
  }
  const telephony = createSimulatorTelephony({
    secret: Redacted.make('chaos-secret-chaos-secret-chaos-secret'),
    publicBaseUrl: 'http://127.0.0.1:1',
    deliver: async () => ({ status: 204, body: '' }),
  })
  try {
    return await Effect.runPromise(
      Calls.reconcileCalls.pipe(
        Effect.provide(ringlaneLayer({ stores, telephony: telephony.telephony })),
        Effect.withClock(later),
      ) as Effect.Effect<Calls.ReconciliationReport>,
    )
  } finally {
    telephony.dispose()
  }
}
