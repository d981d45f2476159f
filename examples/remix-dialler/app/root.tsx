import type { LinksFunction } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
} from '@remix-run/react'
import { type ReactNode, useEffect } from 'react'
import type { loader } from './root.server'
import styles from './styles.css?url'

export { loader } from './root.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

const supervisorPages = [
  ['/supervisor', 'Live'],
  ['/supervisor/metrics', 'Metrics'],
  ['/supervisor/agent-states', 'Agent time'],
  ['/supervisor/costs', 'Costs'],
  ['/supervisor/intelligence', 'Intelligence'],
  ['/supervisor/quality', 'Quality'],
  ['/supervisor/sla', 'SLA'],
  ['/supervisor/queues', 'Queues'],
  ['/supervisor/settings', 'Settings'],
  ['/supervisor/campaigns', 'Campaigns'],
  ['/supervisor/calls', 'Call log'],
  ['/supervisor/routing', 'Routing'],
  ['/supervisor/ai-agents', 'AI agents'],
  ['/supervisor/flows', 'IVR flows'],
  ['/supervisor/voicemail', 'Voicemail'],
  ['/supervisor/recordings', 'Recordings'],
  ['/supervisor/sms', 'SMS'],
  ['/supervisor/magic-links', 'Magic links'],
  ['/supervisor/compliance', 'Compliance'],
] as const

const navigation = {
  agent: [
    ['/agent', 'Dialler'],
    ['/agent/callbacks', 'My callbacks'],
    ['/agent/voicemail', 'My voicemail'],
    ['/agent/history', 'My history'],
  ],
  supervisor: supervisorPages,
  // An admin sees what a supervisor sees, and the admin pages.
  admin: [...supervisorPages, ['/admin/agents', 'Agents'], ['/admin/audit', 'Audit log']],
} as const

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App() {
  const { agent } = useLoaderData<typeof loader>()
  // Marks the page interactive (keyboard shortcuts, softphone), for people's scripts and e2e tests.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand">
          Ringlane
        </Link>
        <nav aria-label="Main">
          {agent &&
            navigation[agent.role].map(([to, label]) => (
              <NavLink key={to} to={to} end>
                {label}
              </NavLink>
            ))}
        </nav>
        {agent && (
          <Form method="post" action="/logout" className="row">
            <NavLink to="/account" title="Your account">
              {agent.displayName} <span className="muted">({agent.role})</span>
            </NavLink>
            <button type="submit" className="secondary">
              Sign out
            </button>
          </Form>
        )}
      </header>
      <main>
        <Outlet />
      </main>
    </>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const message = isRouteErrorResponse(error)
    ? `${error.status}: ${typeof error.data === 'string' ? error.data : error.statusText}`
    : 'Something went wrong.'
  return (
    <main>
      <div className="panel" role="alert">
        <h1>{isRouteErrorResponse(error) && error.status === 403 ? 'Not allowed' : 'Error'}</h1>
        <p>{message}</p>
        <Link to="/">Back to the start</Link>
      </div>
    </main>
  )
}
