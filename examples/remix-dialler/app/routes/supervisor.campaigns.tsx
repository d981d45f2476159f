import type { MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useOutlet } from '@remix-run/react'
import { CampaignFields, newCampaignValues } from '../components/campaign-form'
import { DataTable, numeric } from '../components/data-table'
import { CreatePanel } from '../components/forms'
import type { action, loader } from './supervisor.campaigns.server'

export { action, loader } from './supervisor.campaigns.server'

export const meta: MetaFunction = () => [{ title: 'Campaigns · Ringlane' }]

/** The campaigns, and a form for a new one; a campaign's own page opens in its place. */
export default function CampaignsPage() {
  const outlet = useOutlet()
  return outlet ?? <Campaigns />
}

const Campaigns = () => {
  const { campaigns, options } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result && !result.ok ? result.fields : {}
  return (
    <div className="grid">
      <h1>Campaigns</h1>
      <section className="panel" aria-label="Campaigns">
        {campaigns.length === 0 ? (
          <p className="muted">No campaigns yet.</p>
        ) : (
          <DataTable
            columns={[
              'Campaign',
              'Mode',
              'Status',
              'Queues',
              numeric('Target'),
              'Profiles',
              numeric('Agents'),
            ]}
            rows={campaigns}
            row={(c) => (
              <tr key={c.id} data-testid={`campaign-row-${c.id}`}>
                <th scope="row">
                  <Link to={`/supervisor/campaigns/${c.id}`}>{c.name}</Link>{' '}
                  <span className="muted">({c.id})</span>
                </th>
                <td>{c.dialMode}</td>
                <td>
                  <span className={c.status === 'active' ? 'pill good' : 'pill'}>{c.status}</span>
                </td>
                <td>{c.queues}</td>
                <td className="num">
                  {c.abandonTargetPercent}% / {c.abandonWindowHours} h
                </td>
                <td>{c.profiles}</td>
                <td className="num">{c.agents}</td>
              </tr>
            )}
          />
        )}
      </section>
      <CreatePanel title="New campaign" submit="Create campaign" error={errors.form}>
        <CampaignFields
          options={options}
          values={result?.values ?? newCampaignValues(options)}
          errors={errors}
          isNew
        />
      </CreatePanel>
    </div>
  )
}
