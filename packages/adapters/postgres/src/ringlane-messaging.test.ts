import { PGlite } from '@electric-sql/pglite'
import { type ClaimsSource, claimsLeadSource, claimsLinkTypes, migrateClaimsSource } from '@ringlane/claims'
import { createRinglane, type Leads, type Ringlane } from '@ringlane/core'
import { createSimulatorMessaging } from '@ringlane/simulator'
import { Redacted } from 'effect'
import { Kysely, PGliteDialect } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertPerson } from './postgres.test.support.js'
import { createPostgresStores, type PostgresStores } from './stores.js'

// The Promise API as the READMEs show it, for a user who only texts: the stores SMS needs (suppression,
// messages, links, audit), a source and a provider; no agents, queues or telephony.
describe('ringlane.messaging and ringlane.magicLinks (Promise API), SMS only', () => {
  const store = new PGlite()
  const sourceClient = new PGlite()
  const source = new Kysely<ClaimsSource>({ dialect: new PGliteDialect({ pglite: sourceClient }) })
  let leads: Leads.LeadSourceService
  let stores: PostgresStores
  let ringlane: Ringlane
  const provider = createSimulatorMessaging({
    secret: Redacted.make('facade-secret'),
    publicBaseUrl: 'https://dialler.example.com',
  })

  beforeAll(async () => {
    await migrateClaimsSource(source as Kysely<unknown>)
    await insertPerson(source, 1, {
      first_name: 'Ann',
      last_name: 'Lee',
      phone_number: '+44 7700 900123',
      created_at: new Date('2026-01-01T09:00:00Z'),
    })
    leads = claimsLeadSource(source)
    stores = await createPostgresStores({ client: store })
    const { suppression, messaging, magicLinks, audit } = stores
    ringlane = await createRinglane({
      stores: { suppression, messaging, magicLinks, audit },
      source: leads,
      sms: { provider, settings: { allowFictionalNumbers: true, companyPhone: '020 7946 0000' } },
      magicLinks: { settings: { baseUrl: 'https://portal.example.com', linkTypes: claimsLinkTypes } },
    })
  })
  afterAll(async () => {
    await ringlane?.dispose()
    await source.destroy()
    await store.close()
  })

  it('texts a link that opens once verified, and a STOP ends texting', async () => {
    const sent = await ringlane.magicLinks.sendBySms({ leadId: '1', linkType: 'claim_portal' })
    expect(sent.message.body).toContain('Hi Ann')
    const token = new URL(Redacted.value(sent.url)).searchParams.get('token') ?? ''
    expect(await ringlane.magicLinks.verify({ token, userAgent: 'test', ip: null })).toMatchObject({
      accessCount: 1,
    })
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    await expect(ringlane.magicLinks.verify({ token: tampered, ip: null })).rejects.toMatchObject({
      _tag: 'MagicLinkRejected',
    })

    const outcome = await ringlane.messaging.receive(
      provider.inboundWebhook({ from: '+447700900123', body: 'STOP' }),
    )
    expect(outcome).toMatchObject({ action: 'opted_out', conversation: { leadId: '1', status: 'opted_out' } })
    await expect(ringlane.messaging.send({ to: '07700 900123', body: 'hello?' })).rejects.toMatchObject({
      _tag: 'RecipientOptedOut',
    })
    await expect(
      ringlane.magicLinks.sendBySms({ leadId: '1', linkType: 'claim_portal' }),
    ).rejects.toMatchObject({
      _tag: 'RecipientOptedOut',
    })
    expect((await ringlane.messaging.conversations())[0]?.status).toBe('opted_out')
  })

  it('pages the inbox by cursor, most urgent first, and refuses a cursor it did not make', async () => {
    // Three people text: a callback request (urgent), then two ordinary texts.
    for (const [from, body] of [
      ['+447700900201', 'Please call me back'],
      ['+447700900202', 'thanks'],
      ['+447700900203', 'ok'],
    ] as const)
      await ringlane.messaging.receive(provider.inboundWebhook({ from, body }))
    const all = await ringlane.messaging.conversations({ limit: 500 })
    const first = await ringlane.messaging.pageConversations({ limit: 2 })
    expect(first.items.map((c) => c.id)).toEqual(all.slice(0, 2).map((c) => c.id))
    expect(first.items[0]?.priority).toBe('high')
    const rest = await ringlane.messaging.pageConversations({ limit: 500, cursor: first.nextCursor ?? '' })
    expect(rest.nextCursor).toBeNull()
    expect([...first.items, ...rest.items].map((c) => c.id)).toEqual(all.map((c) => c.id))
    for (const cursor of ['not-a-cursor', `${first.nextCursor}x`])
      await expect(ringlane.messaging.pageConversations({ cursor })).rejects.toMatchObject({
        _tag: 'InvalidCursor',
        field: 'cursor',
      })
    await expect(ringlane.messaging.pageConversations({ limit: 0 })).rejects.toMatchObject({
      _tag: 'InvalidSmsRequest',
      field: 'limit',
    })
  })

  it('says what an SMS-only setup lacks when asked to dial', async () => {
    await expect(ringlane.queues.claimNext('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      _tag: 'NotConfigured',
      missing: ['stores.agents', 'stores.queues', 'stores.history'],
    })
  })

  it('rejects bad settings at start, naming the field', async () => {
    await expect(
      createRinglane({
        stores,
        magicLinks: { settings: { baseUrl: 'http://portal.example.com', linkTypes: claimsLinkTypes } },
      }),
    ).rejects.toMatchObject({ _tag: 'InvalidMagicLinkSettings', field: 'baseUrl' })
    await expect(
      createRinglane({
        stores,
        sms: {
          provider,
          settings: {
            autoReplies: { opt_out: null, opt_in: null, confirmation: null, help: 'Call {{companyPhone}}' },
          },
        },
      }),
    ).rejects.toMatchObject({ _tag: 'InvalidMessagingSettings', field: 'companyPhone' })
    await expect(createRinglane({ stores, settings: { maxAttemptsPerDay: 0 } })).rejects.toMatchObject({
      _tag: 'InvalidSettings',
      field: 'maxAttemptsPerDay',
    })
  })
})
