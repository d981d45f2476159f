import type { MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { CallHistory } from '../components/call-history'
import { ClaimsTable } from '../components/claims-table'
import { MagicLinksTable } from '../components/magic-links-table'
import { formatDateTime } from '../utils/dates'
import type { action, loader } from './supervisor.leads.$leadId.server'

export { action, loader } from './supervisor.leads.$leadId.server'

export const meta: MetaFunction = () => [{ title: 'Lead · Ringlane' }]

export default function LeadDetails() {
  const { leadId, phone, profile, activity, history, links } = useLoaderData<typeof loader>()
  const withdrawn = useActionData<typeof action>()
  return (
    <div className="grid">
      <div className="row">
        <h1>{profile.name}</h1>
        <span className="muted">lead {leadId}</span>
        <span className="spacer" />
        {phone && (
          <Link to={`/supervisor/recordings?number=${encodeURIComponent(phone)}`}>
            Recordings of this number
          </Link>
        )}
      </div>
      <p className="notice">Your viewing of this lead is recorded in the audit log.</p>
      <div className="grid two">
        <section className="panel" aria-label="Lead">
          <dl className="facts">
            <dt>Email</dt>
            <dd>{profile.email ?? '—'}</dd>
            <dt>Address</dt>
            <dd>{profile.address ?? '—'}</dd>
            <dt>Signature</dt>
            <dd>{profile.signatureOnFile ? 'on file' : <span className="pill warn">missing</span>}</dd>
            <dt>Attempts</dt>
            <dd>{activity?.attemptsTotal ?? 0}</dd>
            <dt>Last contact</dt>
            <dd>{formatDateTime(activity?.lastContactAt)}</dd>
            <dt>Last outcome</dt>
            <dd>{activity?.lastOutcome ?? '—'}</dd>
            <dt>Not before</dt>
            <dd>{formatDateTime(activity?.nextCallAfter)}</dd>
          </dl>
        </section>
        <section className="panel" aria-label="Claims">
          <h2>Claims</h2>
          <ClaimsTable claims={profile.claims} />
        </section>
      </div>
      <CallHistory calls={history} linked />
      <section className="panel" aria-label="Magic links">
        <h2>Magic links</h2>
        <MagicLinksTable links={links} withdrawn={withdrawn} />
      </section>
    </div>
  )
}
