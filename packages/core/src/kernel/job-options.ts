import { Schema } from 'effect'

/** A job's options: how many items one run takes at most, 1 to 1000, `defaultLimit` when not given. */
export const JobOptions = (defaultLimit: number) =>
  Schema.Struct({
    limit: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1000)), { default: () => defaultLimit }),
  })
