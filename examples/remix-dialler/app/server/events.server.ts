import type { RinglaneEvent } from '@ringlane/core'
import pg from 'pg'
import { lastEventId, sseResponse } from './sse.server'

/** What the live dashboard and agent desks hear about. Small, no personal data beyond ids. */
export type LiveEvent =
  | {
      readonly type: 'agent-state'
      readonly agentId: string
      readonly state: string
      readonly reason: string | null
    }
  | {
      readonly type: 'call'
      readonly sessionId: string
      readonly agentId: string
      readonly status: string
      /** The agent recorded the outcome and moved on, whatever the status still says. */
      readonly outcomeRecorded: boolean
    }
  | {
      readonly type: 'queue-levels'
      readonly levels: ReadonlyArray<{
        readonly queueId: string
        readonly waiting: number
        readonly claimed: number
      }>
    }
  | {
      readonly type: 'callback-due'
      readonly callbackId: string
      readonly ownerAgentId: string | null
      readonly leadId: string
      readonly dueAt: string
    }
  | { readonly type: 'sms'; readonly conversationId: string; readonly direction: 'inbound' | 'outbound' }
  /** The engine gave the agent an answered call: the desk shows the lead, the audio follows. */
  | { readonly type: 'call-offered'; readonly agentId: string; readonly sessionId: string }
  /** An agent or supervisor acted on a live call (hold, transfer, three-way, listening in). */
  | {
      readonly type: 'call-control'
      readonly sessionId: string
      readonly action: string
      readonly agentId: string
      readonly otherAgentId: string | null
    }
  /** A call entered, left or was answered in a live-call queue: the SLA dashboard refreshes. */
  | { readonly type: 'queue-contact'; readonly queueId: string }

/** The provider's status a call has reached, for the events that only say it moved on. */
const progressStatus = {
  CallStarted: 'initiated',
  CallRinging: 'ringing',
  CallAnswered: 'in-progress',
} as const

/**
 * What a domain event means for the live views, if anything: agents' states, calls' progress, SMS
 * threads and callbacks coming due. Queue levels come from the app after the queue jobs and claims.
 */
export const liveEventOf = (event: RinglaneEvent): LiveEvent | null => {
  switch (event._tag) {
    case 'AgentStateChanged':
      return { type: 'agent-state', agentId: event.agentId, state: event.to, reason: event.reason }
    case 'CallStarted':
    case 'CallRinging':
    case 'CallAnswered':
    case 'CallEnded':
    case 'OutcomeRecorded':
      // An engine call no agent has taken yet is nobody's desk's business.
      if (event.agentId === null) return null
      return {
        type: 'call',
        sessionId: event.sessionId,
        agentId: event.agentId,
        status: 'status' in event ? event.status : progressStatus[event._tag],
        outcomeRecorded: event.outcomeRecorded,
      }
    case 'CallbackDue':
      return {
        type: 'callback-due',
        callbackId: event.callbackId,
        ownerAgentId: event.ownerAgentId,
        leadId: event.leadId,
        dueAt: event.dueAt.toISOString(),
      }
    case 'CallOffered':
      return { type: 'call-offered', agentId: event.agentId, sessionId: event.sessionId }
    case 'CallControlled':
      return {
        type: 'call-control',
        sessionId: event.sessionId,
        action: event.action,
        agentId: event.agentId,
        otherAgentId: event.otherAgentId,
      }
    case 'ContactQueued':
    case 'ContactConnected':
    case 'ContactAbandoned':
    case 'ContactOverflowed':
    case 'ReservationLapsed':
      return { type: 'queue-contact', queueId: event.queueId }
    case 'SmsReceived':
      return { type: 'sms', conversationId: event.conversationId, direction: 'inbound' }
    case 'SmsSent':
      return { type: 'sms', conversationId: event.conversationId, direction: 'outbound' }
    default:
      return null
  }
}

export interface Delivered {
  readonly id: number
  readonly event: LiveEvent
}

const CHANNEL = 'ringlane_live'

/**
 * Live events for server-sent event streams. Each instance keeps the recent ones for resume
 * (Last-Event-ID). With server Postgres, events go through NOTIFY so every app instance's streams
 * hear every instance's events; embedded, the one process is the whole world.
 */
export const createEventHub = async (databaseUrl: string | undefined) => {
  const recent: Delivered[] = []
  const listeners = new Set<(delivered: Delivered) => void>()
  let nextId = Date.now() * 1000 // ids keep increasing across restarts of this instance
  const deliver = (event: LiveEvent) => {
    const delivered = { id: nextId++, event }
    recent.push(delivered)
    if (recent.length > 1000) recent.splice(0, recent.length - 1000)
    for (const listener of [...listeners]) listener(delivered)
  }

  let listenClient: pg.Client | null = null
  let notifyPool: pg.Pool | null = null
  if (databaseUrl) {
    listenClient = new pg.Client({ connectionString: databaseUrl })
    await listenClient.connect()
    listenClient.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return
      try {
        deliver(JSON.parse(message.payload) as LiveEvent)
      } catch {
        // A payload we cannot read is dropped; it came from a newer or broken instance.
      }
    })
    await listenClient.query(`listen ${CHANNEL}`)
    notifyPool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  }

  return {
    /** Tells every stream, on every instance. */
    publish: async (event: LiveEvent) => {
      if (notifyPool) await notifyPool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)])
      else deliver(event)
    },
    /** Events after `lastEventId` (if still kept), then every new one through `listener`. */
    subscribe: (lastEventId: number | null, listener: (delivered: Delivered) => void) => {
      const replay = lastEventId === null ? [] : recent.filter((d) => d.id > lastEventId)
      listeners.add(listener)
      return { replay, unsubscribe: () => listeners.delete(listener) }
    },
    close: async () => {
      listeners.clear()
      await listenClient?.end()
      await notifyPool?.end()
    },
  }
}

export type EventHub = Awaited<ReturnType<typeof createEventHub>>

/** A server-sent event stream of the hub's events that pass `filter`, resumable with Last-Event-ID. */
export const eventStream = (
  hub: EventHub,
  request: Request,
  filter: (event: LiveEvent) => boolean,
  first?: LiveEvent,
) =>
  sseResponse(request, (send) => {
    if (first) send(first.type, first)
    const forward = ({ id, event }: Delivered) => {
      if (filter(event)) send(event.type, event, id)
    }
    const { replay, unsubscribe } = hub.subscribe(lastEventId(request), forward)
    for (const delivered of replay) forward(delivered)
    return unsubscribe
  })
