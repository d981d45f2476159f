import { data } from '@remix-run/node'
import type { MagicLinks } from '@ringlane/core'
import { Schema } from 'effect'
import type { DiallerApp } from './dialler.server'
import { decodeForm, messageOf } from './forms.server'

/** Where a link stands for the person who got it. */
const stateOf = (link: MagicLinks.MagicLink, now: Date) =>
  link.revokedAt
    ? 'withdrawn'
    : +link.expiresAt <= +now
      ? 'expired'
      : link.singleUse && link.accessCount > 0
        ? 'used'
        : 'open'

/** A link as the lists show it: its type's label and its sender's name, never its token. */
export const linkRows = (
  { linkTypes }: Pick<DiallerApp, 'linkTypes'>,
  agentNames: ReadonlyMap<string, string>,
  links: ReadonlyArray<MagicLinks.MagicLink>,
  now = new Date(),
) =>
  links.map((link) => ({
    id: link.id,
    leadId: link.leadId as string,
    type: linkTypes.find((t) => t.type === link.linkType)?.label ?? link.linkType,
    sentBy: link.issuedBy ? (agentNames.get(link.issuedBy) ?? 'Former agent') : 'The dialler',
    issuedAt: link.issuedAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    state: stateOf(link, now),
    revokedReason: link.revokedReason,
    openings: link.accessCount,
    lastOpenedAt: link.lastAccessedAt?.toISOString() ?? null,
  }))
export type LinkRow = ReturnType<typeof linkRows>[number]

const Revoke = Schema.Struct({
  intent: Schema.Literal('revoke-link'),
  linkId: Schema.UUID.annotations({ message: () => 'Choose a link from the list' }),
  reason: Schema.Trim.pipe(
    Schema.minLength(1, { message: () => 'Say why the link is withdrawn' }),
    Schema.maxLength(200, { message: () => 'Say why in at most 200 characters' }),
  ),
})

/** Whether a posted form is a link's withdrawal (the lists' Withdraw button). */
export const isRevoke = (form: FormData) => form.get('intent') === 'revoke-link'

/** Withdraws a link for a supervisor: audited by the SDK (who, which link, why); it never opens again. */
export const revokeLink = async (
  { ringlane }: Pick<DiallerApp, 'ringlane'>,
  actor: string,
  form: FormData,
) => {
  const decoded = decodeForm(Revoke, form)
  if (!decoded.ok) return data({ revoked: null, fields: decoded.fields }, { status: 400 })
  try {
    await ringlane.magicLinks.revoke({
      linkId: decoded.value.linkId,
      reason: decoded.value.reason,
      revokedBy: actor,
    })
    return data({ revoked: decoded.value.linkId, fields: {} as Record<string, string> })
  } catch (error) {
    return data({ revoked: null, fields: { linkId: messageOf(error) } }, { status: 409 })
  }
}
