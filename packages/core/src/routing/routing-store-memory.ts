import { Effect, Option } from 'effect'
import { isOpen, type QueueContact } from './contact.js'
import type { AgentSkills, RoutingQueue } from './queue.js'
import type { RoutingStoreService } from './routing-store.js'

/** Open contacts first by priority (highest), then the longest waiting. */
export const queueOrder = (a: QueueContact, b: QueueContact) =>
  b.priority - a.priority || +a.enqueuedAt - +b.enqueuedAt || (a.id < b.id ? -1 : 1)

/**
 * A routing store in memory, for one process: tests, simulations and the embedded demo without a
 * database. Not for several app instances (each would reserve agents on its own).
 */
export const inMemoryRoutingStore = (): RoutingStoreService => {
  const queues = new Map<string, RoutingQueue>()
  const skills = new Map<string, AgentSkills>()
  const contacts = new Map<string, QueueContact>()
  const all = () => [...contacts.values()]
  return {
    saveQueue: (queue) =>
      Effect.sync(() => {
        queues.set(queue.id, queue)
        return queue
      }),
    findQueue: (queueId) => Effect.sync(() => Option.fromNullable(queues.get(queueId))),
    listQueues: () =>
      Effect.sync(() =>
        [...queues.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)),
      ),
    deleteQueue: (queueId) => Effect.sync(() => queues.delete(queueId)),
    setAgentSkills: (given) =>
      Effect.sync(() => {
        skills.set(given.agentId, given)
      }),
    agentSkills: () => Effect.sync(() => [...skills.values()]),
    addContact: (contact, maxOpen) =>
      Effect.sync(() => {
        const open = all().filter(isOpen)
        const queued = open.find((other) => other.callId === contact.callId)
        if (queued) return { _tag: 'AlreadyQueued' as const, contact: queued }
        if (maxOpen !== null && open.filter((other) => other.queueId === contact.queueId).length >= maxOpen)
          return { _tag: 'Full' as const }
        contacts.set(contact.id, contact)
        return { _tag: 'Added' as const, contact }
      }),
    contactForCall: (callId) =>
      Effect.sync(() =>
        Option.fromNullable(
          all()
            .filter((contact) => contact.callId === callId)
            .sort((a, b) => +b.enqueuedAt - +a.enqueuedAt)[0],
        ),
      ),
    openContacts: (queueId) =>
      Effect.sync(() =>
        all()
          .filter((contact) => isOpen(contact) && (queueId === undefined || contact.queueId === queueId))
          .sort(queueOrder),
      ),
    contacts: ({ queueId, since, until }) =>
      Effect.sync(() =>
        all()
          .filter(
            (contact) =>
              (queueId === undefined || contact.queueId === queueId) &&
              +contact.enqueuedAt >= +since &&
              +contact.enqueuedAt < +until,
          )
          .sort((a, b) => +a.enqueuedAt - +b.enqueuedAt),
      ),
    agentContactsSince: (since) =>
      Effect.sync(() =>
        all()
          .filter(
            (contact) =>
              contact.answeredAt !== null &&
              (contact.state === 'connected' || (contact.endedAt !== null && +contact.endedAt >= +since)),
          )
          .sort((a, b) => +(a.answeredAt ?? 0) - +(b.answeredAt ?? 0)),
      ),
    moveContact: (from, to) =>
      Effect.sync(() => {
        const current = contacts.get(from.id)
        if (!current || current.state !== from.state || current.reservedAgentId !== from.reservedAgentId)
          return Option.none()
        if (
          to.state === 'reserved' &&
          all().some(
            (other) =>
              other.id !== to.id &&
              other.state === 'reserved' &&
              other.reservedAgentId === to.reservedAgentId,
          )
        )
          return Option.none()
        contacts.set(to.id, to)
        return Option.some(to)
      }),
    reservedAgents: () =>
      Effect.sync(() =>
        all().flatMap((contact) =>
          contact.state === 'reserved' && contact.reservedAgentId !== null ? [contact.reservedAgentId] : [],
        ),
      ),
  }
}
