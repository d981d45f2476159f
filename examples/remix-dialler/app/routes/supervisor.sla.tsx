import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useDiallerEvents } from '@ringlane/react'
import { useEffect, useRef } from 'react'
import { BarChart, percent, Stat } from '../components/charts'
import { DataTable, numeric } from '../components/data-table'
import { DateRangeFields } from '../components/date-range-form'
import { Field, FilterForm } from '../components/forms'
import { formatDuration, formatHourMinute, formatTime } from '../utils/dates'
import { useReload } from '../utils/use-reload'
import type { loader } from './supervisor.sla.server'

export { loader } from './supervisor.sla.server'

export const meta: MetaFunction = () => [{ title: 'SLA · Ringlane' }]

const rate = (value: number | null) => (value === null ? '—' : percent(value))
const seconds = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} s`)

/** Reloads the figures when a contact or an agent moves, at most once a second (the 2 s promise). */
const useLiveRefresh = () => {
  const reload = useReload()
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current)
    },
    [],
  )
  return useDiallerEvents('/api/events', {
    parse: (message) =>
      message.type === 'queue-contact' || message.type === 'agent-state' || message.type === 'call'
        ? message
        : null,
    onEvent: () => {
      if (pending.current) return
      pending.current = setTimeout(() => {
        pending.current = null
        reload()
      }, 500)
    },
  })
}

export default function Sla() {
  const {
    asked,
    fields,
    zone,
    range,
    serviceLevelSeconds,
    intervalMinutes,
    csvHref,
    total,
    queues,
    computedAt,
  } = useLoaderData<typeof loader>()
  const { status } = useLiveRefresh()
  return (
    <div className="grid">
      <h1>SLA</h1>
      <FilterForm label="Date range" submit="Show">
        <DateRangeFields from={asked.from} to={asked.to} fields={fields} />
        <Field id="intervalMinutes" label="Interval" error={fields.intervalMinutes}>
          {(input) => (
            <select {...input} name="intervalMinutes" defaultValue={asked.intervalMinutes}>
              <option value="15">15 minutes</option>
              <option value="30">30 minutes</option>
              <option value="60">60 minutes</option>
            </select>
          )}
        </Field>
        <Field id="serviceLevelSeconds" label="Answered within (seconds)" error={fields.serviceLevelSeconds}>
          {(input) => (
            <input
              {...input}
              name="serviceLevelSeconds"
              inputMode="numeric"
              defaultValue={asked.serviceLevelSeconds}
            />
          )}
        </Field>
      </FilterForm>
      <p className="muted">
        Calls that entered a queue from {range.from} to {range.to} inclusive ({zone} time), each counted in
        the
        {` ${intervalMinutes}`}-minute interval it entered. Service level: answered within{' '}
        {serviceLevelSeconds} s, over calls that left the queue (answered, abandoned or sent to overflow).
        Updates as calls move (<span data-testid="live-status">{status === 'open' ? 'live' : status}</span>
        {', figures as of '}
        <time data-testid="sla-computed-at" dateTime={computedAt}>
          {formatTime(computedAt)}
        </time>
        ). <a href={csvHref}>Download CSV</a>
      </p>
      <section className="grid stats" aria-label="All queues">
        <Stat
          label={`Service level (${serviceLevelSeconds} s)`}
          value={rate(total.serviceLevel)}
          hint={`${total.queued} calls queued`}
        />
        <Stat
          label="Average speed of answer"
          value={seconds(total.averageSpeedOfAnswerSeconds)}
          hint={`${total.answered} answered`}
        />
        <Stat
          label="Abandonment rate"
          value={rate(total.abandonmentRate)}
          hint={`${total.abandoned} abandoned`}
        />
        <Stat label="Average handle time" value={formatDuration(total.averageHandleSeconds)} />
        <Stat label="Occupancy" value={rate(total.occupancy)} hint="agents on calls or wrapping up" />
      </section>
      {queues.length === 0 && <p className="panel muted">No calls entered a queue in these days.</p>}
      {queues.map((queue) => (
        <section key={queue.queueId} className="panel" aria-label={queue.name} data-testid="sla-queue">
          <h2>{queue.name}</h2>
          <p>
            Service level <strong>{rate(queue.total.serviceLevel)}</strong>, average speed of answer{' '}
            <strong>{seconds(queue.total.averageSpeedOfAnswerSeconds)}</strong>, abandonment{' '}
            <strong>{rate(queue.total.abandonmentRate)}</strong>, average handle time{' '}
            <strong>{formatDuration(queue.total.averageHandleSeconds)}</strong> over {queue.total.queued}{' '}
            calls.
          </p>
          <BarChart
            title={`${queue.name}: calls and answered within ${serviceLevelSeconds} s by interval`}
            description={`Calls that entered the queue in each ${intervalMinutes}-minute interval, and how many were answered within ${serviceLevelSeconds} seconds.`}
            categoryLabel="Interval"
            data={queue.intervals.map((i) => ({
              label: formatHourMinute(i.start),
              value: i.queued,
              secondary: Math.round((i.serviceLevel ?? 0) * (i.queued - i.waiting)),
            }))}
            valueLabel="Calls"
            secondaryLabel={`Answered within ${serviceLevelSeconds} s`}
            labelEvery={Math.max(1, Math.ceil(queue.intervals.length / 12))}
          />
          <DataTable
            columns={[
              'Interval',
              numeric('Calls'),
              numeric('Service level'),
              numeric('Speed of answer'),
              numeric('Abandoned'),
              numeric('Handle time'),
            ]}
            rows={queue.intervals.filter((i) => i.queued > 0)}
            empty="No calls."
            row={(i) => (
              <tr key={i.start} data-testid="sla-interval">
                <td>{formatHourMinute(i.start)}</td>
                <td className="num">{i.queued}</td>
                <td className="num">{rate(i.serviceLevel)}</td>
                <td className="num">{seconds(i.averageSpeedOfAnswerSeconds)}</td>
                <td className="num">{rate(i.abandonmentRate)}</td>
                <td className="num">{formatDuration(i.averageHandleSeconds)}</td>
              </tr>
            )}
          />
        </section>
      ))}
    </div>
  )
}
