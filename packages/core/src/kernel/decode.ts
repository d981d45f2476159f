import { Either, ParseResult, type Schema } from 'effect'

/** The first problem a decode found, as `field.path: message`, so errors name what was wrong. */
export const firstIssue = (error: ParseResult.ParseIssue): { field: string; message: string } => {
  const [issue] = ParseResult.ArrayFormatter.formatIssueSync(error)
  const field = issue?.path.length ? issue.path.join('.') : '(input)'
  return { field, message: `${field}: ${issue?.message ?? 'is not valid'}` }
}

/** Decodes unknown input, or returns the error built from the first issue. */
export const decodeWith =
  <A, I, E>(schema: Schema.Schema<A, I, never>, toError: (issue: { field: string; message: string }) => E) =>
  (input: unknown): Either.Either<A, E> =>
    Either.mapLeft(ParseResult.decodeUnknownEither(schema)(input, { errors: 'first' }), (error) =>
      toError(firstIssue(error)),
    )
