import { type E164, MagicLinks, Messaging } from '@ringlane/core'
import { postgresEngines } from '@ringlane/test-database'
import { Effect, Redacted } from 'effect'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createMessagingWorld, type MessagingWorld } from './messaging-world.test.support.js'

const tokenOf = (url: Redacted.Redacted<string>) =>
  new URL(Redacted.value(url)).searchParams.get('token') ?? ''

describe.each(postgresEngines())('magic links end to end on %s', (engine) => {
  let world: MessagingWorld
  beforeAll(async () => {
    world = await createMessagingWorld(engine)
  })
  afterAll(() => world?.close())
  beforeEach(() => world.reset())

  const issue = (extra: Partial<MagicLinks.IssueLinkRequest> = {}) =>
    world.run(MagicLinks.issueMagicLink({ leadId: '1', linkType: 'document_upload', ...extra }))
  const open = (token: string) =>
    world.run(MagicLinks.verifyMagicLink({ token, userAgent: 'Mobile Safari', ip: '203.0.113.7' }))
  const refusedOpen = (token: string) =>
    world.fail(MagicLinks.verifyMagicLink({ token, userAgent: 'Mobile Safari', ip: '203.0.113.7' }))

  it('issues a 24-hour link on the configured URL and stores only the token’s hash', async () => {
    const issued = await issue()
    const url = Redacted.value(issued.url)
    expect(url).toMatch(/^https:\/\/portal\.example\.com\/claim\/requirements\?token=[A-Za-z0-9_-]{43}$/)
    expect(String(issued.url)).not.toContain(tokenOf(issued.url))
    expect(+issued.link.expiresAt - +issued.link.issuedAt).toBe(24 * 3600_000)
    const [row] = await world.database.query<Record<string, unknown>>('select * from magic_links')
    expect(JSON.stringify(row)).not.toContain(tokenOf(issued.url))
    expect(row?.token_hash).toBe(await Effect.runPromise(MagicLinks.hashLinkToken(tokenOf(issued.url))))
    expect((await world.audits('magic_link.issued')).map((a) => a.subject)).toEqual(['lead:1'])
  })

  it('opens a link, tracking count, first and last access, user agent and IP', async () => {
    const issued = await issue()
    const first = await open(tokenOf(issued.url))
    const second = await open(tokenOf(issued.url))
    expect(first).toMatchObject({ leadId: '1', linkType: 'document_upload', accessCount: 1 })
    expect(second).toMatchObject({ accessCount: 2, lastUserAgent: 'Mobile Safari', lastIp: '203.0.113.7' })
    expect(second.firstAccessedAt).toEqual(first.firstAccessedAt)
  })

  it('refuses expired, revoked and used links with the reason, and audits each refusal', async () => {
    const expired = await issue()
    await world.database.query(
      "update magic_links set expires_at = now() - interval '1 second' where id = $1",
      [expired.link.id],
    )
    expect(await refusedOpen(tokenOf(expired.url))).toMatchObject({
      _tag: 'MagicLinkRejected',
      reason: 'expired',
    })

    const revoked = await issue()
    const withdrawn = await world.run(
      MagicLinks.revokeMagicLink({ linkId: revoked.link.id, reason: 'sent to the wrong number' }),
    )
    expect(withdrawn).toMatchObject({ revokedReason: 'sent to the wrong number' })
    expect(await refusedOpen(tokenOf(revoked.url))).toMatchObject({ reason: 'revoked' })
    expect(
      await world.fail(MagicLinks.revokeMagicLink({ linkId: revoked.link.id, reason: '' })),
    ).toMatchObject({
      _tag: 'InvalidMagicLinkRequest',
      field: 'reason',
    })

    const once = await issue({ singleUse: true })
    await open(tokenOf(once.url))
    expect(await refusedOpen(tokenOf(once.url))).toMatchObject({ reason: 'used' })

    const rejected = await world.audits('magic_link.rejected')
    expect(rejected.map((a) => a.detail.reason)).toEqual(['expired', 'revoked', 'used'])
    expect(rejected[0]).toMatchObject({ actor: 'public', subject: `link:${expired.link.id}` })
    expect(rejected[0]?.detail.ip).toBe('203.0.113.7')
    const counts = await world.database.query<{ access_count: number }>(
      'select access_count from magic_links order by issued_at',
    )
    expect(counts.map((c) => c.access_count)).toEqual([0, 0, 1])
  })

  it('rejects every mutated token, changing nothing but the audit log', async () => {
    const issued = await issue()
    const token = tokenOf(issued.url)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const mutation = fc.oneof(
      fc
        .tuple(fc.nat({ max: 42 }), fc.constantFrom(...alphabet))
        .filter(([at, c]) => token[at] !== c)
        .map(([at, c]) => token.slice(0, at) + c + token.slice(at + 1)),
      fc.nat({ max: 42 }).map((at) => token.slice(0, at) + token.slice(at + 1)),
      fc.string({ minLength: 1, maxLength: 3 }).map((extra) => token + extra),
      fc.string({ maxLength: 60 }).filter((other) => other !== token),
    )
    let attempts = 0
    await fc.assert(
      fc.asyncProperty(mutation, async (mutated) => {
        attempts++
        const error = await refusedOpen(mutated)
        expect(error).toMatchObject({ _tag: 'MagicLinkRejected' })
        expect(['malformed', 'unknown']).toContain((error as MagicLinks.MagicLinkRejected).reason)
      }),
      { numRuns: 40 },
    )
    const [row] = await world.database.query<{ access_count: number }>('select access_count from magic_links')
    expect(row?.access_count).toBe(0)
    expect(await world.count("audit_log where action = 'magic_link.rejected'")).toBe(attempts)
    expect(await open(token)).toMatchObject({ accessCount: 1 })
  })

  it('refuses an unknown link type or a too-long life, writing nothing but the audit record', async () => {
    expect(await world.fail(MagicLinks.issueMagicLink({ leadId: '1', linkType: 'sign_here' }))).toMatchObject(
      {
        _tag: 'UnknownLinkType',
        field: 'linkType',
        known: ['first_login', 'claim_portal', 'document_upload', 'claim_completion', 'verification'],
      },
    )
    expect(
      await world.fail(
        MagicLinks.issueMagicLink({ leadId: '1', linkType: 'verification', expiresInMinutes: 10 ** 7 }),
      ),
    ).toMatchObject({ _tag: 'InvalidMagicLinkRequest', field: 'expiresInMinutes' })
    expect(
      await world.fail(MagicLinks.issueMagicLink({ leadId: 'a b', linkType: 'verification' })),
    ).toMatchObject({
      _tag: 'InvalidMagicLinkRequest',
      field: 'leadId',
    })
    expect(await world.count('magic_links')).toBe(0)
    expect((await world.audits('magic_link.refused')).map((a) => a.detail.reason)).toEqual([
      'unknown_link_type',
      'invalid:expiresInMinutes',
      'invalid:leadId',
    ])
  })

  it('texts a link to the lead in one step, in the lead’s conversation', async () => {
    await world.addPerson(1, '07700 900123', 'Ann')
    const agent = await world.newAgent('ag@example.com')
    const sent = await world.run(
      MagicLinks.sendMagicLinkSms({ leadId: '1', linkType: 'document_upload', issuedBy: agent }),
    )
    expect(sent.message.body).toBe(
      `Hi Ann, please upload the documents your claim still needs here: ${Redacted.value(sent.url)}`,
    )
    expect(sent.message).toMatchObject({
      templateId: 'link:document_upload',
      sentBy: agent,
      status: 'queued',
    })
    expect(sent.link.issuedBy).toBe(agent)
    const [conversation] = await world.run(Messaging.listConversations())
    expect(conversation).toMatchObject({ leadId: '1', phone: '+447700900123' })
  })

  it('issues no link for an opted-out lead or a provider failure leaves it revoked', async () => {
    await world.addPerson(1, '07700 900123')
    await world.addPerson(2, '07700 900999')
    await Effect.runPromise(
      world.services.suppression.recordOptOut('+447700900123' as E164, 'test', new Date()),
    )
    expect(
      await world.fail(MagicLinks.sendMagicLinkSms({ leadId: '1', linkType: 'verification' })),
    ).toMatchObject({ _tag: 'RecipientOptedOut' })
    expect(await world.count('magic_links')).toBe(0)
    expect((await world.audits('magic_link.refused')).map((a) => a.detail.reason)).toEqual(['opted_out'])
    // The simulator refuses +447700900999: nobody got the link, so it must not work.
    expect(
      await world.fail(MagicLinks.sendMagicLinkSms({ leadId: '2', linkType: 'verification' })),
    ).toMatchObject({
      _tag: 'MessagingError',
    })
    const [row] = await world.database.query<{ revoked_reason: string }>(
      'select revoked_reason from magic_links',
    )
    expect(row?.revoked_reason).toBe('the SMS carrying it was not sent')
  })

  it('reports sent, opened and converted links by type, agent and day', async () => {
    await world.addPerson(1, '07700 900123')
    const agent = await world.newAgent('an@example.com')
    const completion = await issue({ linkType: 'claim_completion', issuedBy: agent })
    await issue({ linkType: 'verification' })
    await open(tokenOf(completion.url))
    expect(await world.run(MagicLinks.trackLinkConversions)).toEqual({ checked: 1, converted: 0 })
    // The person signs: the source now says the unsigned queue's work is done.
    await world.source
      .updateTable('users')
      .set({ current_signature_file_id: 99 })
      .where('id', '=', 1)
      .execute()
    expect(await world.run(MagicLinks.trackLinkConversions)).toEqual({ checked: 1, converted: 1 })
    const now = Date.now()
    const report = await world.run(
      MagicLinks.magicLinkAnalytics({ since: new Date(now - 3600_000), until: new Date(now + 3600_000) }),
    )
    expect(report.total).toMatchObject({
      sent: 2,
      accessed: 1,
      converted: 1,
      accessRate: 0.5,
      conversionRate: 1,
    })
    expect(report.byType.map((t) => [t.linkType, t.accessRate])).toEqual([
      ['claim_completion', 1],
      ['verification', 0],
    ])
    expect(report.byAgent).toContainEqual(expect.objectContaining({ agentId: agent, sent: 1, converted: 1 }))
    expect(report.byDay.reduce((sum, day) => sum + day.sent, 0)).toBe(2)
  })
})
