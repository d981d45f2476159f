import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { formatCallDuration } from '@ringlane/react'
import { Either, Schema } from 'effect'
import { auditAccess, supervisorLoader } from '../server/supervisor.server'

export const meta: MetaFunction = () => [{ title: 'Lead · Ringlane' }]

const LeadParam = Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_-]{1,64}$/))

/**
 * A lead's details for a supervisor. Opening them is personal-data access, so it is written to the
 * audit log before anything is read.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { running, user } = await supervisorLoader(request)
  const leadId = Schema.decodeUnknownEither(LeadParam)(params.leadId)
  if (Either.isLeft(leadId)) throw new Response('That is not a lead id.', { status: 400 })
  await auditAccess(running, {
    actor: user.id,
    action: 'lead.viewed',
    subject: `lead:${leadId.right}`,
    detail: { via: 'supervisor' },
  })
  const [context, history, config] = await Promise.all([
    running.dialler.leadContext(user.id, leadId.right).catch((error: unknown) => {
      if (error instanceof Error && '_tag' in error && error._tag === 'LeadNotFound')
        throw new Response('No such lead in the source.', { status: 404 })
      throw error
    }),
    running.dialler.callHistory(leadId.right, 50),
    running.dialler.config(),
  ])
  const labels = Object.fromEntries(config.settings.dispositions.map((d) => [d.code, d.label]))
  const { profile, activity } = context
  return {
    leadId: leadId.right,
    profile: {
      name: `${profile.firstName} ${profile.lastName}`,
      email: profile.email,
      address: profile.address ? `${profile.address.fullAddress}, ${profile.address.postCode}` : null,
      signatureOnFile: profile.signatureOnFile,
      claims: profile.claims.map((c) => ({
        id: c.id,
        reference: c.reference,
        lender: c.lender,
        status: c.status,
        value: c.value,
        pending: c.requirements.filter((r) => r.status === 'PENDING').length,
        requirements: c.requirements.length,
      })),
    },
    activity: activity && {
      attemptsTotal: activity.attemptsTotal,
      lastContactAt: activity.lastContactAt ? new Date(activity.lastContactAt).toISOString() : null,
      lastOutcome: activity.lastOutcome ? (labels[activity.lastOutcome] ?? activity.lastOutcome) : null,
      nextCallAfter: activity.nextCallAfter ? new Date(activity.nextCallAfter).toISOString() : null,
    },
    history: history.map(({ session, outcome }) => ({
      id: session.id,
      phone: session.phone,
      startedAt: new Date(session.startedAt).toISOString(),
      status: session.status,
      talkSeconds: session.talkSeconds,
      outcome: outcome ? (labels[outcome.disposition] ?? outcome.disposition) : null,
      notes: outcome?.notes ?? null,
    })),
  }
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-GB') : '—')

export default function LeadDetails() {
  const { leadId, profile, activity, history } = useLoaderData<typeof loader>()
  const phone = history[0]?.phone
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
            <dd>{when(activity?.lastContactAt ?? null)}</dd>
            <dt>Last outcome</dt>
            <dd>{activity?.lastOutcome ?? '—'}</dd>
            <dt>Not before</dt>
            <dd>{when(activity?.nextCallAfter ?? null)}</dd>
          </dl>
        </section>
        <section className="panel" aria-label="Claims">
          <h2>Claims</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Lender</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col">Pending</th>
              </tr>
            </thead>
            <tbody>
              {profile.claims.map((c) => (
                <tr key={c.id}>
                  <td>{c.reference}</td>
                  <td>{c.lender}</td>
                  <td>{c.status.replaceAll('_', ' ').toLowerCase()}</td>
                  <td className="num">£{c.value.toLocaleString('en-GB')}</td>
                  <td>
                    {c.pending} of {c.requirements}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section className="panel" aria-label="Call history">
        <h2>Call history</h2>
        {history.length === 0 ? (
          <p className="muted">Never called.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Talk
                </th>
                <th scope="col">Outcome</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {history.map((call) => (
                <tr key={call.id}>
                  <td>{when(call.startedAt)}</td>
                  <td>{call.status}</td>
                  <td className="num">
                    {call.talkSeconds === null ? '—' : formatCallDuration(call.talkSeconds)}
                  </td>
                  <td>{call.outcome ?? '—'}</td>
                  <td>{call.notes ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
