import { Context, Effect, type Either, Layer, Schema } from 'effect'
import { decodeWith } from './decode.js'

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

/** What a bad setting fails with: each area's own error, all naming the field and what was wrong with it. */
export const InvalidSettings =
  <Self>() =>
  <Tag extends string>(tag: Tag) =>
    Schema.TaggedError<Self>()(tag, { field: Schema.String, message: Schema.String })

/** An area's settings tag; its `layer` checks the settings given and provides them. */
export interface SettingsTagClass<Self, Key extends string, A, I, E> extends Context.TagClass<Self, Key, A> {
  readonly layer: (input?: I) => Layer.Layer<Self, E>
}

/**
 * An area's settings in force, with `layer(input)`: checks the input against `settings` once, at start,
 * a bad one failing with the area's `invalid` error; an input left out takes every default.
 */
export const SettingsTag =
  <Self>() =>
  <Key extends string, A, I extends object, E>(
    key: Key,
    settings: Schema.Schema<A, I, never>,
    invalid: (issue: { field: string; message: string }) => E,
  ): SettingsTagClass<Self, Key, A, I, E> => {
    const decode = decodeWith(settings, invalid)
    const tag = Context.GenericTag<Self, A>(key)
    // Context's tag types compare their `layer`-less selves when unified; the class has it, so say so.
    return class extends Context.Tag(key)<Self, A>() {
      static readonly layer = (input: I = {} as I) => settingsLayer(tag, () => decode(input))
    } as SettingsTagClass<Self, Key, A, I, E>
  }
