import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { formatCallDuration } from '@ringlane/react'
import { Schema } from 'effect'
import { SmsThread } from '../components/sms-thread'
import { app } from '../server/app.server'
import { checkOrigin, requireRole } from '../server/auth.server'
import { decodeForm, messageOf } from '../server/forms.server'
import { leadThreads } from '../server/sms-threads.server'

export const meta: MetaFunction = () => [{ title: 'My history · Ringlane' }]

const PAGE = 25

/** The agent's own calls, newest first, with outcomes and each lead's texts. Agents see only theirs. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const agent = await requireRole(running.db, running.publicBaseUrl, request, ['agent'])
  const before = new URL(request.url).searchParams.get('before')
  const beforeDate = before && !Number.isNaN(Date.parse(before)) ? new Date(before) : null
  let query = running.db
    .selectFrom('call_sessions as s')
    .leftJoin('call_outcomes as o', 'o.session_id', 's.id')
    .select([
      's.id',
      's.lead_id',
      's.queue_id',
      's.phone',
      's.status',
      's.started_at',
      's.talk_seconds',
      'o.disposition',
      'o.notes',
    ])
    .where('s.agent_id', '=', agent.id)
    .orderBy('s.started_at', 'desc')
    .limit(PAGE + 1)
  if (beforeDate) query = query.where('s.started_at', '<', beforeDate)
  const rows = await query.execute()
  const calls = rows.slice(0, PAGE).map((row) => ({
    sessionId: row.id,
    leadId: row.lead_id,
    queueId: row.queue_id,
    phone: row.phone,
    status: row.status,
    startedAt: new Date(row.started_at).toISOString(),
    talkSeconds: row.talk_seconds,
    disposition: row.disposition,
    notes: row.notes,
  }))
  const threads = await leadThreads(
    running.db,
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
export const action = async ({ request }: ActionFunctionArgs) => {
  const running = await app()
  checkOrigin(request, running.publicBaseUrl)
  const agent = await requireRole(running.db, running.publicBaseUrl, request, ['agent'])
  const form = decodeForm(SendLink, await request.formData())
  if (!form.ok)
    return data(
      { ok: false as const, sessionId: null, error: Object.values(form.fields).join('; ') },
      { status: 400 },
    )
  const { sessionId, linkType } = form.value
  // Only a lead this agent called: the session must be theirs.
  const session = await running.db
    .selectFrom('call_sessions')
    .select(['id', 'lead_id'])
    .where('id', '=', sessionId)
    .where('agent_id', '=', agent.id)
    .executeTakeFirst()
  if (!session)
    return data({ ok: false as const, sessionId, error: 'That call is not one of yours.' }, { status: 404 })
  try {
    const sent = await running.magicLinks.sendBySms({
      leadId: session.lead_id,
      linkType,
      issuedBy: agent.id,
      callSessionId: session.id,
    })
    await running.events.publish({
      type: 'sms',
      conversationId: sent.message.conversationId,
      direction: 'outbound',
    })
    return { ok: true as const, sessionId, error: null }
  } catch (error) {
    // A refusal (opted out, no number) is an answer, as on the desk: said on the page, status 200.
    return { ok: false as const, sessionId, error: `Not sent: ${messageOf(error)}` }
  }
}

export default function AgentHistory() {
  const { calls, threads, linkTypes, older } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  return (
    <div className="grid">
      <section className="panel">
        <h1>My history</h1>
        {calls.length === 0 && <p className="muted">You have not made any calls yet.</p>}
      </section>
      {calls.map((call) => (
        <article
          key={call.sessionId}
          className="panel"
          aria-label={`Call of ${new Date(call.startedAt).toLocaleString('en-GB')}`}
          data-testid="history-call"
        >
          <div className="row">
            <strong>{new Date(call.startedAt).toLocaleString('en-GB')}</strong>
            <span className="pill">{call.queueId}</span>
            <span>{call.phone}</span>
            <span className="pill">{call.status}</span>
            {call.talkSeconds !== null && <span>{formatCallDuration(call.talkSeconds)}</span>}
            <span className="spacer" />
            <span>
              {call.disposition ? (
                call.disposition.replaceAll('_', ' ')
              ) : (
                <span className="pill warn">no outcome</span>
              )}
            </span>
          </div>
          {call.notes && <p>{call.notes}</p>}
          <SmsThread thread={threads[call.leadId]} label={`Texts with ${call.phone}`} />
          <Form method="post" className="row">
            <input type="hidden" name="sessionId" value={call.sessionId} />
            <label htmlFor={`link-${call.sessionId}`}>Text a link</label>
            <select id={`link-${call.sessionId}`} name="linkType" style={{ width: 'auto' }}>
              {linkTypes.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.label}
                </option>
              ))}
            </select>
            <button type="submit" className="secondary" disabled={busy}>
              Send link
            </button>
          </Form>
          {result && result.sessionId === call.sessionId && (
            <p className={`notice ${result.ok ? 'good' : 'bad'}`} role={result.ok ? 'status' : 'alert'}>
              {result.ok ? 'Link sent.' : result.error}
            </p>
          )}
        </article>
      ))}
      {older && (
        <p>
          <Link to={`?before=${encodeURIComponent(older)}`}>Older calls</Link>
        </p>
      )}
    </div>
  )
}
