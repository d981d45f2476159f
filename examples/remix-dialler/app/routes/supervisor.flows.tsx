import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { formatDateTime } from '../utils/dates'
import type { FlowsResult, loader } from './supervisor.flows.server'

export { action, loader } from './supervisor.flows.server'

/** What each column means for each kind of step, as the editor's hint says it. */
const HINTS: Record<string, { text: string; targets: string; extra: string }> = {
  say: { text: 'Words said', targets: 'Next step', extra: '' },
  play: { text: 'https URL of the audio', targets: 'Next step', extra: '' },
  menu: {
    text: 'Prompt (words, or an https URL)',
    targets: '"1 claim=queue; 2 message=voicemail"',
    extra: '"no input step, no match step, attempts, timeout s"',
  },
  hours: {
    text: '',
    targets: '"open step, closed step"',
    extra: '"Europe/London; mon-fri 09:00-17:00; holidays 2026-12-25"',
  },
  queue: { text: 'Hold message (optional)', targets: 'Queue', extra: '' },
  voicemail: { text: '', targets: 'Voicemail box', extra: '' },
  'hang-up': { text: '', targets: '', extra: '' },
  'ai-agent': { text: '', targets: 'AI agent (it hands over to its own queue)', extra: '' },
}

const BLANK_ROWS = 3

export default function Flows() {
  const { flows, flow, kinds } = useLoaderData<typeof loader>()
  const result = useActionData<FlowsResult>()
  const busy = useNavigation().state !== 'idle'
  const rows = [...(flow?.rows ?? []), ...Array.from({ length: BLANK_ROWS }, () => null)]
  const faulty = result && !result.ok ? result.step : null
  return (
    <main className="page">
      <h1>IVR flows</h1>
      <nav aria-label="Flows" className="row">
        {flows.map((f) => (
          <Link key={f.id} to={`?flow=${f.id}`} aria-current={f.id === flow?.id ? 'page' : undefined}>
            {f.name} {f.publishedVersion ? `(v${f.publishedVersion} live)` : '(not published)'}
          </Link>
        ))}
        <Link to="?flow=new">New flow</Link>
      </nav>
      {result && (
        <p className={`notice ${result.ok ? 'good' : 'bad'}`} role="status" data-testid="flow-result">
          {result.ok ? ('message' in result ? result.message : `Tested: ${result.end}`) : result.error}
        </p>
      )}
      <Form method="post" className="panel" aria-label="Flow editor" key={flow?.id ?? 'new'}>
        <div className="row">
          <label>
            Flow id <input name="flowId" defaultValue={flow?.id ?? ''} readOnly={!!flow} required />
          </label>
          <label>
            Name <input name="name" defaultValue={flow?.name ?? ''} required />
          </label>
          <label>
            Numbers it answers{' '}
            <input name="numbers" defaultValue={flow?.numbers ?? ''} placeholder="+447700900000" />
          </label>
          <label>
            Starts at <input name="start" defaultValue={flow?.start ?? ''} required />
          </label>
        </div>
        {flow && (
          <p className="muted">
            Draft saved {formatDateTime(flow.updatedAt)}; calls run{' '}
            {flow.publishedVersion
              ? `version ${flow.publishedVersion}`
              : 'nothing yet (publish to answer calls)'}
            .
          </p>
        )}
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Kind</th>
              <th scope="col">Says / plays</th>
              <th scope="col">Leads to</th>
              <th scope="col">More</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const hint = HINTS[row?.kind ?? 'say']
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the form
                <tr key={index} aria-invalid={row !== null && row.id === faulty}>
                  <td>
                    <input
                      aria-label={`Step ${index + 1} id`}
                      name={`steps.${index}.id`}
                      defaultValue={row?.id ?? ''}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`Step ${index + 1} kind`}
                      name={`steps.${index}.kind`}
                      defaultValue={row?.kind ?? 'say'}
                    >
                      {kinds.map((kind) => (
                        <option key={kind}>{kind}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Step ${index + 1} says`}
                      name={`steps.${index}.text`}
                      defaultValue={row?.text ?? ''}
                      placeholder={hint?.text}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Step ${index + 1} leads to`}
                      name={`steps.${index}.targets`}
                      defaultValue={row?.targets ?? ''}
                      placeholder={hint?.targets}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Step ${index + 1} more`}
                      name={`steps.${index}.extra`}
                      defaultValue={row?.extra ?? ''}
                      placeholder={hint?.extra}
                    />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <p className="muted">
          Menus: "1 claim/agent=queue; 2 message=voicemail"; more: "no input step, no match step, attempts,
          timeout". Hours: leads to "open step, closed step"; more: "Europe/London; mon-fri 09:00-17:00;
          holidays 2026-12-25".
        </p>
        <div className="row">
          <button type="submit" name="intent" value="save" disabled={busy}>
            Save draft
          </button>
          {flow && (
            <button type="submit" name="intent" value="publish" disabled={busy}>
              Publish
            </button>
          )}
        </div>
      </Form>
      {flow && (
        <Form method="post" className="panel" aria-label="Flow tester">
          <h2>Test the draft</h2>
          <input type="hidden" name="flowId" value={flow.id} />
          <div className="row">
            <label>
              Caller's answers <input name="inputs" placeholder="1, claim, -" />
            </label>
            <label>
              Calling at (UTC) <input type="datetime-local" name="at" />
            </label>
            <button type="submit" name="intent" value="test" disabled={busy}>
              Walk the flow
            </button>
          </div>
          {result?.ok && result.intent === 'test' && (
            <ol aria-label="Path taken">
              {result.path.map((visit, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the path's order is its identity
                <li key={index}>
                  <strong>{visit.stepId}</strong> ({visit.kind}): {visit.detail}
                </li>
              ))}
            </ol>
          )}
        </Form>
      )}
    </main>
  )
}
