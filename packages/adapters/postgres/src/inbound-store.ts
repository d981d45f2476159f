import { type Agents, type E164, Inbound, type LeadId } from '@ringlane/core'
import { Option } from 'effect'
import { type Kysely, type Selectable, sql } from 'kysely'
import { attemptWith, dateOrNull, isUuid } from './rows.js'
import type { DiallerDatabase } from './schema.js'

const attempt = attemptWith(Inbound.InboundStoreError, 'inbound store')

type FlowRow = Selectable<DiallerDatabase['inbound_flows']>
type VersionRow = Selectable<DiallerDatabase['inbound_flow_versions']>
type CallRow = Selectable<DiallerDatabase['inbound_calls']>
type BoxRow = Selectable<DiallerDatabase['voicemail_boxes']>
type MessageRow = Selectable<DiallerDatabase['voicemail_messages']>

const toFlow = (row: FlowRow): Inbound.Flow => ({
  id: row.id,
  name: row.name,
  numbers: row.numbers.map((phone) => phone as E164),
  definition: row.definition as Inbound.FlowDefinition,
  publishedVersion: row.published_version,
  updatedAt: new Date(row.updated_at),
})

const toVersion = (row: VersionRow): Inbound.FlowVersion => ({
  flowId: row.flow_id,
  version: row.version,
  definition: row.definition as Inbound.FlowDefinition,
  publishedAt: new Date(row.published_at),
  publishedBy: row.published_by,
})

const toCall = (row: CallRow): Inbound.InboundCall => ({
  sessionId: row.session_id,
  flowId: row.flow_id,
  flowVersion: row.flow_version,
  from: row.caller as E164,
  to: row.called as E164,
  leadId: row.lead_id as LeadId | null,
  preferredAgentId: row.preferred_agent_id as Agents.AgentId | null,
  startedAt: new Date(row.started_at),
})

const toBox = (row: BoxRow): Inbound.VoicemailBox => ({
  id: row.id,
  name: row.name,
  owner: row.owner as Inbound.BoxOwner,
  greeting: row.greeting as Inbound.Prompt,
  maxLengthSeconds: row.max_length_seconds,
  retentionDays: row.retention_days,
})

const toMessage = (row: MessageRow): Inbound.VoicemailMessage => ({
  id: row.id,
  boxId: row.box_id,
  sessionId: row.session_id,
  from: row.caller as E164,
  leadId: row.lead_id as LeadId | null,
  providerRecordingId: row.provider_recording_id,
  durationSeconds: row.duration_seconds,
  recordedAt: new Date(row.recorded_at),
  heardAt: dateOrNull(row.heard_at),
  heardBy: row.heard_by as Agents.AgentId | null,
  callbackId: row.callback_id,
})

/** A voicemail message by id, as it is now; none for an id that is not one. */
const readMessage = async (db: Kysely<DiallerDatabase>, messageId: string) =>
  isUuid(messageId)
    ? Option.map(
        Option.fromNullable(
          await db
            .selectFrom('voicemail_messages')
            .selectAll()
            .where('id', '=', messageId)
            .executeTakeFirst(),
        ),
        toMessage,
      )
    : Option.none()

