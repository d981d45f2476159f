import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import {
  Form,
  type ShouldRevalidateFunction,
  useActionData,
  useFetcher,
  useLoaderData,
  useNavigation,
} from '@remix-run/react'
import { formatCallDuration } from '@ringlane/react'
import { Schema } from 'effect'
import { sql } from 'kysely'
import { useEffect, useRef } from 'react'
import { decodeForm, messageOf } from '../server/forms.server'
import { METRICS_TIME_ZONE } from '../server/metrics.server'
import { searchForm, supervisorAction, supervisorLoader } from '../server/supervisor.server'

export const meta: MetaFunction = () => [{ title: 'Recordings · Ringlane' }]

const date = (label: string) =>
  Schema.String.pipe(
    Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, { message: () => `Enter the ${label} date as YYYY-MM-DD` }),
  )

/** The search: every field optional; the number may be typed any way people write it. */
const RecordingSearch = Schema.Struct({
  from: Schema.optional(date('start')),
  to: Schema.optional(date('end')),
  agentId: Schema.optional(Schema.UUID.annotations({ message: () => 'Choose an agent from the list' })),
  outcome: Schema.optional(
    Schema.String.pipe(
      Schema.pattern(/^[a-z0-9_-]{1,40}$/, { message: () => 'Choose an outcome from the list' }),
    ),
  ),
  number: Schema.optional(
    Schema.String.pipe(
      Schema.trimmed(),
      Schema.pattern(/^\+?[\d\s()-]{3,20}$/, { message: () => 'Enter at least 3 digits of the number' }),
    ),
  ),
}).pipe(
  Schema.filter((s) =>
    s.from && s.to && s.to < s.from
      ? { path: ['to'], message: 'The end date must not be before the start date' }
      : undefined,
  ),
)
type RecordingSearch = typeof RecordingSearch.Type

/** `07700 900123` and `+44 7700 900123` both find `+447700900123`. */
const digitsOf = (number: string) => {
  const digits = number.replace(/\D/g, '')
  return digits.startsWith('0') ? `44${digits.slice(1)}` : digits
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running } = await supervisorLoader(request)
  const { db } = running
  const url = new URL(request.url)
  const decoded = decodeForm(RecordingSearch, searchForm(url))
  const search: RecordingSearch = decoded.ok ? decoded.value : {}
  const zone = METRICS_TIME_ZONE
  let query = db
    .selectFrom('recordings as r')
    .leftJoin('call_sessions as s', (join) => join.on(sql`s.id::text`, '=', sql.ref('r.session_id')))
    .leftJoin('agents as a', 'a.id', 's.agent_id')
    .leftJoin('call_outcomes as o', 'o.session_id', 's.id')
    .select([
      'r.id',
      'r.status',
      'r.recorded_at',
      'r.duration_seconds',
      'r.failure_reason',
      's.phone',
      's.lead_id',
      'a.display_name',
      'o.disposition',
    ])
    .where('r.status', '<>', 'deleted')
  if (search.from)
    query = query.where(
      'r.recorded_at',
      '>=',
      sql<Date>`(${search.from}::date)::timestamp at time zone ${zone}`,
    )
  if (search.to)
    query = query.where(
      'r.recorded_at',
      '<',
      sql<Date>`(${search.to}::date + 1)::timestamp at time zone ${zone}`,
    )
  if (search.agentId) query = query.where('s.agent_id', '=', search.agentId)
  if (search.outcome) query = query.where('o.disposition', '=', search.outcome)
  if (search.number)
    query = query.where(sql`replace(s.phone, '+', '')`, 'like', `%${digitsOf(search.number)}%`)
  const [rows, agents, config] = await Promise.all([
    query.orderBy('r.recorded_at', 'desc').limit(100).execute(),
    db
      .selectFrom('agents')
      .select(['id', 'display_name'])
      .where('role', '=', 'agent')
      .orderBy('display_name')
      .execute(),
    running.dialler.config(),
  ])
  const labels = Object.fromEntries(config.settings.dispositions.map((d) => [d.code, d.label]))
  return {
    search: Object.fromEntries(url.searchParams),
    fields: decoded.ok ? {} : decoded.fields,
    agents: agents.map((a) => ({ id: a.id, name: a.display_name })),
    outcomes: config.settings.dispositions.map((d) => ({ code: d.code, label: d.label })),
    recordings: rows.map((r) => ({
      id: r.id,
      status: r.status,
      recordedAt: new Date(r.recorded_at).toISOString(),
      durationSeconds: r.duration_seconds,
      failureReason: r.failure_reason,
      phone: r.phone,
      leadId: r.lead_id,
      agent: r.display_name,
      outcome: r.disposition ? (labels[r.disposition] ?? r.disposition) : null,
    })),
  }
}

const Action = Schema.Struct({
  intent: Schema.Literal('play', 'refresh', 'download'),
  recordingId: Schema.UUID.annotations({ message: () => 'Choose a recording' }),
})

type ActionResult =
  | { ok: true; recordingId: string; url: string; refreshAt: string; expiresAt: string }
  | { ok: false; recordingId: string | null; error: string }

