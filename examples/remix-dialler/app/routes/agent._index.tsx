import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from '@remix-run/react'
import { formatCallDuration, useCallTimer, useSoftphone } from '@ringlane/react'
import { Schema } from 'effect'
import { useEffect, useRef, useState } from 'react'
import { SmsThread } from '../components/sms-thread'
import { AgentSoftphone } from '../components/softphone'
import { loadDesk } from '../server/agent-desk.server'
import { app } from '../server/app.server'
import { checkOrigin, requireRole } from '../server/auth.server'
import { decodeForm, messageOf } from '../server/forms.server'
import { publishAgentState, publishCallOutcome, publishQueueLevels } from '../server/live.server'
import { leadThreads } from '../server/sms-threads.server'

export const meta: MetaFunction = () => [{ title: 'Dialler · Ringlane' }]

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const agent = await requireRole(running.db, running.publicBaseUrl, request, ['agent'])
  const [desk, config] = await Promise.all([loadDesk(running, agent.id), running.dialler.config()])
  const leadId = desk.lead?.entry.leadId
  const thread = leadId ? ((await leadThreads(running.db, [leadId])).get(leadId) ?? null) : null
  return {
    ...desk,
    dispositions: config.settings.dispositions.map((d) => [d.code, d.label] as const),
    linkTypes: running.linkTypes,
    thread,
  }
}

const Intent = Schema.Struct({
  intent: Schema.Literal('available', 'pause', 'next', 'skip', 'release', 'start-call', 'outcome'),
})
const Pause = Schema.Struct({
  reason: Schema.String.pipe(
    Schema.trimmed(),
    Schema.minLength(1, { message: () => 'Say why you are pausing' }),
  ),
})
const Skip = Schema.Struct({
  entryId: Schema.UUID,
  reason: Schema.String.pipe(
    Schema.trimmed(),
    Schema.minLength(1, { message: () => 'Say why you skip this lead' }),
  ),
})
const Entry = Schema.Struct({ entryId: Schema.UUID })
const Outcome = Schema.Struct({
  sessionId: Schema.UUID,
  disposition: Schema.String.pipe(Schema.minLength(1, { message: () => 'Choose an outcome' })),
  notes: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(5000)), { default: () => '' }),
  callbackAt: Schema.optionalWith(Schema.String, { default: () => '' }),
  callbackFor: Schema.optionalWith(Schema.Literal('me', 'anyone'), { default: () => 'me' as const }),
  sendLink: Schema.optional(Schema.Literal('on')),
  linkType: Schema.optionalWith(Schema.String, { default: () => '' }),
})

type ActionResult =
  | {
      readonly ok: true
      readonly intent: string
      readonly sessionId?: string
      readonly phone?: string
      /** Said after a success, e.g. that the outcome was saved but its SMS could not go. */
      readonly notice?: string
    }
  | {
      readonly ok: false
      readonly intent: string
      readonly error?: string
      readonly fields?: Record<string, string>
      readonly refusals?: ReadonlyArray<{ code: string; message: string }>
    }

