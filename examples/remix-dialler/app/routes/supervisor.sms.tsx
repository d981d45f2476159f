import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react'
import { useDiallerEvents } from '@ringlane/react'
import { Schema } from 'effect'
import { useEffect, useRef } from 'react'
import { decodeForm, messageOf } from '../server/forms.server'
import { auditAccess, searchForm, supervisorAction, supervisorLoader } from '../server/supervisor.server'

export const meta: MetaFunction = () => [{ title: 'SMS · Ringlane' }]

const InboxFilter = Schema.Struct({
  show: Schema.optionalWith(Schema.Literal('all', 'unread', 'active', 'closed', 'opted_out'), {
    default: () => 'all' as const,
  }),
  c: Schema.optional(Schema.UUID.annotations({ message: () => 'Choose a conversation from the list' })),
})

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running, user } = await supervisorLoader(request)
  const { messaging, db } = running
  const decoded = decodeForm(InboxFilter, searchForm(new URL(request.url)))
  const filter = decoded.ok ? decoded.value : { show: 'all' as const, c: undefined }
  const conversations = await messaging.listConversations({
    limit: 200,
    ...(filter.show === 'unread' ? { unreadOnly: true } : {}),
    ...(filter.show === 'active' || filter.show === 'closed' || filter.show === 'opted_out'
      ? { status: filter.show }
      : {}),
  })
  let thread: Awaited<ReturnType<typeof messaging.conversationThread>> | null = null
  if (filter.c) {
    thread = await messaging.conversationThread(filter.c, 200).catch(() => null)
    if (thread) {
      // Reading a conversation is personal-data access; opening it also marks it read.
      await auditAccess(running, {
        actor: user.id,
        action: 'sms.conversation_viewed',
        subject: `conversation:${thread.conversation.id}`,
        detail: { via: 'supervisor' },
      })
      if (thread.conversation.unreadCount > 0) await messaging.markConversationRead(thread.conversation.id)
    }
  }
  const phones = [
    ...new Set([...conversations.map((c) => c.phone), ...(thread ? [thread.conversation.phone] : [])]),
  ]
  const optedOut = phones.length
    ? await db
        .selectFrom('opt_outs')
        .select(['phone', 'opted_out_at', 'source'])
        .where('phone', 'in', phones)
        .execute()
    : []
  const optOutOf = new Map(optedOut.map((o) => [o.phone, new Date(o.opted_out_at).toISOString()]))
  const agentIds = thread ? [...new Set(thread.messages.flatMap((m) => (m.sentBy ? [m.sentBy] : [])))] : []
  const senders = agentIds.length
    ? await db.selectFrom('agents').select(['id', 'display_name']).where('id', 'in', agentIds).execute()
    : []
  return {
    show: filter.show,
    selected: filter.c ?? null,
    notFound: !!filter.c && !thread,
    conversations: conversations.map((c) => ({
      id: c.id,
      phone: c.phone,
      leadId: c.leadId,
      status: c.status,
      priority: c.priority,
      unread: c.unreadCount,
      lastMessageAt: c.lastMessageAt ? new Date(c.lastMessageAt).toISOString() : null,
      optedOutAt: optOutOf.get(c.phone) ?? null,
    })),
    thread: thread && {
      id: thread.conversation.id,
      phone: thread.conversation.phone,
      leadId: thread.conversation.leadId,
      status: thread.conversation.status,
      optedOutAt: optOutOf.get(thread.conversation.phone) ?? null,
      messages: thread.messages.map((m) => ({
        id: m.id,
        direction: m.direction,
        body: m.body,
        status: m.status,
        intent: m.intent,
        autoReply: m.autoReply,
        sender: m.sentBy ? (senders.find((s) => s.id === m.sentBy)?.display_name ?? 'an agent') : null,
        at: new Date(m.createdAt).toISOString(),
      })),
    },
  }
}

const Intent = Schema.Struct({
  intent: Schema.Literal('reply', 'close', 'reopen'),
  conversationId: Schema.UUID.annotations({ message: () => 'Choose a conversation' }),
})
const Reply = Schema.Struct({
  body: Schema.String.pipe(
    Schema.trimmed(),
    Schema.minLength(1, { message: () => 'Write a reply first' }),
    Schema.maxLength(1600, { message: () => 'Keep the reply under 1,600 characters' }),
  ),
})

type ActionResult = { ok: true; intent: string } | { ok: false; fields: Record<string, string> }

export const action = async ({ request }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction(request)
  const form = await request.formData()
  const intent = decodeForm(Intent, form)
  if (!intent.ok) return data<ActionResult>({ ok: false, fields: intent.fields }, { status: 400 })
  const { conversationId } = intent.value
  try {
    if (intent.value.intent === 'reply') {
      const reply = decodeForm(Reply, form)
      if (!reply.ok) return data<ActionResult>({ ok: false, fields: reply.fields }, { status: 400 })
      await running.messaging.replyInConversation({
        conversationId,
        agentId: user.id,
        body: reply.value.body,
      })
      await running.events.publish({ type: 'sms', conversationId, direction: 'outbound' })
    } else {
      await running.messaging.setConversationStatus(
        conversationId,
        intent.value.intent === 'close' ? 'closed' : 'active',
      )
    }
    return data<ActionResult>({ ok: true, intent: intent.value.intent })
  } catch (error) {
    // An opted-out number, a message too long: said beside the reply box.
    return data<ActionResult>({ ok: false, fields: { body: messageOf(error) } }, { status: 400 })
  }
}

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '—'

export default function SmsInbox() {
  const { show, selected, notFound, conversations, thread } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const revalidator = useRevalidator()
  const revalidate = useRef(revalidator.revalidate)
  revalidate.current = revalidator.revalidate
  const replyForm = useRef<HTMLFormElement>(null)
  // A new text anywhere refreshes the list (and the open thread).
  useDiallerEvents('/api/events', {
    parse: (message) => (message.type === 'sms' ? message : null),
    onEvent: () => revalidate.current(),
  })
  useEffect(() => {
    if (result?.ok && result.intent === 'reply') replyForm.current?.reset()
  }, [result])
  const fields = result && !result.ok ? result.fields : {}
  const linkTo = (id: string) => `?${new URLSearchParams({ show, c: id })}`
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
                    opted out {when(thread.optedOutAt)}
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
                      {when(m.at)} · {m.status}
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
                  <label htmlFor="body">Reply</label>
                  <textarea
                    id="body"
                    name="body"
                    maxLength={1600}
                    aria-invalid={!!fields.body}
                    aria-describedby={fields.body ? 'body-error' : undefined}
                  />
                  {fields.body && (
                    <p id="body-error" className="field-error">
                      {fields.body}
                    </p>
                  )}
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
          {conversations.length === 0 ? (
            <p className="muted">No conversations.</p>
          ) : (
            <table className="conversation-list">
              <tbody>
                {conversations.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={linkTo(c.id)} aria-current={c.id === selected ? 'true' : undefined}>
                        {c.phone}
                      </Link>
                      <div className="muted" style={{ fontSize: '0.8rem' }}>
                        {when(c.lastMessageAt)}
                      </div>
                    </td>
                    <td>
                      {c.unread > 0 && <span className="pill warn">{c.unread} unread</span>}{' '}
                      {c.optedOutAt && <span className="pill bad">opted out</span>}{' '}
                      {c.priority === 'high' && <span className="pill bad">high</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  )
}
