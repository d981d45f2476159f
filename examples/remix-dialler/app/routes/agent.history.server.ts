import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Schema } from 'effect'
import { app } from '../server/app.server'
import { checkOrigin, limitActions, requireRole } from '../server/auth.server'
import { decodeForm, messageOf, readForm } from '../server/forms.server'
import { leadThreads } from '../server/sms-threads.server'

const PAGE = 25

/** The agent's own calls, newest first, with outcomes and each lead's texts. Agents see only theirs. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const agent = await requireRole(running, running.publicBaseUrl, request, ['agent'])
  const before = new URL(request.url).searchParams.get('before')
  const beforeDate = before && !Number.isNaN(Date.parse(before)) ? new Date(before) : null
  const rows = await running.ringlane.calls.forAgent(agent.id, beforeDate, PAGE + 1)
  const calls = rows.slice(0, PAGE).map(({ session, outcome }) => ({
    sessionId: session.id,
    leadId: session.leadId as string,
    queueId: session.queueId as string,
    phone: session.phone as string,
    status: session.status as string,
    startedAt: session.startedAt.toISOString(),
    talkSeconds: session.talkSeconds,
    disposition: outcome?.disposition ?? null,
    notes: outcome?.notes ?? null,
  }))
  const threads = await leadThreads(
    running.ringlane,
    calls.map((c) => c.leadId),
  )
  return {
    calls,
    threads: Object.fromEntries(threads),
    linkTypes: running.linkTypes,
    older: rows.length > PAGE ? (calls.at(-1)?.startedAt ?? null) : null,
  }
}

const SendLink = Schema.Struct({
  sessionId: Schema.UUID,
  linkType: Schema.String.pipe(Schema.minLength(1, { message: () => 'Choose a link' })),
})

/** Texts a lead the agent called a magic link again (e.g. they lost the first one). */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const running = await app()
  checkOrigin(request, running.publicBaseUrl)
  limitActions(running, request, context)
  const agent = await requireRole(running, running.publicBaseUrl, request, ['agent'])
  const form = decodeForm(SendLink, await readForm(request))
  if (!form.ok)
    return data(
      { ok: false as const, sessionId: null, error: Object.values(form.fields).join('; ') },
      { status: 400 },
    )
  const { sessionId, linkType } = form.value
  // Only a lead this agent called: the session must be theirs.
  const found = await running.ringlane.calls.session(sessionId)
  const session = found?.agentId === agent.id ? found : null
  if (!session)
    return data({ ok: false as const, sessionId, error: 'That call is not one of yours.' }, { status: 404 })
  try {
    await running.ringlane.magicLinks.sendBySms({
      leadId: session.leadId,
      linkType,
      issuedBy: agent.id,
      callSessionId: session.id,
    })
    return { ok: true as const, sessionId, error: null }
  } catch (error) {
    // A refusal (opted out, no number) is an answer, as on the desk: said on the page, status 200.
    return { ok: false as const, sessionId, error: `Not sent: ${messageOf(error)}` }
  }
}