/**
 * Every URL handed out is signed, expiring and audited by the recordings service (played, refreshed
 * or downloaded, by whom): no entry, no URL.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction(request)
  const form = decodeForm(Action, await request.formData())
  if (!form.ok)
    return data<ActionResult>(
      { ok: false, recordingId: null, error: Object.values(form.fields).join('; ') },
      { status: 400 },
    )
  const { intent, recordingId } = form.value
  try {
    const ask = {
      recordingId,
      actor: user.id,
      purpose: intent === 'download' ? ('download' as const) : ('playback' as const),
    }
    const signed =
      intent === 'refresh'
        ? await running.recordings.refreshRecordingUrl(ask)
        : await running.recordings.recordingUrl(ask)
    if (intent === 'download')
      return redirect(`${signed.url}${signed.url.includes('?') ? '&' : '?'}download=1`)
    return data<ActionResult>({
      ok: true,
      recordingId,
      url: signed.url,
      refreshAt: signed.refreshAt.toISOString(),
      expiresAt: signed.expiresAt.toISOString(),
    })
  } catch (error) {
    return data<ActionResult>({ ok: false, recordingId, error: messageOf(error) }, { status: 409 })
  }
}

/** Refreshing a player's URL changes nothing on the list: no need to search again. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'refresh' ? false : defaultShouldRevalidate

/**
 * Plays a signed URL and swaps in a fresh one before it expires (or when the player reports it has
 * expired), keeping the position and whether it was playing.
 */
const Player = ({
  recordingId,
  url,
  refreshAt,
  expiresAt,
}: {
  recordingId: string
  url: string
  refreshAt: string
  expiresAt: string
}) => {
  const refresh = useFetcher<typeof action>()
  const audio = useRef<HTMLAudioElement>(null)
  const fresh = refresh.data?.ok && refresh.data.recordingId === recordingId ? refresh.data : null
  const current = fresh ?? { url, refreshAt, expiresAt }
  const { submit } = refresh

  useEffect(() => {
    const wait = Math.max(1_000, Date.parse(current.refreshAt) - Date.now())
    const timer = setTimeout(() => submit({ intent: 'refresh', recordingId }, { method: 'post' }), wait)
    return () => clearTimeout(timer)
  }, [current.refreshAt, recordingId, submit])

  useEffect(() => {
    const player = audio.current
    if (!player || player.getAttribute('src') === current.url) return
    const at = player.currentTime
    const playing = !player.paused
    player.src = current.url
    player.currentTime = at
    if (playing) void player.play()
  }, [current.url])

  return (
    <section className="panel" aria-label="Player">
      <h2>Playing recording</h2>
      {/* biome-ignore lint/a11y/useMediaCaption: call recordings have no caption track to offer */}
      <audio
        ref={audio}
        controls
        preload="metadata"
        src={url}
        data-testid="recording-player"
        onError={() => {
          if (refresh.state === 'idle') submit({ intent: 'refresh', recordingId }, { method: 'post' })
        }}
      />
      <p className="muted">
        This link expires at {new Date(current.expiresAt).toLocaleTimeString('en-GB')} and is renewed while
        the page is open. Playing and downloading are recorded in the audit log.
      </p>
    </section>
  )
}

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })

export default function Recordings() {
  const { search, fields, agents, outcomes, recordings } = useLoaderData<typeof loader>()
  const played = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  return (
    <div className="grid">
      <h1>Recordings</h1>
      <Form method="get" className="panel filters" aria-label="Search recordings">
        <div>
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={search.from} aria-invalid={!!fields.from} />
          {fields.from && <p className="field-error">{fields.from}</p>}
        </div>
        <div>
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={search.to} aria-invalid={!!fields.to} />
          {fields.to && <p className="field-error">{fields.to}</p>}
        </div>
        <div>
          <label htmlFor="agentId">Agent</label>
          <select
            id="agentId"
            name="agentId"
            defaultValue={search.agentId ?? ''}
            aria-invalid={!!fields.agentId}
          >
            <option value="">Any agent</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          {fields.agentId && <p className="field-error">{fields.agentId}</p>}
        </div>
        <div>
          <label htmlFor="outcome">Outcome</label>
          <select
            id="outcome"
            name="outcome"
            defaultValue={search.outcome ?? ''}
            aria-invalid={!!fields.outcome}
          >
            <option value="">Any outcome</option>
            {outcomes.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
          {fields.outcome && <p className="field-error">{fields.outcome}</p>}
        </div>
        <div>
          <label htmlFor="number">Number</label>
          <input
            id="number"
            name="number"
            inputMode="tel"
            defaultValue={search.number}
            aria-invalid={!!fields.number}
            aria-describedby={fields.number ? 'number-error' : undefined}
          />
          {fields.number && (
            <p id="number-error" className="field-error">
              {fields.number}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            Search
          </button>
        </div>
      </Form>
      {played && !played.ok && (
        <p className="notice bad" role="alert">
          {played.error}
        </p>
      )}
      {played?.ok && (
        <Player
          key={played.recordingId}
          recordingId={played.recordingId}
          url={played.url}
          refreshAt={played.refreshAt}
          expiresAt={played.expiresAt}
        />
      )}
      <section className="panel" aria-label="Recordings found">
        {recordings.length === 0 ? (
          <p className="muted">No recordings match.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Recorded</th>
                <th scope="col">Agent</th>
                <th scope="col">Number</th>
                <th scope="col">Outcome</th>
                <th scope="col" className="num">
                  Length
                </th>
                <th scope="col">Listen</th>
              </tr>
            </thead>
            <tbody>
              {recordings.map((r) => (
                <tr key={r.id} data-testid="recording-row">
                  <td>{when(r.recordedAt)}</td>
                  <td>{r.agent ?? '—'}</td>
                  <td>{r.phone ?? '—'}</td>
                  <td>{r.outcome ?? '—'}</td>
                  <td className="num">
                    {r.durationSeconds === null ? '—' : formatCallDuration(r.durationSeconds)}
                  </td>
                  <td>
                    {r.status === 'stored' ? (
                      <div className="row">
                        <Form method="post">
                          <input type="hidden" name="recordingId" value={r.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="play"
                            aria-label={`Play the recording of ${when(r.recordedAt)}`}
                          >
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
                            aria-label={`Download the recording of ${when(r.recordedAt)}`}
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
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