export const action = async ({ request }: ActionFunctionArgs) => {
  const running = await app()
  checkOrigin(request, running.publicBaseUrl)
  const agent = await requireRole(running.db, running.publicBaseUrl, request, ['agent'])
  const { dialler } = running
  const form = await request.formData()
  const intent = decodeForm(Intent, form)
  if (!intent.ok)
    return data<ActionResult>({ ok: false, intent: 'unknown', error: 'Unknown action' }, { status: 400 })
  const name = intent.value.intent
  const fail = (status: number, result: Omit<Extract<ActionResult, { ok: false }>, 'ok' | 'intent'>) =>
    data<ActionResult>({ ok: false, intent: name, ...result }, { status })
  try {
    const result = await perform()
    // Whatever changed, the live dashboard hears it.
    await publishAgentState(running, agent.id)
    if (name === 'next' || name === 'skip' || name === 'release') await publishQueueLevels(running)
    return result
  } catch (error) {
    const field = (error as { field?: string }).field
    return fail(400, field ? { fields: { [field]: messageOf(error) } } : { error: messageOf(error) })
  }

  async function perform() {
    switch (name) {
      case 'available':
        await dialler.changeAgentState(agent.id, 'available')
        return { ok: true, intent: name } satisfies ActionResult
      case 'pause': {
        const pause = decodeForm(Pause, form)
        if (!pause.ok) return fail(400, { fields: pause.fields })
        await dialler.changeAgentState(agent.id, 'paused', pause.value.reason)
        return { ok: true, intent: name } satisfies ActionResult
      }
      case 'next': {
        const entry = await dialler.claimNextLead(agent.id)
        return entry
          ? ({ ok: true, intent: name } satisfies ActionResult)
          : fail(200, { error: 'Every queue you work is empty right now.' })
      }
      case 'skip': {
        const skip = decodeForm(Skip, form)
        if (!skip.ok) return fail(400, { fields: skip.fields })
        await dialler.skipLead(agent.id, skip.value.entryId, skip.value.reason)
        return { ok: true, intent: name } satisfies ActionResult
      }
      case 'release': {
        const entry = decodeForm(Entry, form)
        if (!entry.ok) return fail(400, { fields: entry.fields })
        await dialler.releaseLead(agent.id, entry.value.entryId)
        return { ok: true, intent: name } satisfies ActionResult
      }
      case 'start-call': {
        const entry = decodeForm(Entry, form)
        if (!entry.ok) return fail(400, { fields: entry.fields })
        const start = await dialler.startCall(agent.id, entry.value.entryId)
        if (start._tag === 'Refused') return fail(200, { refusals: start.refusals })
        return {
          ok: true,
          intent: name,
          sessionId: start.session.id,
          phone: start.session.phone,
        } satisfies ActionResult
      }
      case 'outcome': {
        const outcome = decodeForm(Outcome, form)
        if (!outcome.ok) return fail(400, { fields: outcome.fields })
        const { callbackAt, notes, sendLink, linkType, ...rest } = outcome.value
        const needsCallback = rest.disposition === 'callback_requested'
        if (needsCallback && !callbackAt)
          return fail(400, { fields: { callbackAt: 'Choose when to call back' } })
        if (sendLink && !running.linkTypes.some((t) => t.type === linkType))
          return fail(400, { fields: { linkType: 'Choose which link to text' } })
        await dialler.recordOutcome(agent.id, {
          ...rest,
          notes: notes.trim() || null,
          // The form's local time, read as the agent's UK time.
          callbackAt: callbackAt ? new Date(callbackAt).toISOString() : null,
        })
        await publishCallOutcome(running, rest.sessionId)
        if (!sendLink) return { ok: true, intent: name } satisfies ActionResult
        // The outcome stands whatever happens to the text; a refusal (e.g. opted out) is said, not thrown.
        try {
          const session = await running.db
            .selectFrom('call_sessions')
            .select('lead_id')
            .where('id', '=', rest.sessionId)
            .where('agent_id', '=', agent.id)
            .executeTakeFirstOrThrow()
          const sent = await running.magicLinks.sendBySms({
            leadId: session.lead_id,
            linkType,
            issuedBy: agent.id,
            callSessionId: rest.sessionId,
          })
          await running.events.publish({
            type: 'sms',
            conversationId: sent.message.conversationId,
            direction: 'outbound',
          })
          return {
            ok: true,
            intent: name,
            notice: 'Outcome saved and the link texted.',
          } satisfies ActionResult
        } catch (error) {
          return {
            ok: true,
            intent: name,
            notice: `Outcome saved, but the link was not texted: ${messageOf(error)}`,
          } satisfies ActionResult
        }
      }
    }
  }
}

const pillFor = (state: string) =>
  state === 'available' ? 'good' : state === 'paused' || state === 'offline' ? 'warn' : 'bad'

