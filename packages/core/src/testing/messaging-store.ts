import { Effect, Option } from 'effect'
import { describe, expect, it } from 'vitest'
import type { AgentId, LeadId } from '../kernel/ids.js'
import type { E164 } from '../kernel/phone-numbers.js'
import type {
  Conversation,
  InboxPosition,
  MessagingStoreService,
  NewInboundMessage,
} from '../messaging/messaging-store.js'
import { withFixture } from './suite.js'

/** Reads what the store really wrote, bypassing the adapter under test. */
export interface MessagingStoreInspector {
  readonly messageCount: () => Promise<number>
  readonly conversationCount: () => Promise<number>
}

export interface MessagingStoreFixture {
  readonly store: MessagingStoreService
  readonly inspect: MessagingStoreInspector
  /** An agent that exists in the same database (conversations and messages refer to agents). */
  readonly newAgent: (email: string) => Promise<AgentId>
  /** Empties the store between tests. */
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const phone = (n: number) => `+447700900${String(n).padStart(3, '0')}` as E164
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute))

/**
 * The contract every messaging store meets. Call it once from the adapter's test file with a setup
 * that returns a fresh, migrated store on a real engine.
 */
export const describeMessagingStoreConformance = (
  name: string,
  setup: () => Promise<MessagingStoreFixture>,
) =>
  describe(`MessagingStore conformance: ${name}`, () => {
    let fixture: MessagingStoreFixture
    let store: MessagingStoreService
    const inbound = (conversationId: string, id: string, extra: Partial<NewInboundMessage> = {}) =>
      run(
        store.recordInbound({
          conversationId,
          providerMessageId: id,
          body: 'hello',
          intent: 'general',
          priority: 'normal',
          receivedAt: at(1),
          segments: 1,
          encoding: 'GSM-7',
          ...extra,
        }),
      )
    const outbound = (conversationId: string, sentBy: AgentId | null = null) =>
      run(
        store.recordOutbound({
          conversationId,
          body: 'hi',
          sentBy,
          autoReply: false,
          templateId: null,
          segments: 1,
          encoding: 'GSM-7',
          createdAt: at(2),
        }),
      )

    withFixture(setup, (opened) => {
      fixture = opened
      store = fixture.store
    })

    it('opens one conversation per number and links a lead once known', async () => {
      const first = await run(store.openConversation(phone(1), null, at(0)))
      expect(first).toMatchObject({ phone: phone(1), leadId: null, status: 'active', unreadCount: 0 })
      const again = await run(store.openConversation(phone(1), '42' as LeadId, at(1)))
      expect(again.id).toBe(first.id)
      expect(again.leadId).toBe('42')
      // A later look-up with another lead does not re-link it.
      expect((await run(store.openConversation(phone(1), '43' as LeadId, at(2)))).leadId).toBe('42')
      expect(await fixture.inspect.conversationCount()).toBe(1)
      expect(Option.getOrNull(await run(store.conversationByPhone(phone(1))))?.id).toBe(first.id)
      expect(Option.isNone(await run(store.conversationByPhone(phone(2))))).toBe(true)
      expect(Option.isNone(await run(store.findConversation('not-a-uuid')))).toBe(true)
    })

    it('stores an inbound text once, however often the webhook is retried', async () => {
      const thread = await run(store.openConversation(phone(1), null, at(0)))
      const first = await inbound(thread.id, 'SM1')
      expect(first.duplicate).toBe(false)
      expect(first.message).toMatchObject({ direction: 'inbound', body: 'hello', status: 'received' })
      expect(first.conversation.unreadCount).toBe(1)
      const retried = await inbound(thread.id, 'SM1')
      expect(retried.duplicate).toBe(true)
      expect(retried.message.id).toBe(first.message.id)
      expect(retried.conversation.unreadCount).toBe(1)
      expect(await fixture.inspect.messageCount()).toBe(1)
    })

    it('keeps the most urgent priority while unread, reopens closed threads, and clears on read', async () => {
      const thread = await run(store.openConversation(phone(1), null, at(0)))
      await inbound(thread.id, 'SM1', { priority: 'high' })
      const later = await inbound(thread.id, 'SM2', { priority: 'low', receivedAt: at(5) })
      expect(later.conversation).toMatchObject({ priority: 'high', unreadCount: 2, lastInboundAt: at(5) })
      await run(store.markConversationRead(thread.id))
      await run(store.setConversationStatus(thread.id, 'closed'))
      const reopened = await inbound(thread.id, 'SM3', { priority: 'low', receivedAt: at(6) })
      expect(reopened.conversation).toMatchObject({ priority: 'low', unreadCount: 1, status: 'active' })
    })

    it('does not reopen an opted-out thread on a new text', async () => {
      const thread = await run(store.openConversation(phone(1), null, at(0)))
      await run(store.setConversationStatus(thread.id, 'opted_out'))
      expect((await inbound(thread.id, 'SM1')).conversation.status).toBe('opted_out')
    })

    it('records outbound texts as pending and applies statuses in any order, idempotently', async () => {
      const agent = await fixture.newAgent('ann@example.com')
      const thread = await run(store.openConversation(phone(1), null, at(0)))
      const pending = await outbound(thread.id, agent)
      expect(pending).toMatchObject({ status: 'pending', providerMessageId: null, sentBy: agent })
      const update = (status: 'queued' | 'sent' | 'delivered' | 'failed', by: 'ours' | 'provider') =>
        run(
          store.applyDeliveryStatus({
            messageId: by === 'ours' ? pending.id : null,
            providerMessageId: 'SMout',
            status,
            errorCode: status === 'failed' ? '30003' : null,
            at: at(3),
          }),
        )
      expect(Option.getOrNull(await update('queued', 'ours'))).toMatchObject({
        status: 'queued',
        providerMessageId: 'SMout',
      })
      expect(Option.getOrNull(await update('delivered', 'provider'))?.status).toBe('delivered')
      // Late and repeated callbacks change nothing: not an earlier status, nor another final one.
      expect(Option.getOrNull(await update('sent', 'provider'))?.status).toBe('delivered')
      expect(Option.getOrNull(await update('failed', 'ours'))).toMatchObject({
        status: 'delivered',
        errorCode: null,
      })
      expect(Option.getOrNull(await update('delivered', 'provider'))?.status).toBe('delivered')
      const unknown = await run(
        store.applyDeliveryStatus({
          messageId: null,
          providerMessageId: 'SMnope',
          status: 'sent',
          errorCode: null,
          at: at(3),
        }),
      )
      expect(Option.isNone(unknown)).toBe(true)
      const [conversation] = await run(store.listConversations({ limit: 10 }))
      expect(conversation?.lastAgentReplyAt).toEqual(at(2))
    })

    it('pages the inbox in its order, every conversation once, whatever the page size', async () => {
      const agent = await fixture.newAgent('pages@example.com')
      // Ties on purpose: two high texts at the same minute, two normal ones, and two threads with no
      // text yet (last among those of their priority).
      const texts: ReadonlyArray<{ priority: 'high' | 'normal' | 'low'; minute: number } | null> = [
        { priority: 'high', minute: 5 },
        { priority: 'high', minute: 5 },
        { priority: 'high', minute: 9 },
        { priority: 'normal', minute: 7 },
        { priority: 'normal', minute: 7 },
        { priority: 'low', minute: 8 },
        null,
        null,
      ]
      const opened: Array<{ id: string; rank: number; latest: number }> = []
      for (const [n, text] of texts.entries()) {
        const thread = await run(store.openConversation(phone(n + 1), null, at(0)))
        if (text) await inbound(thread.id, `SM${n}`, { priority: text.priority, receivedAt: at(text.minute) })
        await run(store.assignConversation(thread.id, agent))
        const found = Option.getOrThrow(await run(store.findConversation(thread.id)))
        opened.push({
          id: thread.id,
          rank: ['low', 'normal', 'high'].indexOf(found.priority),
          latest: text ? +at(text.minute) : Number.NEGATIVE_INFINITY,
        })
      }
      // The rule: higher priority first, then the latest text (none last), then id.
      const expected = [...opened]
        .sort((a, b) => b.rank - a.rank || b.latest - a.latest || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((c) => c.id)
      expect((await run(store.listConversations({ assignedTo: agent, limit: 50 }))).map((c) => c.id)).toEqual(
        expected,
      )
      for (let size = 1; size <= texts.length; size++) {
        const seen: string[] = []
        let after: InboxPosition | null = null
        for (let pages = 0; pages <= texts.length; pages++) {
          const page: ReadonlyArray<Conversation> = await run(
            store.listConversations({ assignedTo: agent, after, limit: size }),
          )
          seen.push(...page.map((c) => c.id))
          const last = page.at(-1)
          if (page.length < size || !last) break
          after = { priority: last.priority, lastMessageAt: last.lastMessageAt, id: last.id }
        }
        expect(seen, `pages of ${size}`).toEqual(expected)
      }
    })

    it('assigns, lists most urgent first with filters, and returns a thread oldest first', async () => {
      const agent = await fixture.newAgent('bob@example.com')
      const calm = await run(store.openConversation(phone(1), null, at(0)))
      const urgent = await run(store.openConversation(phone(2), null, at(0)))
      await inbound(calm.id, 'SM1', { receivedAt: at(9) })
      await inbound(urgent.id, 'SM2', { priority: 'high', receivedAt: at(1) })
      await outbound(calm.id)
      expect(Option.getOrNull(await run(store.assignConversation(calm.id, agent)))?.assignedTo).toBe(agent)
      const all = await run(store.listConversations({ limit: 10 }))
      expect(all.map((c) => c.id)).toEqual([urgent.id, calm.id])
      expect((await run(store.listConversations({ assignedTo: agent, limit: 10 }))).map((c) => c.id)).toEqual(
        [calm.id],
      )
      await run(store.markConversationRead(urgent.id))
      expect((await run(store.listConversations({ unreadOnly: true, limit: 10 }))).map((c) => c.id)).toEqual([
        calm.id,
      ])
      const thread = await run(store.conversationMessages(calm.id, 10))
      // Oldest first: the reply was written at minute 2, the text arrived at minute 9.
      expect(thread.map((m) => m.direction)).toEqual(['outbound', 'inbound'])
      expect(await run(store.conversationMessages(calm.id, 1))).toHaveLength(1)
      expect(
        Option.isNone(await run(store.assignConversation('0b5ad2b6-0000-4000-8000-000000000000', null))),
      ).toBe(true)
    })

    it("gives each lead's conversations with their last messages, oldest first", async () => {
      const mobile = await run(store.openConversation(phone(1), '7' as LeadId, at(0)))
      const landline = await run(store.openConversation(phone(2), '7' as LeadId, at(0)))
      const other = await run(store.openConversation(phone(3), '8' as LeadId, at(0)))
      await run(store.openConversation(phone(4), '9' as LeadId, at(0))) // a lead not asked for
      await inbound(mobile.id, 'SM1', { receivedAt: at(1), body: 'one' })
      await inbound(mobile.id, 'SM2', { receivedAt: at(3), body: 'three' })
      await inbound(mobile.id, 'SM3', { receivedAt: at(5), body: 'five' })
      await inbound(landline.id, 'SM4', { receivedAt: at(4), body: 'four' })
      await inbound(other.id, 'SM5', { receivedAt: at(6), body: 'six' })
      const threads = await run(store.leadConversations(['7', '8', '7'] as LeadId[], 2))
      // By their latest message: the landline's at 4, the mobile's at 5, the other lead's at 6.
      expect(threads.map((t) => t.conversation.id)).toEqual([landline.id, mobile.id, other.id])
      expect(threads.map((t) => t.messages.map((m) => m.body))).toEqual([
        ['four'],
        ['three', 'five'],
        ['six'],
      ])
      expect(threads[1]?.conversation).toMatchObject({ phone: phone(1), leadId: '7' })
      expect(await run(store.leadConversations([], 5))).toEqual([])
      expect(await run(store.leadConversations(['404' as LeadId], 5))).toEqual([])
    })
  })
