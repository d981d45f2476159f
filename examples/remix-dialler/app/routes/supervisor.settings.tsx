import type { MetaFunction } from '@remix-run/node'
import {
  Form,
  type ShouldRevalidateFunction,
  useActionData,
  useLoaderData,
  useNavigation,
} from '@remix-run/react'
import { DataTable } from '../components/data-table'
import { Field, FieldError, invalidProps } from '../components/forms'
import { formatDateTime } from '../utils/dates'
import { weightFields } from '../utils/queue-weights'
import type { action, loader } from './supervisor.settings.server'

export { action, loader } from './supervisor.settings.server'

export const meta: MetaFunction = () => [{ title: 'Settings · Ringlane' }]

/**
 * A save someone else beat (409) reloads the page too, though a refused action does not by default: the
 * other forms then carry the version stored now, and a later refusal of this one falls back to it.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate

type Result = NonNullable<ReturnType<typeof useActionData<typeof action>>>

/** A form's result under it: saved, or why not (who saved first and when, in the reader's time). */
const Saved = ({ result }: { result: Result | undefined }) => {
  if (!result) return null
  if (result.ok) {
    return (
      <p className="notice good" role="status">
        {result.message}
      </p>
    )
  }
  if ('changedMeanwhile' in result) {
    const { by, at, version } = result.changedMeanwhile
    return (
      <p className="notice bad" role="alert">
        Not saved: {by} changed these settings{at ? ` at ${formatDateTime(at)}` : ''} (version{' '}
        {version ?? 'none'}) after you opened them. The form now shows what is stored, with your changes kept
        where you made them: check them and save again.
      </p>
    )
  }
  return (
    <p className="notice bad" role="alert">
      Not saved: {result.message}
    </p>
  )
}

/** The version a form was rendered from, as it posts it: `none` when the setting was never stored. */
const Version = ({ version }: { version: number | null }) => (
  <input type="hidden" name="version" value={version ?? 'none'} />
)

