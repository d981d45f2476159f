import { Schema } from 'effect'

const slug = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_]{0,39}$/, {
    message: () => 'a link type must be lowercase letters, digits or _ (e.g. document_upload)',
  }),
)

/** A path on the base URL with exactly one `{token}`, e.g. `/documents?token={token}`. */
const pathTemplate = Schema.String.pipe(
  Schema.filter((path) =>
    !path.startsWith('/')
      ? 'a link path must start with /'
      : path.split('{token}').length !== 2
        ? 'a link path must hold {token} exactly once'
        : /[{}]/.test(path.replace('{token}', ''))
          ? 'a link path may hold no placeholder but {token}'
          : true,
  ),
)

/**
 * A kind of link an agent can send: where it leads, and (for conversion tracking) the queue whose
 * completion counts as the person having done what the link was for.
 */
export const MagicLinkType = Schema.Struct({
  type: slug,
  label: Schema.String.pipe(Schema.minLength(1)),
  path: pathTemplate,
  /** The SMS text that carries it; `{{link}}` is the URL, `{{firstName}}` the person's first name. */
  smsTemplate: Schema.String.pipe(
    Schema.filter((text) => text.includes('{{link}}') || 'an SMS template for a link must include {{link}}'),
  ),
  /** The queue a lead leaves when done, e.g. `unsigned` for a signing link; null for none. */
  convertsIn: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
})
export type MagicLinkType = typeof MagicLinkType.Type
export type MagicLinkTypeInput = typeof MagicLinkType.Encoded

/** The link's URL: the base URL (its path kept) with the type's path, the token filled in. */
export const linkUrl = (baseUrl: string, linkType: MagicLinkType, token: string) =>
  `${baseUrl.replace(/\/+$/, '')}${linkType.path.replace('{token}', encodeURIComponent(token))}`
