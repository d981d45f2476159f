import { Routing } from '@ringlane/core'
import { Either, Option, ParseResult, Schema } from 'effect'
import { type Kysely, type Selectable, sql } from 'kysely'
import { attemptWith, dateOrNull, isUniqueViolation, isUuid } from './rows.js'
import type { DiallerDatabase } from './schema.js'

type ContactRow = Selectable<DiallerDatabase['queue_contacts']>
type QueueContact = Routing.QueueContact

const attempt = attemptWith(Routing.RoutingStoreError, 'routing store')
const decodeQueue = Schema.decodeUnknownEither(Routing.RoutingQueue)
const decodeSkills = Schema.decodeUnknownEither(Routing.AgentSkills)
const decodeContact = Schema.decodeUnknownEither(Routing.QueueContact)

// Rows are decoded like outside input: one edited by hand into nonsense fails loudly, not routes calls.
const decoded = <A>(what: string, result: Either.Either<A, ParseResult.ParseError>): A => {
  if (Either.isLeft(result))
    throw new Error(`${what} is stored wrongly: ${ParseResult.TreeFormatter.formatErrorSync(result.left)}`)
  return result.right
}

const toQueue = (row: { id: string; definition: unknown; version: number }) =>
  decoded(
    `routing queue ${row.id}`,
    decodeQueue({ ...(row.definition as object), id: row.id, version: row.version }),
  )

const toContact = (row: ContactRow): QueueContact =>
  decoded(
    `queue contact ${row.id}`,
    decodeContact({
      id: row.id,
      queueId: row.queue_id,
      callId: row.call_id,
      providerCallId: row.provider_call_id,
      direction: row.direction,
      attributes: row.attributes,
      preferredAgentId: row.preferred_agent_id,
      priority: row.priority,
      enqueuedAt: new Date(row.enqueued_at),
      reservedAgentId: row.reserved_agent_id,
      reservedUntil: dateOrNull(row.reserved_until),
      lapsedAgentIds: row.lapsed_agent_ids,
      answeredAt: dateOrNull(row.answered_at),
      abandonedAt: dateOrNull(row.abandoned_at),
      overflowedAt: dateOrNull(row.overflowed_at),
      endedAt: dateOrNull(row.ended_at),
      agentId: row.agent_id,
      state: row.state,
    }),
  )

const columnsOf = (contact: QueueContact) => ({
  queue_id: contact.queueId,
  call_id: contact.callId,
  provider_call_id: contact.providerCallId,
  direction: contact.direction,
  attributes: JSON.stringify(contact.attributes),
  preferred_agent_id: contact.preferredAgentId,
  priority: contact.priority,
  enqueued_at: contact.enqueuedAt,
  reserved_agent_id: contact.reservedAgentId,
  reserved_until: contact.reservedUntil,
  lapsed_agent_ids: [...contact.lapsedAgentIds],
  answered_at: contact.answeredAt,
  abandoned_at: contact.abandonedAt,
  overflowed_at: contact.overflowedAt,
  ended_at: contact.endedAt,
  agent_id: contact.agentId,
  state: contact.state,
})

const openStates = ['waiting', 'reserved'] as const

