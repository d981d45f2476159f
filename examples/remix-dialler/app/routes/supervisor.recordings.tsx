import type { MetaFunction } from '@remix-run/node'
import { Form, type ShouldRevalidateFunction, useActionData, useLoaderData } from '@remix-run/react'
import { DataTable, numeric } from '../components/data-table'
import { DateRangeFields } from '../components/date-range-form'
import { AgentField, OutcomeField } from '../components/filter-fields'
import { Field, FilterForm } from '../components/forms'
import { Pager } from '../components/pager'
import { PlayedRecording } from '../components/recording-player'
import { formatDuration, formatShortDateTime } from '../utils/dates'
import type { action, loader } from './supervisor.recordings.server'

export { action, loader } from './supervisor.recordings.server'

export const meta: MetaFunction = () => [{ title: 'Recordings · Ringlane' }]

/** Refreshing a player's URL changes nothing on the list: no need to search again. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'refresh' ? false : defaultShouldRevalidate

type Recording = ReturnType<typeof useLoaderData<typeof loader>>['recordings'][number]

export default function Recordings() {
  const { search, fields, agents, outcomes, recordings, said, saidError, heard, pages, csvHref } =
    useLoaderData<typeof loader>()
  const played = useActionData<typeof action>()
  return (
    <div className="grid">
      <h1>Recordings</h1>
      <FilterForm label="Search recordings" submit="Search">
        <DateRangeFields from={search.from} to={search.to} fields={fields} />
        <AgentField agents={agents} value={search.agentId} fields={fields} />
        <OutcomeField outcomes={outcomes} value={search.outcome} fields={fields} />
        <Field id="number" label="Number" error={fields.number}>
          {(input) => <input {...input} name="number" inputMode="tel" defaultValue={search.number} />}
        </Field>
      </FilterForm>
      <form method="get" className="panel row" aria-label="Search transcripts">
        <label htmlFor="said">Said on a call</label>
        <input
          id="said"
          name="said"
          type="search"
          defaultValue={said}
          placeholder='Words or a "quoted phrase"'
          aria-invalid={saidError ? true : undefined}
          aria-describedby={saidError ? 'said-error' : undefined}
        />
        <button type="submit">Search transcripts</button>
        {saidError && (
          <span id="said-error" className="bad">
            {saidError}
          </span>
        )}
      </form>
      {heard && (
        <section className="panel" aria-label="Transcript matches">
          <DataTable
            columns={['Transcribed', 'Who', 'Said', 'Listen']}
            rows={heard}
            empty="Nobody said that on a transcribed call."
            row={(m) => (
              <tr key={`${m.recordingId}-${m.startSeconds}`} data-testid="transcript-match">
                <td>{formatShortDateTime(m.completedAt)}</td>
                <td>{m.speaker === 'agent' ? 'Agent' : m.speaker === 'customer' ? 'Customer' : 'Speaker'}</td>
                <td>{m.text}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="recordingId" value={m.recordingId} />
                    <input type="hidden" name="at" value={m.startSeconds} />
                    <button type="submit" name="intent" value="play">
                      Play from {formatDuration(Math.floor(m.startSeconds), '0:00')}
                    </button>
                  </Form>
                </td>
              </tr>
            )}
          />
        </section>
      )}
      <PlayedRecording played={played} />
      <section className="panel" aria-label="Recordings found">
        <DataTable
          columns={['Recorded', 'Agent', 'Number', 'Outcome', numeric('Length'), 'Listen']}
          rows={recordings}
          empty="No recordings match."
          row={(r) => <RecordingRow key={r.id} recording={r} />}
        />
        <Pager pages={pages} csvHref={csvHref} label="recordings" />
      </section>
    </div>
  )
}

/** One recording, with Play (in the page's player) and Download once it is stored. */
const RecordingRow = ({ recording: r }: { recording: Recording }) => {
  const when = formatShortDateTime(r.recordedAt)
  return (
    <tr data-testid="recording-row">
      <td>{when}</td>
      <td>{r.agent ?? '—'}</td>
      <td>{r.phone ?? '—'}</td>
      <td>{r.outcome ?? '—'}</td>
      <td className="num">{formatDuration(r.durationSeconds)}</td>
      <td>
        {r.status === 'stored' ? (
          <div className="row">
            <Form method="post">
              <input type="hidden" name="recordingId" value={r.id} />
              <button type="submit" name="intent" value="play" aria-label={`Play the recording of ${when}`}>
                Play
              </button>
            </Form>
            <Form method="post" reloadDocument>
              <input type="hidden" name="recordingId" value={r.id} />
              <button
                type="submit"
                name="intent"
                value="download"
                className="secondary"
                aria-label={`Download the recording of ${when}`}
              >
                Download
              </button>
            </Form>
          </div>
        ) : (
          <span className="pill warn" title={r.failureReason ?? undefined}>
            {r.status}
          </span>
        )}
      </td>
    </tr>
  )
}
