import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Schema } from 'effect'
import { decodeForm, messageOf, readForm, searchForm } from '../server/forms.server'
import { cursorFrom, PAGE_SIZE, pageLinks, refuseBadCursor } from '../server/paging.server'
import { hideLinkTokens } from '../server/sms-threads.server'
import { auditAccess, supervisorAction, supervisorLoader } from '../server/supervisor.server'

const InboxFilter = Schema.Struct({
  show: Schema.optionalWith(Schema.Literal('all', 'unread', 'active', 'closed', 'opted_out'), {
    default: () => 'all' as const,
  }),
  c: Schema.optional(Schema.UUID.annotations({ message: () => 'Choose a conversation from the list' })),
})

/** The SMS inbox: conversations by filter, and the one opened (read, and so audited). */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { running, user } = await supervisorLoader(request)
  const { messaging } = running.ringlane
  const url = new URL(request.url)
  const decoded = decodeForm(InboxFilter, searchForm(url))
  const filter = decoded.ok ? decoded.value : { show: 'all' as const, c: undefined }
  const cursor = cursorFrom(url)
  // A page at a time, most urgent first; a page link someone edited is a 400.
  const page = await messaging
    .pageConversations({
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
      ...(filter.show === 'unread' ? { unreadOnly: true } : {}),
      ...(filter.show === 'active' || filter.show === 'closed' || filter.show === 'opted_out'
        ? { status: filter.show }
        : {}),
    })
    .catch(refuseBadCursor)
  const conversations = page.items
  let thread: Awaited<ReturnType<typeof messaging.thread>> | null = null
  if (filter.c) {
    thread = await messaging.thread(filter.c, 200).catch(() => null)
    if (thread) {
      // Reading a conversation is personal-data access; opening it also marks it read.
      await auditAccess(running, {
        actor: user.id,
        action: 'sms.conversation_viewed',
        subject: `conversation:${thread.conversation.id}`,
        detail: { via: 'supervisor' },
      })
      if (thread.conversation.unreadCount > 0) await messaging.markRead(thread.conversation.id)
    }
  }
  const phones = [
    ...new Set([...conversations.map((c) => c.phone), ...(thread ? [thread.conversation.phone] : [])]),
  ]
  const optedOut = phones.length ? await running.ringlane.compliance.optOuts(phones) : []
  const optOutOf = new Map<string, string>(optedOut.map((o) => [o.phone, o.optedOutAt.toISOString()]))
  const agentIds = thread ? [...new Set(thread.messages.flatMap((m) => (m.sentBy ? [m.sentBy] : [])))] : []
  const senders = agentIds.length ? await running.ringlane.agents.list() : []
  return {
    show: filter.show,
    cursor: cursor ?? null,
    pages: pageLinks(url, page.nextCursor),
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
        // Live magic-link tokens are masked here as on the agent's desk: one helper, one rule.
        body: hideLinkTokens(m.body),
        status: m.status,
        intent: m.intent,
        autoReply: m.autoReply,
        sender: m.sentBy ? (senders.find((s) => s.id === m.sentBy)?.displayName ?? 'an agent') : null,
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

/** Reply in a conversation, close it or reopen it. Supervisors and admins, from our own origin. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const { running, user } = await supervisorAction({ request, context })
  const form = await readForm(request)
  const intent = decodeForm(Intent, form)
  if (!intent.ok) return data<ActionResult>({ ok: false, fields: intent.fields }, { status: 400 })
  const { conversationId } = intent.value
  try {
    if (intent.value.intent === 'reply') {
      const reply = decodeForm(Reply, form)
      if (!reply.ok) return data<ActionResult>({ ok: false, fields: reply.fields }, { status: 400 })
      await running.ringlane.messaging.reply({
        conversationId,
        agentId: user.id,
        body: reply.value.body,
      })
    } else {
      await running.ringlane.messaging.setStatus(
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
