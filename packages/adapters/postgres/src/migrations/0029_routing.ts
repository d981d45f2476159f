import { type Kysely, sql } from 'kysely'

// Routing (docs/decisions/0028-routing.md): live-call queues, agents' skills and languages, and each
// call's stay in a queue (the rows SLA is computed from). Two partial unique indexes carry the
// compare-and-set the routing round relies on across instances: one open contact per call, and one
// reservation per agent.
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('routing_queues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // The queue's settings and rule steps as core's RoutingQueue schema decodes them.
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .execute()
  await db.schema
    .createTable('routing_agent_skills')
    .addColumn('agent_id', 'uuid', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('skills', 'jsonb', (c) => c.notNull())
    .addColumn('languages', sql`text[]`, (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('queue_contacts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // No foreign key: a deleted queue's contacts stay as its SLA history.
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('provider_call_id', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('attributes', 'jsonb', (c) => c.notNull())
    .addColumn('preferred_agent_id', 'uuid')
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('enqueued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reserved_agent_id', 'uuid')
    .addColumn('reserved_until', 'timestamptz')
    .addColumn('lapsed_agent_ids', sql`uuid[]`, (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('abandoned_at', 'timestamptz')
    .addColumn('overflowed_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('agent_id', 'uuid')
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(sql`state in ('waiting', 'reserved', 'connected', 'abandoned', 'overflowed', 'ended')`),
    )
    .addCheckConstraint(
      'queue_contacts_reservation',
      sql`(state = 'reserved') = (reserved_agent_id is not null and reserved_until is not null)`,
    )
    .execute()
  await sql`create unique index queue_contacts_open_call on queue_contacts (call_id) where state in ('waiting', 'reserved')`.execute(
    db,
  )
  await sql`create unique index queue_contacts_reserved_agent on queue_contacts (reserved_agent_id) where state = 'reserved'`.execute(
    db,
  )
  await sql`create index queue_contacts_open on queue_contacts (queue_id, priority desc, enqueued_at) where state in ('waiting', 'reserved')`.execute(
    db,
  )
  await db.schema
    .createIndex('queue_contacts_enqueued')
    .on('queue_contacts')
    .columns(['enqueued_at'])
    .execute()
  await db.schema.createIndex('queue_contacts_call').on('queue_contacts').columns(['call_id']).execute()
  await db.schema
    .createIndex('queue_contacts_answered_agent')
    .on('queue_contacts')
    .columns(['agent_id', 'ended_at'])
    .where(sql.ref('agent_id'), 'is not', null)
    .execute()
}
