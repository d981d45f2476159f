import { PGlite } from '@electric-sql/pglite'
import { type Leads, MagicLinks, Messaging } from '@ringlane/core'
import { type ClaimsSource, claimsLeadSource, migrateClaimsSource } from '@ringlane/core/claims'
import { createSimulatorMessaging } from '@ringlane/simulator'
import { Redacted } from 'effect'
import { Kysely, PGliteDialect } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from './audit-log.js'
import { connectDiallerStore } from './connection.js'
import { createPostgresMagicLinkStore } from './magic-link-store.js'
import { createPostgresMessagingStore } from './messaging-store.js'
import { createPostgresDiallerStore } from './store.js'

// The Promise API as the READMEs show it: plain async methods over the same programs.
describe('createMessaging and createMagicLinks (Promise API)', () => {
  const store = new PGlite()
  const sourceClient = new PGlite()
  const source = new Kysely<ClaimsSource>({ dialect: new PGliteDialect({ pglite: sourceClient }) })
  let leads: Leads.LeadSourceService
  let sms: Messaging.MessagingClient
  let links: MagicLinks.MagicLinksClient
  const provider = createSimulatorMessaging({
    secret: Redacted.make('facade-secret'),
    publicBaseUrl: 'https://dialler.example.com',
  })

  beforeAll(async () => {
    await migrateClaimsSource(source as Kysely<unknown>)
    await source
      .insertInto('users')
      .values({
        id: 1,
        first_name: 'Ann',
        last_name: 'Lee',
        email: null,
        phone_number: '+44 7700 900123',
        is_enabled: true,
        current_user_address_id: null,
        current_signature_file_id: null,
        created_at: new Date('2026-01-01T09:00:00Z'),
      })
      .execute()
    leads = claimsLeadSource(source)
    const diallerStore = await createPostgresDiallerStore({ client: store })
    const audit = auditLog(connectDiallerStore(store))
    const messagingOptions = {
      provider,
      store: await createPostgresMessagingStore({ client: store }),
      diallerStore,
      settings: { allowFictionalNumbers: true, companyPhone: '020 7946 0000' },
    }
    sms = await Messaging.createMessaging({ ...messagingOptions, audit, source: leads })
    links = await MagicLinks.createMagicLinks({
      store: await createPostgresMagicLinkStore({ client: store }),
      audit,
      source: leads,
      sms: messagingOptions,
      settings: { baseUrl: 'https://portal.example.com' },
    })
  })
  afterAll(async () => {
    await sms?.dispose()
    await links?.dispose()
    await source.destroy()
    await store.close()
  })

  it('texts a link that opens once verified, and a STOP ends texting', async () => {
    const sent = await links.sendBySms({ leadId: '1', linkType: 'claim_portal' })
    expect(sent.message.body).toContain('Hi Ann')
    const token = new URL(Redacted.value(sent.url)).searchParams.get('token') ?? ''
    expect(await links.verify({ token, userAgent: 'test', ip: null })).toMatchObject({ accessCount: 1 })
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    await expect(links.verify({ token: tampered, ip: null })).rejects.toMatchObject({
      _tag: 'MagicLinkRejected',
    })

    const outcome = await sms.receiveInboundSms(
      provider.inboundWebhook({ from: '+447700900123', body: 'STOP' }),
    )
    expect(outcome).toMatchObject({ action: 'opted_out', conversation: { leadId: '1', status: 'opted_out' } })
    await expect(sms.sendSms({ to: '07700 900123', body: 'hello?' })).rejects.toMatchObject({
      _tag: 'RecipientOptedOut',
    })
    await expect(links.sendBySms({ leadId: '1', linkType: 'claim_portal' })).rejects.toMatchObject({
      _tag: 'RecipientOptedOut',
    })
    expect((await sms.listConversations())[0]?.status).toBe('opted_out')
  })

  it('rejects bad settings at start, naming the field', async () => {
    await expect(
      MagicLinks.createMagicLinks({
        store: await createPostgresMagicLinkStore({ client: store }),
        audit: auditLog(connectDiallerStore(store)),
        settings: { baseUrl: 'http://portal.example.com' },
      }),
    ).rejects.toMatchObject({ _tag: 'InvalidMagicLinkSettings', field: 'baseUrl' })
    await expect(
      Messaging.createMessaging({
        provider,
        store: await createPostgresMessagingStore({ client: store }),
        diallerStore: await createPostgresDiallerStore({ client: store }),
        audit: auditLog(connectDiallerStore(store)),
        settings: {
          autoReplies: { opt_out: null, opt_in: null, confirmation: null, help: 'Call {{companyPhone}}' },
        },
      }),
    ).rejects.toMatchObject({ _tag: 'InvalidMessagingSettings', field: 'companyPhone' })
  })
})
