import type { Messaging } from '@ringlane/core'
import type { DiallerApp } from './dialler.server'

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

/**
 * The SMS threads of these leads, oldest first, at most `limit` messages each, from the SDK. A lead
 * texted from two numbers has one thread here; it reads as opted out when the number it last texted
 * from or to did.
 */
export const leadThreads = async (
  ringlane: DiallerApp['ringlane'],
  leadIds: ReadonlyArray<string>,
  limit = 20,
) => {
  const threads = new Map<string, LeadThread>()
  if (leadIds.length === 0) return threads
  const conversations = await ringlane.messaging.leadThreads([...new Set(leadIds)], limit)
  const byLead = new Map<string, Array<{ optedOut: boolean; message: Messaging.SmsMessage }>>()
  for (const { conversation, messages } of conversations) {
    if (conversation.leadId === null) continue
    const list = byLead.get(conversation.leadId) ?? []
    for (const message of messages) list.push({ optedOut: conversation.status === 'opted_out', message })
    byLead.set(conversation.leadId, list)
  }
  for (const [leadId, list] of byLead) {
    const recent = list
      .sort((a, b) => +a.message.createdAt - +b.message.createdAt || a.message.id.localeCompare(b.message.id))
      .slice(-limit)
    threads.set(leadId, {
      optedOut: recent.at(-1)?.optedOut ?? false,
      messages: recent.map(({ message }) => ({
        id: message.id,
        direction: message.direction,
        body: hideLinkTokens(message.body),
        status: message.status,
        autoReply: message.autoReply,
        at: message.createdAt.toISOString(),
      })),
    })
  }
  return threads
}
