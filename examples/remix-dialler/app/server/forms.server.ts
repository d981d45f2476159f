import { Either, ParseResult, type Schema } from 'effect'

/** A form decoded with a Schema: the value, or field errors keyed by field name for the page. */
export const decodeForm = <A, I>(schema: Schema.Schema<A, I, never>, form: FormData) => {
  const decoded = ParseResult.decodeUnknownEither(schema)(Object.fromEntries(form), { errors: 'all' })
  if (Either.isRight(decoded)) return { ok: true as const, value: decoded.right }
  const fields: Record<string, string> = {}
  for (const issue of ParseResult.ArrayFormatter.formatIssueSync(decoded.left))
    fields[String(issue.path[0] ?? 'form')] ??= issue.message
  return { ok: false as const, fields }
}

/** A tagged error from the SDK as a message for the page (they are written for people). */
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** A GET form's query as FormData, so search forms decode with the same `decodeForm` as posts. */
export const searchForm = (url: URL, keepEmpty = false) => {
  const form = new FormData()
  for (const [key, value] of url.searchParams) if (keepEmpty || value !== '') form.append(key, value)
  return form
}

/**
 * The posted form, or a 400 naming what was wrong with it: a body that is not a form (JSON, another
 * content type, broken multipart) is the sender's mistake, never a 500, and nothing has been done yet.
 */
export const readForm = async (request: Request) => {
  try {
    return await request.formData()
  } catch {
    throw new Response(
      'The request body is not a form: send application/x-www-form-urlencoded or multipart/form-data.',
      { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
    )
  }
}