/** Flows, their versions, inbound calls' steps and voicemail in the dialler store (migrated). */
export const inboundStore = (db: Kysely<DiallerDatabase>): Inbound.InboundStoreService => ({
  saveFlow: (draft, at) =>
    attempt('save a flow', async () =>
      toFlow(
        await db
          .insertInto('inbound_flows')
          .values({
            id: draft.id,
            name: draft.name,
            numbers: [...draft.numbers],
            definition: JSON.stringify(draft.definition),
            updated_at: at,
          })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet({
              name: draft.name,
              numbers: [...draft.numbers],
              definition: JSON.stringify(draft.definition),
              updated_at: at,
            }),
          )
          .returningAll()
          .executeTakeFirstOrThrow(),
      ),
    ),
  findFlow: (flowId) =>
    attempt('find a flow', async () =>
      Option.map(
        Option.fromNullable(
          await db.selectFrom('inbound_flows').selectAll().where('id', '=', flowId).executeTakeFirst(),
        ),
        toFlow,
      ),
    ),
  listFlows: () =>
    attempt('list flows', async () =>
      (await db.selectFrom('inbound_flows').selectAll().orderBy('name').orderBy('id').execute()).map(toFlow),
    ),
  publishFlow: (flowId, definition, by, at) =>
    attempt('publish a flow', () =>
      db.transaction().execute(async (tx) => {
        // The flow's row, locked: two publishes at once take versions one after the other.
        const flow = await tx
          .selectFrom('inbound_flows')
          .select('id')
          .where('id', '=', flowId)
          .forUpdate()
          .executeTakeFirst()
        if (!flow) return Option.none()
        const last = await tx
          .selectFrom('inbound_flow_versions')
          .select(sql<number>`coalesce(max(version), 0)`.as('version'))
          .where('flow_id', '=', flowId)
          .executeTakeFirstOrThrow()
        const version = await tx
          .insertInto('inbound_flow_versions')
          .values({
            flow_id: flowId,
            version: Number(last.version) + 1,
            definition: JSON.stringify(definition),
            published_at: at,
            published_by: by,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        await tx
          .updateTable('inbound_flows')
          .set({ published_version: version.version })
          .where('id', '=', flowId)
          .execute()
        return Option.some(toVersion(version))
      }),
    ),
  flowVersion: (flowId, version) =>
    attempt('read a flow version', async () =>
      Option.map(
        Option.fromNullable(
          await db
            .selectFrom('inbound_flow_versions')
            .selectAll()
            .where('flow_id', '=', flowId)
            .where('version', '=', version)
            .executeTakeFirst(),
        ),
        toVersion,
      ),
    ),
  flowForNumber: (phone) =>
    attempt('find the flow answering a number', async () => {
      const row = await db
        .selectFrom('inbound_flows as f')
        .innerJoin('inbound_flow_versions as v', (join) =>
          join.onRef('v.flow_id', '=', 'f.id').onRef('v.version', '=', 'f.published_version'),
        )
        .selectAll('f')
        .select([
          'v.flow_id',
          'v.version',
          sql<unknown>`v.definition`.as('version_definition'),
          'v.published_at',
          'v.published_by',
        ])
        .where(sql<boolean>`${phone} = any(f.numbers)`)
        .orderBy('f.id')
        .executeTakeFirst()
      return row
        ? Option.some({
            flow: toFlow(row),
            version: toVersion({ ...row, definition: row.version_definition }),
          })
        : Option.none()
    }),
  startCall: (call) =>
    attempt('record an inbound call', async () => {
      await db
        .insertInto('inbound_calls')
        .values({
          session_id: call.sessionId,
          flow_id: call.flowId,
          flow_version: call.flowVersion,
          caller: call.from,
          called: call.to,
          lead_id: call.leadId,
          preferred_agent_id: call.preferredAgentId,
          started_at: call.startedAt,
        })
        .onConflict((oc) => oc.column('session_id').doNothing())
        .execute()
    }),
  findCall: (sessionId) =>
    attempt('find an inbound call', async () =>
      isUuid(sessionId)
        ? Option.map(
            Option.fromNullable(
              await db
                .selectFrom('inbound_calls')
                .selectAll()
                .where('session_id', '=', sessionId)
                .executeTakeFirst(),
            ),
            toCall,
          )
        : Option.none(),
    ),
  logSteps: (sessionId, visits, at) =>
    attempt("log a call's steps", async () => {
      if (visits.length === 0) return
      // Positions follow the last logged, in one statement, so two webhooks for one call never collide.
      const values = visits.map(
        (visit, index) =>
          sql`(${sessionId}::uuid, ${index + 1}::integer, ${visit.stepId}, ${visit.kind}, ${visit.detail}, ${at.toISOString()}::timestamptz)`,
      )
      await sql`insert into inbound_call_steps (session_id, position, step_id, kind, detail, at)
        select v.session_id, v.offset_position + coalesce((select max(position) from inbound_call_steps where session_id = ${sessionId}::uuid), 0),
               v.step_id, v.kind, v.detail, v.at
        from (values ${sql.join(values)}) as v(session_id, offset_position, step_id, kind, detail, at)`.execute(
        db,
      )
    }),
  callSteps: (sessionId) =>
    attempt("read a call's steps", async () =>
      isUuid(sessionId)
        ? (
            await db
              .selectFrom('inbound_call_steps')
              .selectAll()
              .where('session_id', '=', sessionId)
              .orderBy('position')
              .execute()
          ).map((row) => ({
            sessionId: row.session_id,
            position: row.position,
            stepId: row.step_id,
            kind: row.kind as Inbound.StepKind,
            detail: row.detail,
            at: new Date(row.at),
          }))
        : [],
    ),
  saveBox: (box) =>
    attempt('save a voicemail box', async () => {
      const values = {
        name: box.name,
        owner: JSON.stringify(box.owner),
        greeting: JSON.stringify(box.greeting),
        max_length_seconds: box.maxLengthSeconds,
        retention_days: box.retentionDays,
      }
      return toBox(
        await db
          .insertInto('voicemail_boxes')
          .values({ id: box.id, ...values })
          .onConflict((oc) => oc.column('id').doUpdateSet(values))
          .returningAll()
          .executeTakeFirstOrThrow(),
      )
    }),
  findBox: (boxId) =>
    attempt('find a voicemail box', async () =>
      Option.map(
        Option.fromNullable(
          await db.selectFrom('voicemail_boxes').selectAll().where('id', '=', boxId).executeTakeFirst(),
        ),
        toBox,
      ),
    ),
  listBoxes: () =>
    attempt('list voicemail boxes', async () =>
      (await db.selectFrom('voicemail_boxes').selectAll().orderBy('name').orderBy('id').execute()).map(toBox),
    ),
  addVoicemail: (message) =>
    attempt('keep a voicemail', async () => {
      const inserted = await db
        .insertInto('voicemail_messages')
        .values({
          box_id: message.boxId,
          session_id: message.sessionId,
          caller: message.from,
          lead_id: message.leadId,
          provider_recording_id: message.providerRecordingId,
          duration_seconds: message.durationSeconds,
          recorded_at: message.recordedAt,
        })
        .onConflict((oc) => oc.column('provider_recording_id').doNothing())
        .returningAll()
        .executeTakeFirst()
      if (inserted) return { message: toMessage(inserted), created: true }
      const known = await db
        .selectFrom('voicemail_messages')
        .selectAll()
        .where('provider_recording_id', '=', message.providerRecordingId)
        .executeTakeFirstOrThrow()
      return { message: toMessage(known), created: false }
    }),
  findVoicemail: (messageId) => attempt('find a voicemail', () => readMessage(db, messageId)),
  listVoicemails: (query) =>
    attempt('list voicemails', async () => {
      let select = db.selectFrom('voicemail_messages').selectAll()
      if (query.boxId !== undefined) select = select.where('box_id', '=', query.boxId)
      if (query.unheard) select = select.where('heard_at', 'is', null)
      return (await select.orderBy('recorded_at', 'desc').orderBy('id').limit(query.limit).execute()).map(
        toMessage,
      )
    }),
  markHeard: (messageId, by, at) =>
    attempt('mark a voicemail heard', async () => {
      if (!isUuid(messageId)) return Option.none()
      await db
        .updateTable('voicemail_messages')
        .set({ heard_at: at, heard_by: by })
        .where('id', '=', messageId)
        .where('heard_at', 'is', null)
        .execute()
      return readMessage(db, messageId)
    }),
  linkCallback: (messageId, callbackId) =>
    attempt('link a callback to a voicemail', async () => {
      if (!isUuid(messageId)) return Option.none()
      await db
        .updateTable('voicemail_messages')
        .set({ callback_id: callbackId })
        .where('id', '=', messageId)
        .where('callback_id', 'is', null)
        .execute()
      return readMessage(db, messageId)
    }),
  deleteExpiredVoicemails: (now) =>
    attempt('delete expired voicemails', async () =>
      (
        await db
          .deleteFrom('voicemail_messages')
          .where(({ exists, selectFrom }) =>
            exists(
              selectFrom('voicemail_boxes as b')
                .select('b.id')
                .whereRef('b.id', '=', 'voicemail_messages.box_id')
                .where(
                  sql<boolean>`voicemail_messages.recorded_at < ${now.toISOString()}::timestamptz - make_interval(days => b.retention_days)`,
                ),
            ),
          )
          .returningAll()
          .execute()
      ).map(toMessage),
    ),
})
