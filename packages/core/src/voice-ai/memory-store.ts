import { Effect, Option } from 'effect'
import type { ProviderAttempt, SessionTurn, VoiceAiSession, VoiceAiSessionId } from './session.js'
import type { VoiceAgent } from './voice-agent.js'
import type { VoiceAiStoreService } from './voice-ai-store.js'

interface Row {
  session: VoiceAiSession
  attempts: Map<number, ProviderAttempt>
  turns: Map<number, SessionTurn>
}

const byPosition = <A extends { readonly position: number }>(items: Map<number, A>) =>
  [...items.values()].sort((a, b) => a.position - b.position)

/**
 * A voice AI store in memory, for one process: tests, simulations and a demo without a database.
 * Not for several app instances (each would see only its own sessions).
 */
export const inMemoryVoiceAiStore = (): VoiceAiStoreService => {
  const agents = new Map<string, VoiceAgent>()
  const rows = new Map<string, Row>()
  const view = (row: Row): VoiceAiSession => ({
    ...row.session,
    attempts: byPosition(row.attempts),
    turns: byPosition(row.turns),
  })
  const row = (id: VoiceAiSessionId) => {
    const found = rows.get(id)
    return found ? Effect.succeed(found) : Effect.dieMessage(`the voice AI store has no session ${id}`)
  }
  return {
    saveAgent: (agent) =>
      Effect.sync(() => {
        agents.set(agent.id, agent)
        return agent
      }),
    findAgent: (id) => Effect.sync(() => Option.fromNullable(agents.get(id))),
    listAgents: () => Effect.sync(() => [...agents.values()].sort((a, b) => a.name.localeCompare(b.name))),
    openSession: (session, now) =>
      Effect.sync(() => {
        const opened: VoiceAiSession = {
          ...session,
          id: crypto.randomUUID() as VoiceAiSessionId,
          status: 'active',
          attempts: [],
          turns: [],
          handoff: null,
          longestSilenceMs: 0,
          startedAt: now,
          endedAt: null,
        }
        rows.set(opened.id, { session: opened, attempts: new Map(), turns: new Map() })
        return opened
      }),
    saveAttempt: (id, attempt) =>
      Effect.map(row(id), (found) => {
        found.attempts.set(attempt.position, attempt)
      }),
    addTurns: (id, turns) =>
      Effect.map(row(id), (found) => {
        for (const turn of turns) if (!found.turns.has(turn.position)) found.turns.set(turn.position, turn)
      }),
    endSession: (id, end) =>
      Effect.map(row(id), (found) => {
        if (found.session.status !== 'active') return Option.none()
        found.session = { ...found.session, ...end }
        return Option.some(view(found))
      }),
    findSession: (id) => Effect.sync(() => Option.map(Option.fromNullable(rows.get(id)), view)),
    sessionsOfCall: (call) =>
      Effect.sync(() =>
        [...rows.values()]
          .filter(
            (found) =>
              (call.callId !== undefined || call.providerCallId !== undefined) &&
              (call.callId === undefined || found.session.callId === call.callId) &&
              (call.providerCallId === undefined || found.session.providerCallId === call.providerCallId),
          )
          .map(view)
          .sort((a, b) => +a.startedAt - +b.startedAt),
      ),
    recentSessions: (limit) =>
      Effect.sync(() =>
        [...rows.values()]
          .map(view)
          .sort((a, b) => +b.startedAt - +a.startedAt)
          .slice(0, limit),
      ),
  }
}
