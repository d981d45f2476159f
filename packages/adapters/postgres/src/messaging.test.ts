import { Compliance, type E164, Messaging } from '@ringlane/core'
import { postgresEngines } from '@ringlane/test-database'
import { Effect } from 'effect'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createMessagingWorld, type MessagingWorld } from './messaging-world.test.support.js'

const lead = '+447700900123'

describe.each(postgresEngines())('SMS end to end on %s', (engine) => {
  let world: MessagingWorld
  beforeAll(async () => {
    world = await createMessagingWorld(engine)
  })
  afterAll(() => world?.close())
  beforeEach(() => world.reset())

  const inbound = (body: string, from = lead, providerMessageId?: string) =>
    world.run(
      Messaging.receiveInboundSms(
        world.sms.inboundWebhook({ from, body, ...(providerMessageId && { providerMessageId }) }),
      ),
    )
  const optedOut = async (phone: string) =>
    (await Effect.runPromise(world.services.suppression.optedOut([phone as never]))).has(phone as never)

  it('sends a text to a number as written, recording it with the provider id and a status callback', async () => {
    const message = await world.run(Messaging.sendSms({ to: '07700 900123', body: 'Hello from the team' }))
    expect(message).toMatchObject({ direction: 'outbound', status: 'queued', body: 'Hello from the team' })
    const [sent] = world.sms.outbox().slice(-1)
    expect(sent).toMatchObject({ to: lead, providerMessageId: message.providerMessageId })
    expect(sent?.statusCallbackUrl).toBe(
      `https://dialler.example.com/webhooks/sms/status?message=${message.id}`,
    )
    const [conversation] = await world.run(Messaging.listConversations())
    expect(conversation).toMatchObject({ phone: lead, unreadCount: 0, status: 'active' })
  })

  it('renders a template with the lead’s name', async () => {
    const message = await world.run(
      Messaging.sendSms({ to: lead, templateId: 'reminder', values: { firstName: 'Ann' } }),
    )
    expect(message.body).toBe('Hi Ann, a reminder from us.')
    expect(message.templateId).toBe('reminder')
  })

  it('refuses bad sends with a typed, explained error, writing nothing but the audit record', async () => {
    const before = world.sms.outbox().length
    await Effect.runPromise(
      world.services.suppression.recordOptOut('+447700900456' as E164, 'test', new Date()),
    )
    const refusals = [
      [{ to: 'not a number', body: 'x' }, 'InvalidPhoneNumber'],
      [{ to: '+44 20 7946 0000' }, 'InvalidSmsRequest'],
      [{ to: lead, templateId: 'nope' }, 'UnknownTemplate'],
      [{ to: lead, body: 'x'.repeat(700) }, 'MessageTooLong'],
      [{ to: '07700 900456', body: 'x' }, 'RecipientOptedOut'],
    ] as const
    for (const [request, tag] of refusals) {
      const error = await world.fail(Messaging.sendSms(request))
      expect(error).toMatchObject({ _tag: tag })
      expect((error as { message: string }).message).toMatch(/\w+: /)
    }
    expect(await world.count('sms_messages')).toBe(0)
    expect(await world.count('sms_conversations')).toBe(0)
    expect(world.sms.outbox().length).toBe(before)
    const audited = await world.audits('sms.refused')
    expect(audited.map((a) => a.detail.reason)).toEqual([
      'invalid_number:unparseable',
      'invalid:body',
      'UnknownTemplate',
      'MessageTooLong',
      'opted_out',
    ])
    expect(audited.at(-1)?.subject).toBe('phone:+447700900456')
    expect(JSON.stringify(audited)).not.toContain('xxxx')
  })

  it('links an inbound text to its lead and routes a callback request to agents, high first', async () => {
    await world.addPerson(1, '07700 900123', 'Ann')
    const outcome = await inbound('Can you call me back after 5?')
    expect(outcome.action).toBe('routed')
    expect(outcome.classification).toMatchObject({ intent: 'callback_request', priority: 'high' })
    expect(outcome.conversation).toMatchObject({ leadId: '1', priority: 'high', unreadCount: 1, phone: lead })
    expect(outcome.reply).toBeNull()
    await inbound('thanks', '+447700900124')
    const inbox = await world.run(Messaging.listConversations({ unreadOnly: true }))
    expect(inbox.map((c) => c.phone)).toEqual([lead, '+447700900124'])
    expect(inbox[1]?.leadId).toBeNull()
  })

  it('stores a retried webhook once and answers it once', async () => {
    const first = await inbound('HELP', lead, 'SMretry')
    const again = await inbound('HELP', lead, 'SMretry')
    expect(first.action).toBe('auto_replied')
    expect(again.action).toBe('duplicate')
    expect(await world.count("sms_messages where direction = 'inbound'")).toBe(1)
    expect(await world.count("sms_messages where direction = 'outbound'")).toBe(1)
  })

  it('opts out on STOP (one confirmation, then nothing), and back in on START', async () => {
    const stop = await inbound('  Stop. ')
    expect(stop.action).toBe('opted_out')
    expect(stop.conversation.status).toBe('opted_out')
    expect(stop.reply?.autoReply).toBe(true)
    expect(await optedOut(lead)).toBe(true)
    expect((await world.audits('sms.opted_out')).map((a) => a.subject)).toEqual([`phone:${lead}`])

    const sentBefore = world.sms.outbox().length
    expect(await world.fail(Messaging.sendSms({ to: lead, body: 'are you there?' }))).toMatchObject({
      _tag: 'RecipientOptedOut',
    })
    expect((await inbound('STOP')).reply).toBeNull()
    expect((await inbound('help')).reply).toBeNull()
    const thread = stop.conversation.id
    expect(
      await world.fail(
        Messaging.replyInConversation({
          conversationId: thread,
          agentId: await world.newAgent('a@x.io'),
          body: 'hi',
        }),
      ),
    ).toMatchObject({ _tag: 'RecipientOptedOut' })
    expect(await world.fail(Messaging.setConversationStatus(thread, 'active'))).toMatchObject({
      _tag: 'InvalidSmsRequest',
      field: 'status',
    })
    expect(world.sms.outbox().length).toBe(sentBefore)

    const start = await inbound('yes')
    expect(start.action).toBe('opted_in')
    expect(start.conversation.status).toBe('active')
    expect(await optedOut(lead)).toBe(false)
    expect(await world.run(Messaging.sendSms({ to: lead, body: 'welcome back' }))).toMatchObject({
      status: 'queued',
    })
  })

  it('refuses an unsigned or tampered inbound webhook, writing only the audit record', async () => {
    const request = world.sms.inboundWebhook({ from: lead, body: 'hello' })
    const unsigned = { ...request, headers: {} }
    expect(await world.fail(Messaging.receiveInboundSms(unsigned))).toMatchObject({
      _tag: 'WebhookRejected',
      reason: 'missing-signature',
    })
    const tampered = { ...request, body: request.body.replace('hello', 'STOP') }
    expect(await world.fail(Messaging.receiveInboundSms(tampered))).toMatchObject({ reason: 'bad-signature' })
    expect(await world.count('sms_messages')).toBe(0)
    expect(await world.count('sms_conversations')).toBe(0)
    expect(await optedOut(lead)).toBe(false)
    expect((await world.audits('sms.inbound_refused')).map((a) => a.detail.reason)).toEqual([
      'missing-signature',
      'bad-signature',
    ])
  })

  it('applies delivery reports idempotently and in any order', async () => {
    const message = await world.run(Messaging.sendSms({ to: lead, body: 'status test' }))
    const sent = world.sms.outbox().at(-1)
    const report = (status: 'sent' | 'delivered' | 'failed') =>
      world.run(
        Messaging.recordDeliveryStatus(
          world.sms.statusWebhook({
            callbackUrl: sent?.statusCallbackUrl ?? '',
            providerMessageId: sent?.providerMessageId ?? '',
            status,
          }),
        ),
      )
    expect((await report('delivered'))?.status).toBe('delivered')
    expect((await report('sent'))?.status).toBe('delivered')
    expect((await report('failed'))?.status).toBe('delivered')
    expect((await report('delivered'))?.id).toBe(message.id)
    const unknown = await world.run(
      Messaging.recordDeliveryStatus(
        world.sms.statusWebhook({
          callbackUrl: 'https://dialler.example.com/webhooks/sms/status',
          providerMessageId: 'SMunknown',
          status: 'sent',
        }),
      ),
    )
    expect(unknown).toBeNull()
  })

  it('marks a text the provider refused as failed, with its code', async () => {
    const error = await world.fail(Messaging.sendSms({ to: '+447700900999', body: 'unreachable' }))
    expect(error).toMatchObject({ _tag: 'MessagingError', providerCode: '30006' })
    const rows = await world.database.query<{ status: string; error_code: string }>(
      'select status, error_code from sms_messages',
    )
    expect(rows).toEqual([{ status: 'failed', error_code: '30006' }])
  })

  it('lets an agent take, answer and close a conversation', async () => {
    const agent = await world.newAgent('bo@example.com')
    const { conversation } = await inbound('I have a question about my claim')
    await world.run(Messaging.assignConversation(conversation.id, agent))
    const reply = await world.run(
      Messaging.replyInConversation({
        conversationId: conversation.id,
        agentId: agent,
        body: 'Happy to help',
      }),
    )
    expect(reply).toMatchObject({ sentBy: agent, autoReply: false })
    const { conversation: after, messages } = await world.run(Messaging.conversationThread(conversation.id))
    expect(after).toMatchObject({ assignedTo: agent, unreadCount: 0 })
    expect(after.lastAgentReplyAt).not.toBeNull()
    expect(messages.map((m) => m.direction)).toEqual(['inbound', 'outbound'])
    expect((await world.run(Messaging.setConversationStatus(conversation.id, 'closed'))).status).toBe(
      'closed',
    )
    expect(await world.fail(Messaging.conversationThread('nope'))).toMatchObject({
      _tag: 'InvalidSmsRequest',
      field: 'conversationId',
    })
  })

  it('keeps the opt-out in the suppression store, shared with calling', async () => {
    await inbound('UNSUBSCRIBE')
    const rows = await world.database.query<{ source: string }>('select source from opt_outs')
    expect(rows).toEqual([{ source: 'sms:unsubscribe' }])
    expect(Compliance.SuppressionStore.key).toBe('@ringlane/core/SuppressionStore')
  })
})