export default function AgentDesk() {
  const desk = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const nextButton = useRef<HTMLButtonElement>(null)

  // N takes the next lead when the desk is free: the hot path without the mouse.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing =
        event.target instanceof HTMLInputElement ||
        event.target instanceof HTMLTextAreaElement ||
        event.target instanceof HTMLSelectElement
      if (!typing && event.key.toLowerCase() === 'n' && !event.ctrlKey && !event.metaKey)
        nextButton.current?.click()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  return (
    <AgentSoftphone>
      <div className="grid">
        <section className="panel row" aria-label="Your state">
          <strong>You are</strong>
          <span className={`pill ${pillFor(desk.state)}`} data-testid="agent-state">
            {desk.state.replace('_', ' ')}
          </span>
          {desk.pauseReason && <span className="muted">({desk.pauseReason})</span>}
          {desk.state !== 'available' && desk.state !== 'on_call' && (
            <Form method="post">
              <button type="submit" name="intent" value="available" disabled={busy}>
                Go available
              </button>
            </Form>
          )}
          {desk.state === 'available' && (
            <Form method="post" className="row">
              <label htmlFor="pause-reason" className="sr-only">
                Pause reason
              </label>
              <select id="pause-reason" name="reason" defaultValue="Break" style={{ width: 'auto' }}>
                <option>Break</option>
                <option>Lunch</option>
                <option>Training</option>
                <option>Meeting</option>
              </select>
              <button type="submit" name="intent" value="pause" className="secondary" disabled={busy}>
                Pause
              </button>
            </Form>
          )}
          <span className="spacer" />
          <span className="muted">
            Waiting:{' '}
            {desk.levels.map((level) => (
              <span key={level.queueId} className="pill" style={{ marginLeft: 4 }}>
                {level.queueId} {level.waiting}
              </span>
            ))}
          </span>
          {!desk.lead && (
            <Form method="post">
              <button
                ref={nextButton}
                type="submit"
                name="intent"
                value="next"
                disabled={busy || desk.state !== 'available'}
              >
                Next lead <kbd>N</kbd>
              </button>
            </Form>
          )}
        </section>
        {result && !result.ok && result.error && (
          <p className="notice bad" role="alert">
            {result.error}
          </p>
        )}
        {result?.ok && result.notice && (
          <p className="notice" role="status" data-testid="desk-notice">
            {result.notice}
          </p>
        )}
        {desk.lead ? (
          <LeadDesk
            lead={desk.lead}
            call={desk.call}
            dispositions={desk.dispositions}
            linkTypes={desk.linkTypes}
            thread={desk.thread}
            result={result}
          />
        ) : (
          <EmptyDesk state={desk.state} />
        )}
      </div>
    </AgentSoftphone>
  )
}

const EmptyDesk = ({ state }: { state: string }) => (
  <section className="panel">
    <h1>No lead yet</h1>
    <p className="muted">
      {state === 'available' ? 'Take the next lead when you are ready.' : 'Go available to get leads.'}
    </p>
  </section>
)

type Desk = ReturnType<typeof useLoaderData<typeof loader>>
type Lead = NonNullable<Desk['lead']>

