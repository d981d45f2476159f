import { Either, Schema } from 'effect'
import { type SmsLength, smsLength } from './segments.js'

/**
 * An SMS template: text with `{{name}}` placeholders, optionally with a fallback (`{{firstName|there}}`).
 * Braces anywhere else are refused, so a rendered message can never carry a placeholder left unfilled.
 */
export class InvalidTemplate extends Schema.TaggedError<InvalidTemplate>()('InvalidTemplate', {
  field: Schema.String,
  message: Schema.String,
}) {}

export class MissingTemplateValue extends Schema.TaggedError<MissingTemplateValue>()('MissingTemplateValue', {
  field: Schema.String,
  message: Schema.String,
}) {}

export class MessageTooLong extends Schema.TaggedError<MessageTooLong>()('MessageTooLong', {
  field: Schema.String,
  segments: Schema.Number,
  maxSegments: Schema.Number,
  message: Schema.String,
}) {}

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly name: string; readonly fallback: string | null }

const placeholder = /\{\{([^{}]*)\}\}/g
const placeholderBody = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:\|([^{}|]*))?$/

/** Splits a template into text and placeholders; `field` names where the template came from. */
export const parseTemplate = (
  template: string,
  field = 'template',
): Either.Either<Part[], InvalidTemplate> => {
  const parts: Part[] = []
  let last = 0
  for (const match of template.matchAll(placeholder)) {
    const text = template.slice(last, match.index)
    if (/[{}]/.test(text)) break
    if (text) parts.push({ kind: 'text', text })
    const body = placeholderBody.exec(match[1] ?? '')
    if (!body?.[1]) {
      return Either.left(
        new InvalidTemplate({
          field,
          message: `${field}: "${match[0]}" is not a placeholder; write {{name}} or {{name|fallback}}`,
        }),
      )
    }
    parts.push({ kind: 'value', name: body[1], fallback: body[2]?.trim() ?? null })
    last = match.index + match[0].length
  }
  const rest = template.slice(last)
  if (/[{}]/.test(rest)) {
    return Either.left(
      new InvalidTemplate({
        field,
        message: `${field}: a brace outside a {{placeholder}} is not allowed (at "${rest.slice(0, 20)}")`,
      }),
    )
  }
  if (rest) parts.push({ kind: 'text', text: rest })
  return Either.right(parts)
}

/** The placeholder names a template uses. */
export const templateFields = (template: string): Either.Either<ReadonlyArray<string>, InvalidTemplate> =>
  Either.map(parseTemplate(template), (parts) =>
    parts.flatMap((part) => (part.kind === 'value' ? [part.name] : [])),
  )

// Values come from the source (names) and from us (links); braces and line breaks in them are dropped
// so a value can neither forge a placeholder nor reshape the message.
const clean = (value: string) =>
  value
    .replace(/[{}]/g, '')
    .replace(/[\r\n\t]+/g, ' ')
    .trim()

export type TemplateValues = Readonly<Record<string, string | null | undefined>>

export interface RenderedSms extends SmsLength {
  readonly body: string
}

export interface RenderOptions {
  /** Refuse texts longer than this many parts (default 3). */
  readonly maxSegments?: number
  /** Names the template in errors, e.g. `templates.claim_portal`. */
  readonly field?: string
}

/**
 * Fills a template's placeholders from `values` (a missing or blank value takes the placeholder's
 * fallback, else fails naming the field) and checks the result's length in SMS parts.
 */
export const renderTemplate = (
  template: string,
  values: TemplateValues,
  options: RenderOptions = {},
): Either.Either<RenderedSms, InvalidTemplate | MissingTemplateValue | MessageTooLong> => {
  const field = options.field ?? 'template'
  return Either.flatMap(
    parseTemplate(template, field),
    (parts): Either.Either<RenderedSms, MissingTemplateValue | MessageTooLong> => {
      let body = ''
      for (const part of parts) {
        if (part.kind === 'text') {
          body += part.text
          continue
        }
        const given = clean(values[part.name] ?? '')
        const value = given || (part.fallback === null ? '' : clean(part.fallback))
        if (!value) {
          return Either.left(
            new MissingTemplateValue({
              field: `values.${part.name}`,
              message: `values.${part.name}: ${field} needs a value for {{${part.name}}} and has no fallback`,
            }),
          )
        }
        body += value
      }
      return checkLength(body, options.maxSegments ?? 3, field)
    },
  )
}

/** Checks a finished text (a template's output or an agent's reply) fits the allowed parts. */
export const checkLength = (
  body: string,
  maxSegments: number,
  field = 'body',
): Either.Either<RenderedSms, MessageTooLong> => {
  const length = smsLength(body)
  return length.segments > maxSegments
    ? Either.left(
        new MessageTooLong({
          field,
          segments: length.segments,
          maxSegments,
          message: `${field}: the text takes ${length.segments} SMS parts (${length.encoding}, ${length.units} units); at most ${maxSegments} are allowed${length.encoding === 'UCS-2' ? ' (a character outside GSM-7, such as an emoji or a curly quote, makes every part shorter)' : ''}`,
        }),
      )
    : Either.right({ body, ...length })
}
