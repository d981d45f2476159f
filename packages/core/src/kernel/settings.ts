import { type Context, Effect, type Either, Layer, Schema } from 'effect'

/** A whole number from `min` to `max`: most settings are counts and durations. */
export const int = (min: number, max: number) => Schema.Int.pipe(Schema.between(min, max))

/**
 * Settings whose cap `high` must be at least `low` (a backoff's longest wait at least its first), the
 * error naming the cap.
 */
export const capAtLeast =
  <K extends string>(high: K, low: K) =>
  <A extends Record<K, number>, I, R>(settings: Schema.Schema<A, I, R>) =>
    settings.pipe(
      Schema.filter((s) =>
        s[high] >= s[low] ? undefined : { path: [high], message: `${high} must be at least ${low}` },
      ),
    )

/** Checks settings once, at start, and provides them: a bad setting fails there, naming its field. */
export const settingsLayer = <Id, A, E>(tag: Context.Tag<Id, A>, decoded: () => Either.Either<A, E>) =>
  Layer.effect(tag, Effect.suspend(decoded))
