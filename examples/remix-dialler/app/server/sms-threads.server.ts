import type { AppDatabase } from './dialler.server'

export interface ThreadMessage {
  readonly id: string
  readonly direction: 'inbound' | 'outbound'
  readonly body: string
  readonly status: string
  readonly autoReply: boolean
  readonly at: string
}
export interface LeadThread {
  readonly optedOut: boolean
  readonly messages: ReadonlyArray<ThreadMessage>
}

/**
 * A sent magic link carries its token; agents see that a link went, never the token itself, so no one
 * at the desk can open a person's portal as them.
 */
export const hideLinkTokens = (body: string) => body.replace(/([?&]token=)[A-Za-z0-9_-]+/g, '$1…')

/** The SMS threads of these leads, oldest first, at most `limit` messages each; one query. */
export const leadThreads = async (db: AppDatabase, leadIds: ReadonlyArray<string>, limit = 20) => {
  const threads = new Map<string, LeadThread>()
  if (leadIds.length === 0) return threads
  const rows = await db
    .selectFrom('sms_messages as m')
    .innerJoin('sms_conversations as c', 'c.id', 'm.conversation_id')
    .select([
      'm.id',
      'm.direction',
      'm.body',
      'm.status',
      'm.auto_reply',
      'm.created_at',
      'c.lead_id',
      'c.status as conversation_status',
    ])
    .where('c.lead_id', 'in', [...new Set(leadIds)])
    .orderBy('m.created_at', 'desc')
    .limit(limit * leadIds.length)
    .execute()
  for (const row of rows.reverse()) {
    if (row.lead_id === null) continue
    const thread = threads.get(row.lead_id) ?? { optedOut: false, messages: [] }
    threads.set(row.lead_id, {
      optedOut: row.conversation_status === 'opted_out',
      messages: [
        ...thread.messages,
        {
          id: row.id,
          direction: row.direction,
          body: hideLinkTokens(row.body),
          status: row.status,
          autoReply: row.auto_reply,
          at: new Date(row.created_at).toISOString(),
        },
      ].slice(-limit),
    })
  }
  return threads
}
