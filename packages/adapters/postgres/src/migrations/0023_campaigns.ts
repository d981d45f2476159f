import { type Kysely, sql } from 'kysely'

// Campaigns (docs/decisions/0021-campaigns.md): what the engine dials and how, one row each, and the
// agents who work them. The bounds that depend on compliance profiles are checked in core before a
// write; the checks here keep a row the engine reads from ever being nonsense.
export const up = async (db: Kysely<unknown>) => {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('queues', sql`text[]`, (c) => c.notNull())
    .addColumn('dial_mode', 'text', (c) =>
      c.notNull().check(sql`dial_mode in ('preview', 'progressive', 'predictive')`),
    )
    .addColumn('abandon_target_percent', 'double precision', (c) =>
      c.notNull().check(sql`abandon_target_percent between 0 and 100`),
    )
    .addColumn('abandon_window_hours', 'integer', (c) => c.notNull().check(sql`abandon_window_hours > 0`))
    .addColumn('max_lines_per_agent', 'double precision', (c) =>
      c.notNull().check(sql`max_lines_per_agent between 1 and 5`),
    )
    .addColumn('min_agents_for_predictive', 'integer', (c) => c.notNull())
    .addColumn('caller_id', 'text', (c) => c.notNull())
    .addColumn('ring_timeout_seconds', 'integer', (c) => c.notNull().check(sql`ring_timeout_seconds >= 15`))
    .addColumn('answering_machine', 'text', (c) => c.notNull())
    .addColumn('abandon_message', 'jsonb', (c) => c.notNull())
    .addColumn('machine_message', 'jsonb')
    .addColumn('compliance_profiles', sql`text[]`, (c) => c.notNull())
    .addColumn('wrap_up_seconds', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'paused')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('campaign_agents')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_agents_pkey', ['campaign_id', 'agent_id'])
    .execute()
  // The engine asks which campaigns a ready agent works.
  await db.schema.createIndex('campaign_agents_agent').on('campaign_agents').column('agent_id').execute()
}
