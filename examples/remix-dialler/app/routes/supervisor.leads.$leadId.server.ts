import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Either, Schema } from 'effect'
import { summariseClaim } from '../components/claims-table'
import { dispositionLabels, pastCalls } from '../server/call-history.server'
import { readForm } from '../server/forms.server'
import { isRevoke, linkRows, revokeLink } from '../server/magic-links.server'
import { auditAccess, supervisorAction, supervisorLoader } from '../server/supervisor.server'

const LeadParam = Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_-]{1,64}$/))

/**
 * A lead's details for a supervisor. Opening them is personal-data access, so it is written to the
 * audit log before anything is read.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { running, user } = await supervisorLoader(request)
  // An id that cannot be a lead, and a lead the source does not have, are both a page that is not
  // there: 404 with a sentence, never 500.
  const leadId = Schema.decodeUnknownEither(LeadParam)(params.leadId)
  if (Either.isLeft(leadId)) throw new Response('That is not a lead id.', { status: 404 })
  await auditAccess(running, {
    actor: user.id,
    action: 'lead.viewed',
    subject: `lead:${leadId.right}`,
    detail: { via: 'supervisor' },
  })
  // The lead first: history and settings are read only for one that exists.
  const context = await running.ringlane.leads.context(user.id, leadId.right).catch((error: unknown) => {
    const tag = error instanceof Error && '_tag' in error ? error._tag : null
    if (tag === 'LeadNotFound' || tag === 'InvalidLeadId')
      throw new Response('No such lead in the source.', { status: 404 })
    throw error
  })
  const [history, config, links, agents] = await Promise.all([
    running.ringlane.calls.history(leadId.right, 50),
    running.ringlane.config(),
    running.ringlane.magicLinks.forLead(leadId.right),
    running.ringlane.agents.list(),
  ])
  const labels = dispositionLabels(config)
  const { profile, activity } = context
  return {
    leadId: leadId.right,
    /** The number last called, for finding its recordings. */
    phone: history[0]?.session.phone ?? null,
    profile: {
      name: `${profile.firstName} ${profile.lastName}`,
      email: profile.email,
      address: profile.address ? `${profile.address.fullAddress}, ${profile.address.postalCode}` : null,
      signatureOnFile: profile.details.signatureOnFile,
      claims: profile.details.claims.map(summariseClaim),
    },
    activity: activity && {
      attemptsTotal: activity.attemptsTotal,
      lastContactAt: activity.lastContactAt ? new Date(activity.lastContactAt).toISOString() : null,
      lastOutcome: activity.lastOutcome ? (labels[activity.lastOutcome] ?? activity.lastOutcome) : null,
      nextCallAfter: activity.nextCallAfter ? new Date(activity.nextCallAfter).toISOString() : null,
    },
    history: pastCalls(history, labels),
    links: linkRows(running, new Map(agents.map((a) => [a.id as string, a.displayName])), links),
  }
}

/** Withdraws one of the lead's magic links (audited). */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = await readForm(request)
  if (!isRevoke(form)) throw new Response('Unknown action.', { status: 400 })
  return revokeLink(running, user.id, form)
}