const LeadDesk = ({
  lead,
  call,
  dispositions,
  linkTypes,
  thread,
  result,
}: {
  lead: Lead
  call: Desk['call']
  dispositions: Desk['dispositions']
  linkTypes: Desk['linkTypes']
  thread: Desk['thread']
  result: ReturnType<typeof useActionData<typeof action>>
}) => {
  const { profile, activity } = lead.context
  const pending = profile.claims.flatMap((claim) =>
    claim.requirements.filter((r) => r.status === 'PENDING').map((r) => ({ ...r, claim: claim.reference })),
  )
  return (
    <div className="grid two">
      <div className="grid">
        <section className="panel" aria-label="Lead">
          <div className="row">
            <h1 data-testid="lead-name">
              {profile.firstName} {profile.lastName}
            </h1>
            <span className="pill">{lead.entry.queueId}</span>
            <span className="spacer" />
            <span
              title={lead.entry.reasons
                .map((r) => `${r.detail}: ${r.points > 0 ? '+' : ''}${r.points}`)
                .join('\n')}
            >
              Score <strong>{lead.entry.score}</strong>
            </span>
          </div>
          <dl className="facts">
            <dt>Phone</dt>
            <dd>{lead.entry.phone}</dd>
            <dt>Email</dt>
            <dd>{profile.email ?? '—'}</dd>
            <dt>Address</dt>
            <dd>{profile.address ? `${profile.address.fullAddress}, ${profile.address.postCode}` : '—'}</dd>
            <dt>Signature</dt>
            <dd>{profile.signatureOnFile ? 'on file' : <span className="pill warn">missing</span>}</dd>
            <dt>Attempts</dt>
            <dd>
              {activity?.attemptsTotal ?? 0} total
              {activity?.lastOutcome ? `, last outcome ${activity.lastOutcome.replaceAll('_', ' ')}` : ''}
            </dd>
          </dl>
        </section>
        <section className="panel" aria-label="Why this lead">
          <h2>Why this lead</h2>
          <table>
            <tbody>
              {lead.entry.reasons.map((reason) => (
                <tr key={reason.factor}>
                  <td>{reason.detail}</td>
                  <td style={{ textAlign: 'right' }}>
                    {reason.points > 0 ? `+${reason.points}` : reason.points}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel" aria-label="Claims">
          <h2>Claims</h2>
          <table>
            <thead>
              <tr>
                <th>Claim</th>
                <th>Lender</th>
                <th>Status</th>
                <th>Value</th>
                <th>Requirements</th>
              </tr>
            </thead>
            <tbody>
              {profile.claims.map((claim) => (
                <tr key={claim.id}>
                  <td>{claim.reference}</td>
                  <td>{claim.lender}</td>
                  <td>{claim.status.replaceAll('_', ' ').toLowerCase()}</td>
                  <td>£{claim.value.toLocaleString('en-GB')}</td>
                  <td>
                    {claim.requirements.filter((r) => r.status === 'PENDING').length} pending of{' '}
                    {claim.requirements.length}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {pending.length > 0 && (
            <>
              <h3 style={{ marginTop: '0.75rem' }}>Still needed</h3>
              <ul>
                {pending.map((r) => (
                  <li key={r.id}>
                    {r.type.replaceAll('_', ' ').toLowerCase()} <span className="muted">({r.claim})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="panel" aria-label="Call history">
          <h2>Call history</h2>
          {lead.history.length === 0 ? (
            <p className="muted">Never called.</p>
          ) : (
            <table>
              <tbody>
                {lead.history.map(({ session, outcome }) => (
                  <tr key={session.id}>
                    <td>{new Date(session.startedAt).toLocaleString('en-GB')}</td>
                    <td>{session.status}</td>
                    <td>{session.talkSeconds === null ? '' : formatCallDuration(session.talkSeconds)}</td>
                    <td>
                      {outcome
                        ? `${outcome.disposition.replaceAll('_', ' ')}${outcome.notes ? `: ${outcome.notes}` : ''}`
                        : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <SmsThread thread={thread ?? undefined} label="Texts with this lead" />
      </div>
      <div className="grid" style={{ alignContent: 'start' }}>
        <CallPanel lead={lead} call={call} result={result} />
        {call && (
          <OutcomeForm
            sessionId={call.sessionId}
            dispositions={dispositions}
            linkTypes={linkTypes}
            result={result}
          />
        )}
        {!call && <SkipForm entryId={lead.entry.id} result={result} />}
      </div>
    </div>
  )
}

const CallPanel = ({
  lead,
  call,
  result,
}: {
  lead: Lead
  call: Desk['call']
  result: ReturnType<typeof useActionData<typeof action>>
}) => {
  const start = useFetcher<typeof action>()
  const softphone = useSoftphone()
  const { formatted } = useCallTimer(softphone.call?.state === 'open' ? softphone.call.answeredAt : null)
  // A ref, not state: dial() updates the softphone store synchronously, and the re-render that
  // follows must already know this session was dialled.
  const dialled = useRef<string | null>(null)
  const refusals =
    (start.data && !start.data.ok && start.data.refusals) ||
    (result && !result.ok && result.intent === 'start-call' && result.refusals) ||
    null

  // Once the server has validated the lead and opened the call, the browser dials with the session id only.
  useEffect(() => {
    const started = start.data
    if (started?.ok && started.sessionId && started.phone && dialled.current !== started.sessionId) {
      dialled.current = started.sessionId
      void softphone.dial({ to: started.phone, params: { ringlaneSession: started.sessionId } })
    }
  }, [start.data, softphone])

  const live = softphone.call && softphone.call.state !== 'closed'
  return (
    <section className="panel" aria-label="Call">
      <h2>Call</h2>
      {refusals && (
        <div className="notice bad" role="alert">
          <strong>Not allowed to call now:</strong>
          <ul>
            {refusals.map((r) => (
              <li key={r.code}>{r.message}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="row">
        <span className="muted">Softphone</span> <span className="pill">{softphone.deviceState}</span>
        {softphone.call && (
          <>
            <span
              data-testid="call-state"
              className={`pill ${softphone.call.state === 'open' ? 'good' : ''}`}
            >
              {softphone.call.state}
              {softphone.call.endReason ? ` (${softphone.call.endReason})` : ''}
            </span>
            {softphone.call.state === 'open' && (
              <span role="timer" aria-label="Call time">
                {formatted}
              </span>
            )}
          </>
        )}
      </p>
      {!call && (
        <start.Form method="post">
          <input type="hidden" name="entryId" value={lead.entry.id} />
          <button
            type="submit"
            name="intent"
            value="start-call"
            disabled={!softphone.ready || start.state !== 'idle'}
          >
            {start.state !== 'idle' ? 'Checking…' : `Call ${lead.entry.phone}`}
          </button>
        </start.Form>
      )}
      {live && (
        <div className="row">
          <button type="button" className="danger" onClick={softphone.hangUp}>
            Hang up
          </button>
          <button
            type="button"
            className="secondary"
            onClick={softphone.call?.muted ? softphone.unmute : softphone.mute}
          >
            {softphone.call?.muted ? 'Unmute' : 'Mute'}
          </button>
          <Keypad onDigit={(digit) => softphone.sendDigits(digit)} />
        </div>
      )}
      {softphone.error && (
        <p className="notice bad" role="alert">
          {softphone.error.hint}
        </p>
      )}
    </section>
  )
}

const Keypad = ({ onDigit }: { onDigit: (digit: string) => void }) => (
  <details>
    <summary>Keypad</summary>
    <div className="row" style={{ maxWidth: 180 }}>
      {['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map((digit) => (
        <button
          key={digit}
          type="button"
          className="secondary"
          onClick={() => onDigit(digit)}
          aria-label={`Key ${digit}`}
        >
          {digit}
        </button>
      ))}
    </div>
  </details>
)

const OutcomeForm = ({
  sessionId,
  dispositions,
  linkTypes,
  result,
}: {
  sessionId: string
  dispositions: Desk['dispositions']
  linkTypes: Desk['linkTypes']
  result: ReturnType<typeof useActionData<typeof action>>
}) => {
  const busy = useNavigation().state !== 'idle'
  const [disposition, setDisposition] = useState('')
  const fields = (result && !result.ok && result.intent === 'outcome' && result.fields) || {}
  return (
    <section className="panel" aria-label="Outcome">
      <h2>Outcome</h2>
      <Form method="post">
        <input type="hidden" name="sessionId" value={sessionId} />
        <label htmlFor="disposition">How did it go?</label>
        <select
          id="disposition"
          name="disposition"
          value={disposition}
          onChange={(e) => setDisposition(e.target.value)}
          required
          aria-invalid={!!fields.disposition}
        >
          <option value="">Choose…</option>
          {dispositions.map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
        {fields.disposition && <p className="field-error">{fields.disposition}</p>}
        <label htmlFor="notes">Notes</label>
        <textarea id="notes" name="notes" maxLength={5000} />
        {fields.notes && <p className="field-error">{fields.notes}</p>}
        {disposition === 'callback_requested' && (
          <>
            <label htmlFor="callbackAt">Call back at</label>
            <input
              id="callbackAt"
              name="callbackAt"
              type="datetime-local"
              required
              aria-invalid={!!fields.callbackAt}
            />
            {fields.callbackAt && <p className="field-error">{fields.callbackAt}</p>}
            <label htmlFor="callbackFor">Who calls back</label>
            <select id="callbackFor" name="callbackFor" defaultValue="me">
              <option value="me">Me</option>
              <option value="anyone">Whoever is free</option>
            </select>
          </>
        )}
        <p className="row">
          <input id="sendLink" name="sendLink" type="checkbox" style={{ width: 'auto' }} />
          <label htmlFor="sendLink">Text a magic link</label>
          <label htmlFor="linkType" className="sr-only">
            Link to text
          </label>
          <select id="linkType" name="linkType" style={{ width: 'auto' }} aria-invalid={!!fields.linkType}>
            {linkTypes.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </p>
        {fields.linkType && <p className="field-error">{fields.linkType}</p>}
        <p>
          <button type="submit" name="intent" value="outcome" disabled={busy}>
            Save outcome and finish
          </button>
        </p>
      </Form>
    </section>
  )
}

const SkipForm = ({
  entryId,
  result,
}: {
  entryId: string
  result: ReturnType<typeof useActionData<typeof action>>
}) => {
  const fields = (result && !result.ok && result.intent === 'skip' && result.fields) || {}
  return (
    <section className="panel" aria-label="Skip or release">
      <Form method="post">
        <input type="hidden" name="entryId" value={entryId} />
        <label htmlFor="skip-reason">Skip this lead because…</label>
        <input id="skip-reason" name="reason" aria-invalid={!!fields.reason} />
        {fields.reason && <p className="field-error">{fields.reason}</p>}
        <p className="row">
          <button type="submit" name="intent" value="skip" className="secondary">
            Skip
          </button>
          <button type="submit" name="intent" value="release" className="secondary" formNoValidate>
            Give back
          </button>
        </p>
      </Form>
    </section>
  )
}