/** Live-call queues, agents' skills and queue contacts over a Kysely instance on Postgres or PGlite. */
export const routingStore = (db: Kysely<DiallerDatabase>): Routing.RoutingStoreService => ({
  saveQueue: (queue) =>
    attempt('save a routing queue', async () => {
      const { id, version, ...definition } = Schema.encodeSync(Routing.RoutingQueue)(queue)
      const row = await db
        .insertInto('routing_queues')
        .values({ id, name: queue.name, definition: JSON.stringify(definition), version })
        .onConflict((c) =>
          c.column('id').doUpdateSet({ name: queue.name, definition: JSON.stringify(definition), version }),
        )
        .returningAll()
        .executeTakeFirstOrThrow()
      return toQueue(row)
    }),
  findQueue: (queueId) =>
    attempt('find a routing queue', async () => {
      const row = await db
        .selectFrom('routing_queues')
        .selectAll()
        .where('id', '=', queueId)
        .executeTakeFirst()
      return row ? Option.some(toQueue(row)) : Option.none()
    }),
  listQueues: () =>
    attempt('list routing queues', async () =>
      (await db.selectFrom('routing_queues').selectAll().orderBy('name').orderBy('id').execute()).map(
        toQueue,
      ),
    ),
  deleteQueue: (queueId) =>
    attempt('delete a routing queue', async () => {
      const result = await db.deleteFrom('routing_queues').where('id', '=', queueId).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    }),
  setAgentSkills: (skills) =>
    attempt('set an agent’s skills', async () => {
      const values = { skills: JSON.stringify(skills.skills), languages: [...skills.languages] }
      await db
        .insertInto('routing_agent_skills')
        .values({ agent_id: skills.agentId, ...values })
        .onConflict((c) => c.column('agent_id').doUpdateSet(values))
        .execute()
    }),
  agentSkills: () =>
    attempt('read agents’ skills', async () =>
      (await db.selectFrom('routing_agent_skills').selectAll().orderBy('agent_id').execute()).map((row) =>
        decoded(
          `skills of agent ${row.agent_id}`,
          decodeSkills({ agentId: row.agent_id, skills: row.skills, languages: row.languages }),
        ),
      ),
    ),
  addContact: (contact, maxOpen) =>
    attempt('add a queue contact', () =>
      db.transaction().execute(async (tx) => {
        if (maxOpen !== null) {
          // The queue's row, locked, makes "count then insert" one step across instances.
          await tx
            .selectFrom('routing_queues')
            .select('id')
            .where('id', '=', contact.queueId)
            .forUpdate()
            .execute()
          const open = await tx
            .selectFrom('queue_contacts')
            .select(sql<number>`count(*)::int`.as('n'))
            .where('queue_id', '=', contact.queueId)
            .where('state', 'in', openStates)
            .executeTakeFirstOrThrow()
          if (open.n >= maxOpen) return { _tag: 'Full' as const }
        }
        const inserted = await tx
          .insertInto('queue_contacts')
          .values({ id: contact.id, ...columnsOf(contact) })
          .onConflict((c) => c.column('call_id').where('state', 'in', openStates).doNothing())
          .returningAll()
          .executeTakeFirst()
        if (inserted) return { _tag: 'Added' as const, contact: toContact(inserted) }
        const queued = await tx
          .selectFrom('queue_contacts')
          .selectAll()
          .where('call_id', '=', contact.callId)
          .where('state', 'in', openStates)
          .executeTakeFirstOrThrow()
        return { _tag: 'AlreadyQueued' as const, contact: toContact(queued) }
      }),
    ),
  contactForCall: (callId) =>
    attempt('find a call’s queue contact', async () => {
      const row = await db
        .selectFrom('queue_contacts')
        .selectAll()
        .where('call_id', '=', callId)
        .orderBy('enqueued_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst()
      return row ? Option.some(toContact(row)) : Option.none()
    }),
  openContacts: (queueId) =>
    attempt('list open queue contacts', async () => {
      let query = db.selectFrom('queue_contacts').selectAll().where('state', 'in', openStates)
      if (queueId !== undefined) query = query.where('queue_id', '=', queueId)
      return (await query.orderBy('priority', 'desc').orderBy('enqueued_at').orderBy('id').execute()).map(
        toContact,
      )
    }),
  contacts: ({ queueId, since, until }) =>
    attempt('list queue contacts', async () => {
      let query = db
        .selectFrom('queue_contacts')
        .selectAll()
        .where('enqueued_at', '>=', since)
        .where('enqueued_at', '<', until)
      if (queueId !== undefined) query = query.where('queue_id', '=', queueId)
      return (await query.orderBy('enqueued_at').orderBy('id').execute()).map(toContact)
    }),
  agentContactsSince: (since) =>
    attempt('read agents’ recent calls', async () =>
      (
        await db
          .selectFrom('queue_contacts')
          .selectAll()
          .where('agent_id', 'is not', null)
          .where('answered_at', 'is not', null)
          .where((eb) => eb.or([eb('state', '=', 'connected'), eb('ended_at', '>=', since)]))
          .orderBy('answered_at')
          .orderBy('id')
          .execute()
      ).map(toContact),
    ),
  moveContact: (from, to) =>
    attempt('move a queue contact', async () => {
      if (!isUuid(from.id)) return Option.none()
      try {
        const row = await db
          .updateTable('queue_contacts')
          .set(columnsOf(to))
          .where('id', '=', from.id)
          .where('state', '=', from.state)
          .where(sql<boolean>`reserved_agent_id is not distinct from ${from.reservedAgentId}::uuid`)
          .returningAll()
          .executeTakeFirst()
        return row ? Option.some(toContact(row)) : Option.none()
      } catch (cause) {
        // Another contact holds this agent's reservation (on any instance): the reservation is not taken.
        if (isUniqueViolation(cause, 'queue_contacts_reserved_agent')) return Option.none()
        throw cause
      }
    }),
  reservedAgents: () =>
    attempt('list reserved agents', async () =>
      (
        await db
          .selectFrom('queue_contacts')
          .select('reserved_agent_id')
          .where('state', '=', 'reserved')
          .execute()
      ).flatMap((row) => (row.reserved_agent_id === null ? [] : [row.reserved_agent_id])),
    ),
})
