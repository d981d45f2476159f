import { ClaimsTable, summariseClaim } from '../claims-table'
import { DataTable } from '../data-table'
import type { HeldLead } from './types'

/** Who the lead is, how to reach them and how often they have been tried, with the queue and score. */
export const LeadCard = ({ lead }: { lead: HeldLead }) => {
  const { profile, activity } = lead.context
  return (
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
        <dd>{profile.address ? `${profile.address.fullAddress}, ${profile.address.postalCode}` : '—'}</dd>
        <dt>Signature</dt>
        <dd>{profile.details.signatureOnFile ? 'on file' : <span className="pill warn">missing</span>}</dd>
        <dt>Attempts</dt>
        <dd>
          {activity?.attemptsTotal ?? 0} total
          {activity?.lastOutcome ? `, last outcome ${activity.lastOutcome.replaceAll('_', ' ')}` : ''}
        </dd>
      </dl>
    </section>
  )
}

/** The score's reasons, point by point: only those that moved it (a reason worth 0 says nothing). */
export const WhyThisLead = ({ reasons }: { reasons: HeldLead['entry']['reasons'] }) => (
  <section className="panel" aria-label="Why this lead">
    <h2>Why this lead</h2>
    <DataTable
      rows={reasons.filter((reason) => reason.points !== 0)}
      row={(reason) => (
        <tr key={reason.factor}>
          <td>{reason.detail}</td>
          <td className="num">{reason.points > 0 ? `+${reason.points}` : reason.points}</td>
        </tr>
      )}
    />
  </section>
)

/** The lead's claims, then every requirement still pending across them. */
export const LeadClaims = ({ claims }: { claims: HeldLead['context']['profile']['details']['claims'] }) => {
  const pending = claims.flatMap((claim) =>
    claim.requirements.filter((r) => r.status === 'PENDING').map((r) => ({ ...r, claim: claim.reference })),
  )
  return (
    <section className="panel" aria-label="Claims">
      <h2>Claims</h2>
      <ClaimsTable claims={claims.map(summariseClaim)} />
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
  )
}

/** What to say on this queue, with the lead's fields filled in. */
export const CallScript = ({ script }: { script: string }) => (
  <section className="panel" aria-label="Call script">
    <h2>Script</h2>
    <p style={{ whiteSpace: 'pre-wrap' }} data-testid="call-script">
      {script}
    </p>
  </section>
)
