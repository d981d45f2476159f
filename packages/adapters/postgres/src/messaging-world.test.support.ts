import { PGlite } from '@electric-sql/pglite'
import { type ClaimsSource, claimsLeadSource, claimsLinkTypes, migrateClaimsSource } from '@ringlane/claims'
import { Audit, Compliance, Leads, MagicLinks, Messaging } from '@ringlane/core'
import { createSimulatorMessaging, type SimulatorMessaging } from '@ringlane/simulator'
import { createTestPostgres, type TestPostgres } from '@ringlane/test-database'
import { Cause, type Effect, Exit, Layer, ManagedRuntime, Redacted } from 'effect'
import { Kysely, PGliteDialect } from 'kysely'
import { auditLog } from './audit-log.js'
import { connectDiallerStore } from './connection.js'
import { magicLinkStore } from './magic-link-store.js'
import { messagingStore } from './messaging-store.js'
import { addAgent, countRows, insertPerson, resetStore } from './postgres.test.support.js'
import type { DiallerDatabase } from './schema.js'
import { createPostgresStores } from './stores.js'

/**
 * Messaging and magic links end to end: a real store (server Postgres when configured, else PGlite),
 * a PGlite claims source, the simulator as SMS provider, and the real audit log.
 */
export const createMessagingWorld = async (engine: 'pglite' | 'postgres') => {
  const database: TestPostgres = await createTestPostgres(engine)
  const stores = await createPostgresStores({ client: database.client })
  const db = connectDiallerStore<DiallerDatabase>(database.client)
  const sourceClient = new PGlite()
  const source = new Kysely<ClaimsSource>({ dialect: new PGliteDialect({ pglite: sourceClient }) })
  await migrateClaimsSource(source as Kysely<unknown>)
  const sms: SimulatorMessaging = createSimulatorMessaging({
    secret: Redacted.make('world-secret'),
    publicBaseUrl: 'https://dialler.example.com',
    refuse: (to) => (to === '+447700900999' ? '30006' : null),
  })
  const services = {
    suppression: stores.suppression,
    messages: messagingStore(db),
    links: magicLinkStore(db),
    audit: auditLog(db),
    source: claimsLeadSource(source),
  }
  const layer = Layer.mergeAll(
    Layer.succeed(Compliance.SuppressionStore, services.suppression),
    Layer.succeed(Messaging.MessagingStore, services.messages),
    Layer.succeed(Messaging.Messaging, sms),
    Layer.succeed(Audit.AuditLog, services.audit),
    Layer.succeed(Leads.LeadSource, services.source),
    MagicLinks.magicLinksConfigLayer({ baseUrl: 'https://portal.example.com', linkTypes: claimsLinkTypes }),
    Layer.succeed(MagicLinks.MagicLinkStore, services.links),
    Messaging.messagingConfigLayer({
      allowFictionalNumbers: true,
      statusCallbackUrl: 'https://dialler.example.com/webhooks/sms/status',
      templates: { reminder: 'Hi {{firstName|there}}, a reminder from us.' },
    }),
  )
  const runtime = ManagedRuntime.make(layer)
  const run = async <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>): Promise<A> => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    throw Cause.squash(exit.cause)
  }
  const fail = async <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) throw new Error('expected a refusal, got success')
    return Cause.squash(exit.cause) as E
  }
  const count = (table: string) => countRows(database, table)
  const audits = (action: string) =>
    database.query<{ subject: string; detail: Record<string, unknown>; actor: string }>(
      'select subject, detail, actor from audit_log where action = $1 order by at',
      [action],
    )
  const addPerson = (id: number, phone: string, firstName = `P${id}`) =>
    insertPerson(source, id, {
      first_name: firstName,
      phone_number: phone,
      created_at: new Date('2026-01-01T09:00:00Z'),
    })
  const newAgent = (email: string) => addAgent(stores.agents, email)
  return {
    database,
    source,
    sms,
    services,
    run,
    fail,
    count,
    audits,
    addPerson,
    newAgent,
    reset: async () => {
      await resetStore(database)
      await source.deleteFrom('users').execute()
    },
    close: async () => {
      await runtime.dispose()
      await source.destroy()
      await database.close()
    },
  }
}

export type MessagingWorld = Awaited<ReturnType<typeof createMessagingWorld>>
