import { Effect, Either, ParseResult, type Schema } from 'effect'
import { firstIssue } from '../kernel/decode.js'

/**
 * Decodes input from outside refusing unknown fields and keys, so a misspelt setting or an attribute
 * name the rules could never read is an error rather than silently dropped.
 */
export const strict =
  <A, I, E>(schema: Schema.Schema<A, I, never>, toError: (issue: { field: string; message: string }) => E) =>
  (input: unknown): Effect.Effect<A, E> =>
    Either.match(
      ParseResult.decodeUnknownEither(schema)(input, { errors: 'first', onExcessProperty: 'error' }),
      {
        onLeft: (error) => Effect.fail(toError(firstIssue(error))),
        onRight: (value) => Effect.succeed(value),
      },
    )
