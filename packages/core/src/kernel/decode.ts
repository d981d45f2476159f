import { Either, ParseResult, type Schema } from 'effect'

// Effect's messages quote the value they got; a megabyte of input must not become a megabyte of error.
const MAX_MESSAGE = 500

/** The first problem a decode found, as `field.path: message`, so errors name what was wrong. */
export const firstIssue = (error: ParseResult.ParseIssue): { field: string; message: string } => {
  const [issue] = ParseResult.ArrayFormatter.formatIssueSync(error)
  const field = issue?.path.length ? issue.path.join('.') : '(input)'
  const message = `${field}: ${issue?.message ?? 'is not valid'}`
  return { field, message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message }
}

/** Decodes unknown input, or returns the error built from the first issue. */
export const decodeWith =
  <A, I, E>(schema: Schema.Schema<A, I, never>, toError: (issue: { field: string; message: string }) => E) =>
  (input: unknown): Either.Either<A, E> =>
    Either.mapLeft(ParseResult.decodeUnknownEither(schema)(input, { errors: 'first' }), (error) =>
      toError(firstIssue(error)),
    )
