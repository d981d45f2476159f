import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useDiallerEvents } from '@ringlane/react'
import { useEffect, useRef } from 'react'
import { DataTable } from '../components/data-table'
import { Field } from '../components/forms'
import { Pager } from '../components/pager'
import { formatShortDateTime } from '../utils/dates'
import { useReload } from '../utils/use-reload'
import type { action, loader } from './supervisor.sms.server'

export { action, loader } from './supervisor.sms.server'

export const meta: MetaFunction = () => [{ title: 'SMS · Ringlane' }]

export default function SmsInbox() {
  const { show, cursor, pages, selected, notFound, conversations, thread } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const reload = useReload()
  const replyForm = useRef<HTMLFormElement>(null)
  // A new text anywhere refreshes the list (and the open thread).
  useDiallerEvents('/api/events', {
    parse: (message) => (message.type === 'sms' ? message : null),
    onEvent: reload,
  })
  useEffect(() => {
    if (result?.ok && result.intent === 'reply') replyForm.current?.reset()
  }, [result])
  const fields = result && !result.ok ? result.fields : {}
  // Opening a conversation keeps the page of the list it was chosen from.
  const linkTo = (id: string) => `?${new URLSearchParams({ show, ...(cursor ? { cursor } : {}), c: id })}`
  return (
    <div className="grid">
      <div className="row">
        <h1>SMS</h1>
        <Link to="/supervisor/magic-links">Magic-link analytics</Link>
        <span className="spacer" />
        <Form method="get" className="row" aria-label="Filter conversations">
          <label htmlFor="show" className="sr-only">
            Show
          </label>
          <select id="show" name="show" defaultValue={show} style={{ width: 'auto' }}>
            <option value="all">All conversations</option>
            <option value="unread">Unread</option>
            <option value="active">Active</option>
            <option value="closed">Closed</option>
            <option value="opted_out">Opted out</option>
          </select>
          <button type="submit" className="secondary">
            Filter
          </button>
        </Form>
      </div>
      <div className="grid two">
        <section className="panel" aria-label="Conversation">
          {notFound && (
            <p className="notice bad" role="alert">
              That conversation does not exist.
            </p>
          )}
          {!thread ? (
            <p className="muted">{selected ? '' : 'Choose a conversation.'}</p>
          ) : (
            <>
              <div className="row">
                <h2>{thread.phone}</h2>
                {thread.optedOutAt ? (
                  <span className="pill bad" data-testid="opt-out-state">
                    opted out {formatShortDateTime(thread.optedOutAt)}
                  </span>
                ) : (
                  <span className="pill good" data-testid="opt-out-state">
                    can receive texts
                  </span>
                )}
                <span className="pill">{thread.status.replace('_', ' ')}</span>
                {thread.leadId && <Link to={`/supervisor/leads/${thread.leadId}`}>Lead details</Link>}
                <span className="spacer" />
                {thread.status !== 'opted_out' && (
                  <Form method="post">
                    <input type="hidden" name="conversationId" value={thread.id} />
                    <button
                      type="submit"
                      name="intent"
                      value={thread.status === 'closed' ? 'reopen' : 'close'}
                      className="secondary"
                      disabled={busy}
                    >
                      {thread.status === 'closed' ? 'Reopen' : 'Close'}
                    </button>
                  </Form>
                )}
              </div>
              <ol className="thread" aria-label="Messages">
                {thread.messages.map((m) => (
                  <li key={m.id} className={m.direction}>
                    <div>{m.body}</div>
                    <div className="muted" style={{ fontSize: '0.8rem' }}>
                      {m.direction === 'inbound'
                        ? 'Received'
                        : m.autoReply
                          ? 'Automatic reply'
                          : `Sent by ${m.sender ?? 'the dialler'}`}{' '}
                      {formatShortDateTime(m.at)} · {m.status}
                      {m.intent && m.intent !== 'general' ? ` · ${m.intent.replaceAll('_', ' ')}` : ''}
                    </div>
                  </li>
                ))}
              </ol>
              {thread.optedOutAt ? (
                <p className="notice">
                  This number opted out of texts; replies are refused until they text START.
                </p>
              ) : (
                <Form method="post" ref={replyForm}>
                  <input type="hidden" name="conversationId" value={thread.id} />
                  <Field id="body" label="Reply" error={fields.body}>
                    {(input) => <textarea {...input} name="body" maxLength={1600} />}
                  </Field>
                  <p>
                    <button type="submit" name="intent" value="reply" disabled={busy}>
                      Send reply
                    </button>
                  </p>
                </Form>
              )}
            </>
          )}
        </section>
        <section className="panel" aria-label="Conversations">
          <h2>Conversations</h2>
          <DataTable
            className="conversation-list"
            rows={conversations}
            empty="No conversations."
            row={(c) => (
              <tr key={c.id}>
                <td>
                  <Link to={linkTo(c.id)} aria-current={c.id === selected ? 'true' : undefined}>
                    {c.phone}
                  </Link>
                  <div className="muted" style={{ fontSize: '0.8rem' }}>
                    {formatShortDateTime(c.lastMessageAt)}
                  </div>
                </td>
                <td>
                  {c.unread > 0 && <span className="pill warn">{c.unread} unread</span>}{' '}
                  {c.optedOutAt && <span className="pill bad">opted out</span>}{' '}
                  {c.priority === 'high' && <span className="pill bad">high</span>}
                </td>
              </tr>
            )}
          />
          <Pager pages={pages} label="conversations" />
        </section>
      </div>
    </div>
  )
}
