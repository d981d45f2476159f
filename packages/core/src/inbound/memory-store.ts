import { Effect, Option } from 'effect'
import type { Flow, FlowVersion } from './flow.js'
import type { InboundCall, InboundStoreService, LoggedStep } from './inbound-store.js'
import type { VoicemailBox, VoicemailMessage } from './voicemail.js'

/**
 * The inbound store in memory: for tests, demos and one-process setups that keep nothing across a
 * restart. The Postgres store (`@ringlane/postgres`) is the one to run a contact centre on.
 */
export const inMemoryInboundStore = (): InboundStoreService => {
  const flows = new Map<string, Flow>()
  const versions = new Map<string, FlowVersion[]>()
  const calls = new Map<string, InboundCall>()
  const steps = new Map<string, LoggedStep[]>()
  const boxes = new Map<string, VoicemailBox>()
  const messages = new Map<string, VoicemailMessage>()
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)

  return {
    saveFlow: (draft, at) =>
      Effect.sync(() => {
        const flow: Flow = {
          ...draft,
          publishedVersion: flows.get(draft.id)?.publishedVersion ?? null,
          updatedAt: at,
        }
        flows.set(flow.id, flow)
        return flow
      }),
    findFlow: (flowId) => Effect.sync(() => Option.fromNullable(flows.get(flowId))),
    listFlows: () => Effect.sync(() => [...flows.values()].sort(byName)),
    publishFlow: (flowId, definition, by, at) =>
      Effect.sync(() => {
        const flow = flows.get(flowId)
        if (!flow) return Option.none()
        const list = versions.get(flowId) ?? []
        const version: FlowVersion = {
          flowId,
          version: list.length + 1,
          definition,
          publishedAt: at,
          publishedBy: by,
        }
        versions.set(flowId, [...list, version])
        flows.set(flowId, { ...flow, publishedVersion: version.version })
        return Option.some(version)
      }),
    flowVersion: (flowId, version) =>
      Effect.sync(() =>
        Option.fromNullable(versions.get(flowId)?.find((found) => found.version === version)),
      ),
    flowForNumber: (phone) =>
      Effect.sync(() => {
        const flow = [...flows.values()].find((f) => f.publishedVersion !== null && f.numbers.includes(phone))
        const version = flow && versions.get(flow.id)?.find((v) => v.version === flow.publishedVersion)
        return flow && version ? Option.some({ flow, version }) : Option.none()
      }),
    startCall: (call) =>
      Effect.sync(() => {
        if (!calls.has(call.sessionId)) calls.set(call.sessionId, call)
      }),
    findCall: (sessionId) => Effect.sync(() => Option.fromNullable(calls.get(sessionId))),
    logSteps: (sessionId, visits, at) =>
      Effect.sync(() => {
        const list = steps.get(sessionId) ?? []
        for (const visit of visits) list.push({ ...visit, sessionId, position: list.length + 1, at })
        steps.set(sessionId, list)
      }),
    callSteps: (sessionId) => Effect.sync(() => [...(steps.get(sessionId) ?? [])]),
    saveBox: (box) =>
      Effect.sync(() => {
        boxes.set(box.id, box)
        return box
      }),
    findBox: (boxId) => Effect.sync(() => Option.fromNullable(boxes.get(boxId))),
    listBoxes: () => Effect.sync(() => [...boxes.values()].sort(byName)),
    addVoicemail: (message) =>
      Effect.sync(() => {
        const known = [...messages.values()].find(
          (m) => m.providerRecordingId === message.providerRecordingId,
        )
        if (known) return { message: known, created: false }
        const added: VoicemailMessage = {
          ...message,
          id: globalThis.crypto.randomUUID(),
          heardAt: null,
          heardBy: null,
          callbackId: null,
        }
        messages.set(added.id, added)
        return { message: added, created: true }
      }),
    findVoicemail: (messageId) => Effect.sync(() => Option.fromNullable(messages.get(messageId))),
    listVoicemails: (query) =>
      Effect.sync(() =>
        [...messages.values()]
          .filter(
            (m) =>
              (query.boxId === undefined || m.boxId === query.boxId) &&
              (!query.unheard || m.heardAt === null),
          )
          .sort((a, b) => +b.recordedAt - +a.recordedAt)
          .slice(0, query.limit),
      ),
    markHeard: (messageId, by, at) =>
      Effect.sync(() => {
        const message = messages.get(messageId)
        if (!message) return Option.none()
        const heard = message.heardAt ? message : { ...message, heardAt: at, heardBy: by }
        messages.set(messageId, heard)
        return Option.some(heard)
      }),
    linkCallback: (messageId, callbackId) =>
      Effect.sync(() => {
        const message = messages.get(messageId)
        if (!message) return Option.none()
        const linked = message.callbackId ? message : { ...message, callbackId }
        messages.set(messageId, linked)
        return Option.some(linked)
      }),
    deleteExpiredVoicemails: (now) =>
      Effect.sync(() => {
        const expired = [...messages.values()].filter((m) => {
          const days = boxes.get(m.boxId)?.retentionDays
          return days !== undefined && +m.recordedAt < +now - days * 86_400_000
        })
        for (const m of expired) messages.delete(m.id)
        return expired
      }),
  }
}
