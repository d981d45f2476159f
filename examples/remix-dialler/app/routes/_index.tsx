import type { MetaFunction } from '@remix-run/node'

export const meta: MetaFunction = () => [{ title: 'Ringlane dialler' }]

// Until the reference dialler lands, the start page says what is being built and where.
export default function Index() {
  return (
    <main
      style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '40rem', margin: '3rem auto', lineHeight: 1.5 }}
    >
      <h1>Ringlane dialler</h1>
      <p>
        The reference outbound dialler built on the Ringlane SDK is on its way. It will run here with no
        setup: an embedded database, a demo lead source and simulated telephony.
      </p>
      <h2>Coming next</h2>
      <ul>
        <li>
          Agents: the next lead with its whole context, pre-call validation, one-click browser dialing,
          outcomes, callbacks and magic-link SMS.
        </li>
        <li>Supervisors: live agent states and queue levels, call metrics, recordings and the SMS inbox.</li>
        <li>Admins: agents, roles and the audit log.</li>
      </ul>
    </main>
  )
}
