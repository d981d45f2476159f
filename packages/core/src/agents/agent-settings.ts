import { Context, Effect, Option, Schema } from 'effect'

const PauseReason = Schema.String.pipe(
  Schema.trimmed({ message: () => 'a pause reason must not start or end with spaces' }),
  Schema.minLength(1, { message: () => 'a pause reason must not be empty' }),
  Schema.maxLength(40, { message: () => 'a pause reason must be at most 40 characters' }),
)

/** How agents pause and wrap up. Every field has a default. */
export const AgentSettings = Schema.Struct({
  /** The reasons an agent may pause for, as they read on the desk and in reports. */
  pauseReasons: Schema.optionalWith(
    Schema.Array(PauseReason).pipe(
      Schema.minItems(1, { message: () => 'pauseReasons: give at least one reason' }),
      Schema.filter(
        (list) =>
          new Set(list.map((r) => r.toLowerCase())).size === list.length ||
          'pauseReasons: each reason once (case does not count)',
      ),
    ),
    { default: () => ['Break', 'Lunch', 'Training', 'Meeting', 'Coaching'] },
  ),
  /**
   * The longest an agent may stay in wrap-up after a call before the dialler makes them available
   * again (the outcome still waits to be recorded); null for no limit.
   */
  wrapUpSeconds: Schema.optionalWith(Schema.NullOr(Schema.Int.pipe(Schema.between(5, 3600))), {
    default: () => null,
  }),
  /**
   * A callback kept for its owner goes to whoever is free once it is this many minutes overdue and its
   * owner is not on the floor (offline), at the callbacks queue's next build.
   */
  callbackGraceMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 1440)), { default: () => 15 }),
  /**
   * What agents say, per queue id: a script with `{{firstName}}`, `{{details.claims.0.reference}}`...
   * placeholders the desk fills from the lead (see `Leads.fillCallScript`).
   */
  callScripts: Schema.optionalWith(
    Schema.Record({
      key: Schema.String,
      value: Schema.String.pipe(
        Schema.maxLength(5000, { message: () => 'callScripts: a script is at most 5,000 characters' }),
      ),
    }),
    { default: () => ({}) },
  ),
})
export type AgentSettings = typeof AgentSettings.Type

/** The checked agent settings; programs fall back to the defaults when it is not provided. */
export class AgentsConfig extends Context.Tag('@ringlane/core/AgentsConfig')<AgentsConfig, AgentSettings>() {}

const defaults = Schema.decodeSync(AgentSettings)({})

/** The agent settings in force: the provided ones, else the defaults. */
export const agentSettings = Effect.map(
  Effect.serviceOption(AgentsConfig),
  Option.getOrElse(() => defaults),
)

export class UnknownPauseReason extends Schema.TaggedError<UnknownPauseReason>()('UnknownPauseReason', {
  field: Schema.Literal('reason'),
  message: Schema.String,
}) {}

/** The configured reason a pause names (whatever its case), or why it is not one. */
export const configuredPauseReason = (reason: string) =>
  Effect.flatMap(agentSettings, ({ pauseReasons }) => {
    const found = pauseReasons.find((r) => r.toLowerCase() === reason.trim().toLowerCase())
    return found
      ? Effect.succeed(found)
      : Effect.fail(
          new UnknownPauseReason({
            field: 'reason',
            message: `reason: "${reason.trim()}" is not a pause reason; choose one of ${pauseReasons.join(', ')}`,
          }),
        )
  })
