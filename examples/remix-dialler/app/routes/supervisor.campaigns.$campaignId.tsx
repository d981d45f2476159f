import type { MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CampaignFields } from '../components/campaign-form'
import { CampaignLivePanel } from '../components/campaign-live-panel'
import { DataTable } from '../components/data-table'
import { Field, SubmitActions } from '../components/forms'
import { formatDateTime } from '../utils/dates'
import type { action, loader } from './supervisor.campaigns.$campaignId.server'

export { action, loader } from './supervisor.campaigns.$campaignId.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.campaign.name ?? 'Campaign'} · Ringlane` },
]

export default function CampaignPage() {
  const { campaign, live, options, agents, candidates } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const failed = result && !result.ok ? result : null
  const errors = failed?.intent === 'update' ? failed.fields : {}
  const paused = campaign.status === 'paused'
  return (
    <div className="grid">
      <div className="row">
        <h1>{campaign.name}</h1>
        <span className={paused ? 'pill' : 'pill good'} data-testid="campaign-status">
          {campaign.status}
        </span>
        <span className="spacer" />
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value={paused ? 'resume' : 'pause'}
            className={paused ? undefined : 'secondary'}
            disabled={busy}
          >
            {paused ? 'Resume' : 'Pause'}
          </button>
        </Form>
      </div>
      {result?.ok && (
        <p className="notice good" role="status">
          {result.message}
        </p>
      )}
      {failed && (failed.fields.form || failed.intent === 'unknown') && (
        <p className="notice bad" role="alert">
          {Object.values(failed.fields).join(' ')}
        </p>
      )}

      <CampaignLivePanel campaignId={campaign.id} initial={live} />

      <section className="panel" aria-label="Settings">
        <h2>Settings</h2>
        <Form method="post" noValidate>
          <CampaignFields
            options={options}
            values={failed?.intent === 'update' && failed.values ? failed.values : campaign}
            errors={errors}
            isNew={false}
          />
          <SubmitActions submit="Save changes" intent="update" />
        </Form>
      </section>

      <section className="panel" aria-label="Agents">
        <h2>Agents</h2>
        {agents.length === 0 ? (
          <p className="muted">No agents in this campaign yet.</p>
        ) : (
          <DataTable
            columns={['Agent', 'Email', 'Joined', 'Actions']}
            rows={agents}
            row={(a) => (
              <tr key={a.id} data-testid={`campaign-agent-${a.email}`}>
                <th scope="row">
                  {a.name} {!a.active && <span className="pill">deactivated</span>}
                </th>
                <td>{a.email}</td>
                <td>{formatDateTime(a.joinedAt)}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="agentId" value={a.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="leave"
                      className="secondary"
                      disabled={busy}
                      aria-label={`Remove ${a.name}`}
                    >
                      Remove
                    </button>
                  </Form>
                </td>
              </tr>
            )}
          />
        )}
        <Form method="post" className="filters" noValidate>
          <Field
            id="campaign-join"
            label="Add an agent"
            error={failed?.intent === 'join' ? failed.fields.agentId : undefined}
          >
            {(input) => (
              <select {...input} name="agentId" defaultValue="">
                <option value="">Choose an agent…</option>
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.email})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SubmitActions submit="Add agent" intent="join" />
        </Form>
      </section>
    </div>
  )
}