/** What the dialler runs on, changed here: stored, checked field by field, audited. */
export default function SettingsPage() {
  const loaded = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  /** The result of the form `form`, and the error of its field `field` when it was refused for it. */
  const outcome = (form: string) => (result?.form === form ? result : undefined)
  // A form someone else saved first shows what is stored now and carries its version: the supervisor's
  // own edits stay in the fields they typed in (an edited field keeps its value when its default moves).
  const stored = (form: string) =>
    result && !result.ok && 'changedMeanwhile' in result && result.form === form
      ? result.changedMeanwhile.now
      : loaded
  const { changes } = loaded
  const { dispositions } = stored('dispositions')
  const errorOf = (form: string, field: string) => {
    const mine = outcome(form)
    return mine && !mine.ok && mine.field === field ? mine.message : undefined
  }
  return (
    <div className="grid">
      <h1>Settings</h1>
      <p className="muted">
        Changes are stored and take effect on every instance without a restart; each one is audited with what
        it was before.
      </p>

      <h2>Queues</h2>
      <div className="grid cards">
        {loaded.queues.map(({ id }) => {
          const form = `queue-${id}`
          const now = stored(form)
          const q = now.queues.find((queue) => queue.id === id)
          if (!q) return null
          const error = (field: string) => errorOf(form, field)
          return (
            <section key={q.id} className="panel" aria-label={`${q.label} queue settings`}>
              <h3>
                {q.label} <span className="muted">({q.id})</span>
              </h3>
              <Form method="post">
                <input type="hidden" name="intent" value="queue" />
                <input type="hidden" name="queueId" value={q.id} />
                <Version version={now.versions.queues} />
                <Field
                  id={`${form}-threshold`}
                  label="Threshold (regenerate below this many waiting)"
                  error={error('threshold')}
                >
                  {(p) => <input {...p} name="threshold" inputMode="numeric" defaultValue={q.threshold} />}
                </Field>
                <Field
                  id={`${form}-cooling`}
                  label="Cooling (minutes before a new or contacted lead is called)"
                  error={error('coolingMinutes')}
                >
                  {(p) => (
                    <input {...p} name="coolingMinutes" inputMode="numeric" defaultValue={q.coolingMinutes} />
                  )}
                </Field>
                <fieldset>
                  <legend>Score weights</legend>
                  {weightFields.map(([name, label]) => (
                    <Field key={name} id={`${form}-${name}`} label={label} error={error(`weights.${name}`)}>
                      {(p) => (
                        <input
                          {...p}
                          name={`weights.${name}`}
                          inputMode="decimal"
                          defaultValue={q.weights[name]}
                        />
                      )}
                    </Field>
                  ))}
                  {q.lastOutcome.map(([code, points]) => (
                    <Field
                      key={code}
                      id={`${form}-last-${code}`}
                      label={`Points when the last outcome was ${code}`}
                      error={error(`weights.lastOutcome.${code}`)}
                    >
                      {(p) => (
                        <input
                          {...p}
                          name={`lastOutcome.${code}`}
                          inputMode="decimal"
                          defaultValue={points}
                        />
                      )}
                    </Field>
                  ))}
                </fieldset>
                <button type="submit" disabled={busy} aria-label={`Save ${q.label} queue settings`}>
                  Save
                </button>
              </Form>
              <Saved result={outcome(form)} />
            </section>
          )
        })}
      </div>

      <section className="panel" aria-label="Dispositions and retry rules">
        <h2>Dispositions and retry rules</h2>
        <p className="muted">
          What agents record at the end of a call. Retry: minutes until the lead may be called again (empty:
          never again).
        </p>
        <Form method="post" id="dispositions">
          <input type="hidden" name="intent" value="dispositions" />
          <input type="hidden" name="rows" value={dispositions.length} />
          <Version version={stored('dispositions').versions.dispositions} />
        </Form>
        <DataTable
          columns={[
            'Code',
            'Label',
            'Retry (minutes)',
            'Reached',
            'Converted',
            'Callback',
            'Opt-out',
            'Remove',
          ]}
          rows={[
            ...dispositions.map((d, i) => ({ row: String(i), ...d })),
            {
              row: 'new',
              code: '',
              label: '',
              retryAfterMinutes: null,
              contact: false,
              converted: false,
              requiresCallback: false,
              optOut: false,
            },
          ]}
          row={(d) => {
            const input = (name: string) => ({
              form: 'dispositions',
              name: `${name}-${d.row}`,
              ...invalidProps(`${name}-${d.row}`, errorOf('dispositions', `${name}-${d.row}`)),
            })
            const who = d.row === 'new' ? 'the new disposition' : d.code
            const box = (name: string, checked: boolean, what: string) => (
              <td>
                <input
                  type="checkbox"
                  {...input(name)}
                  defaultChecked={checked}
                  aria-label={`${what} (${who})`}
                />
                <FieldError id={`${name}-${d.row}`} error={errorOf('dispositions', `${name}-${d.row}`)} />
              </td>
            )
            return (
              // Keyed by code: when the list changed meanwhile, each row keeps the supervisor's edits.
              <tr key={d.row === 'new' ? 'new' : `code:${d.code}`} data-testid={`disposition-${d.row}`}>
                <td>
                  <input
                    {...input('code')}
                    defaultValue={d.code}
                    aria-label={`Code (${who})`}
                    readOnly={d.row !== 'new'}
                  />
                  <FieldError id={`code-${d.row}`} error={errorOf('dispositions', `code-${d.row}`)} />
                </td>
                <td>
                  <input {...input('label')} defaultValue={d.label} aria-label={`Label (${who})`} />
                  <FieldError id={`label-${d.row}`} error={errorOf('dispositions', `label-${d.row}`)} />
                </td>
                <td>
                  <input
                    {...input('retry')}
                    inputMode="numeric"
                    defaultValue={d.retryAfterMinutes ?? ''}
                    aria-label={`Retry after minutes (${who})`}
                  />
                  <FieldError id={`retry-${d.row}`} error={errorOf('dispositions', `retry-${d.row}`)} />
                </td>
                {box('contact', d.contact, 'A person was reached')}
                {box('converted', d.converted, 'Converted')}
                {box('callback', d.requiresCallback, 'Needs a callback time')}
                {box('optout', d.optOut, 'Opts the number out')}
                <td>{d.row === 'new' ? null : box('remove', false, 'Remove')}</td>
              </tr>
            )
          }}
        />
        <button type="submit" form="dispositions" disabled={busy}>
          Save dispositions
        </button>
        <Saved result={outcome('dispositions')} />
      </section>

      <section className="panel" aria-label="Data retention">
        <h2>Data retention</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="retention" />
          <Version version={stored('retention').versions.retention} />
          <Field
            id="recordingDays"
            label="Keep call recordings (days)"
            error={errorOf('retention', 'recordingDays')}
          >
            {(p) => (
              <input
                {...p}
                name="recordingDays"
                inputMode="numeric"
                defaultValue={stored('retention').retention.recordingDays}
              />
            )}
          </Field>
          <button type="submit" disabled={busy}>
            Save retention
          </button>
        </Form>
        <Saved result={outcome('retention')} />
      </section>

      <section className="panel" aria-label="Latest settings changes">
        <h2>Latest changes</h2>
        <DataTable
          columns={['When', 'Who', 'Setting', 'What changed']}
          rows={changes}
          empty="No settings changed yet: the dialler runs on its configuration."
          row={(c) => (
            <tr key={c.id}>
              <td>{formatDateTime(c.at)}</td>
              <td>{c.by}</td>
              <td>{c.setting}</td>
              <td>
                {c.changed.map(([field, change]) => (
                  <div key={field}>
                    <code>{field}</code>: {String(change)}
                  </div>
                ))}
              </td>
            </tr>
          )}
        />
      </section>
    </div>
  )
}
