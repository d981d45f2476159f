import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSubmit } from '@remix-run/react'
import { DataTable } from '../components/data-table'
import { PlayedRecording } from '../components/recording-player'
import { TranscriptTurns } from '../components/transcript'
import { formatDateTime, formatDuration, formatTime } from '../utils/dates'
import type { action, loader } from './calls.$sessionId.server'

export { action, loader } from './calls.$sessionId.server'

export const meta: MetaFunction = () => [{ title: 'Call · Ringlane' }]

const statusLabel: Record<string, string> = {
  initiated: 'Placed',
  queued: 'Queued',
  ringing: 'Ringing',
  'in-progress': 'Answered',
  completed: 'Ended',
  busy: 'Busy',
  'no-answer': 'No answer',
  failed: 'Failed',
  canceled: 'Cancelled',
}

export default function CallPage() {
  const { call, events, recordings, backTo, leadHref } = useLoaderData<typeof loader>()
  const played = useActionData<typeof action>()
  const submit = useSubmit()
  const playFrom = (recordingId: string) => (at: number) =>
    submit({ intent: 'play', recordingId, at: String(at) }, { method: 'post' })
  return (
    <div className="grid">
      <p>
        <Link to={backTo}>Back to the call log</Link>
        {leadHref && (
          <>
            {' · '}
            <Link to={leadHref}>The lead’s page</Link>
          </>
        )}
      </p>
      <h1>
        {call.direction === 'inbound' ? 'Call from' : 'Call to'} {call.lead}
      </h1>
      <section className="panel" aria-label="The call">
        <dl className="facts">
          <dt>Started</dt>
          <dd>{formatDateTime(call.startedAt)}</dd>
          <dt>Number</dt>
          <dd>{call.phone}</dd>
          <dt>Agent</dt>
          <dd>{call.agent}</dd>
          <dt>Outcome</dt>
          <dd>{call.outcome ?? statusLabel[call.status] ?? call.status}</dd>
          {call.notes && (
            <>
              <dt>Notes</dt>
              <dd>{call.notes}</dd>
            </>
          )}
          <dt>Ringing</dt>
          <dd>{formatDuration(call.ringSeconds)}</dd>
          <dt>Talk</dt>
          <dd>{formatDuration(call.talkSeconds)}</dd>
          <dt>Cost</dt>
          <dd>{call.cost ?? 'Not priced yet'}</dd>
          {call.endReason && (
            <>
              <dt>Ended because</dt>
              <dd>{call.endReason}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="panel" aria-label="Events">
        <h2>Events</h2>
        <DataTable
          columns={['When', 'What happened', 'Detail']}
          rows={events}
          empty="The provider has said nothing about this call yet."
          row={(e) => (
            <tr key={`${e.status}-${e.occurredAt}`} data-testid="call-event">
              <td>{formatTime(e.occurredAt)}</td>
              <td>{statusLabel[e.status] ?? e.status}</td>
              <td>
                {[e.answeredBy && `answered by ${e.answeredBy}`, e.errorCode && `error ${e.errorCode}`]
                  .filter(Boolean)
                  .join(', ') || '—'}
              </td>
            </tr>
          )}
        />
      </section>
      <section className="panel" aria-label="Recordings">
        <h2>Recording</h2>
        <PlayedRecording played={played} />
        {recordings.length === 0 && <p className="muted">This call was not recorded.</p>}
        {recordings.map((r) => (
          <div key={r.id} className="grid">
            {r.status === 'stored' ? (
              <Form method="post">
                <input type="hidden" name="recordingId" value={r.id} />
                <button type="submit" name="intent" value="play">
                  Play the recording ({formatDuration(r.durationSeconds)})
                </button>
              </Form>
            ) : (
              <span className="pill warn">{r.status}</span>
            )}
            {!(played?.ok && played.recordingId === r.id) && (
              <TranscriptTurns transcript={r.transcript} playingAt={-1} onSeek={playFrom(r.id)} />
            )}
          </div>
        ))}
      </section>
    </div>
  )
}
