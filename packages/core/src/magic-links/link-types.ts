import { Schema } from 'effect'

const slug = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_]{0,39}$/, {
    message: () => 'a link type must be lowercase letters, digits or _ (e.g. document_upload)',
  }),
)

/** A path on the base URL with exactly one `{token}`, e.g. `/claim/requirements?token={token}`. */
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

/** The link types of the claims use case. Replace or extend them in the settings. */
export const defaultLinkTypes: ReadonlyArray<MagicLinkTypeInput> = [
  {
    type: 'first_login',
    label: 'First login',
    path: '/first-login?token={token}',
    smsTemplate: 'Hi {{firstName|there}}, welcome. Set up your account here: {{link}}',
    convertsIn: 'unsigned',
  },
  {
    type: 'claim_portal',
    label: 'Claim portal',
    path: '/claims?token={token}',
    smsTemplate: 'Hi {{firstName|there}}, you can see how your claim is going here: {{link}}',
  },
  {
    type: 'document_upload',
    label: 'Document upload',
    path: '/claim/requirements?token={token}',
    smsTemplate: 'Hi {{firstName|there}}, please upload the documents your claim still needs here: {{link}}',
    convertsIn: 'outstanding',
  },
  {
    type: 'claim_completion',
    label: 'Claim completion',
    path: '/claim/incomplete-redirect?token={token}',
    smsTemplate: 'Hi {{firstName|there}}, you can finish your claim here: {{link}}',
    convertsIn: 'unsigned',
  },
  {
    type: 'verification',
    label: 'Verification',
    path: '/verify?token={token}',
    smsTemplate: 'Hi {{firstName|there}}, please confirm your details here: {{link}}',
  },
]

/** The link's URL: the base URL (its path kept) with the type's path, the token filled in. */
export const linkUrl = (baseUrl: string, linkType: MagicLinkType, token: string) =>
  `${baseUrl.replace(/\/+$/, '')}${linkType.path.replace('{token}', encodeURIComponent(token))}`
