import { Context, type Effect, type Option, Schema } from 'effect'
import type { AgentId } from '../kernel/ids.js'
import type { Agent, AgentAccount, AgentRole } from './agent.js'
import type { AgentState, AgentStateName } from './agent-state.js'

/** Where an agent is after a compare-and-set move, and whether that move was the one made. */
export interface AgentMove extends AgentState {
  readonly moved: boolean
}

/** The agent store failed (connection, constraint, query). Carries the driver's error as `cause`. */
export class AgentStoreError extends Schema.TaggedError<AgentStoreError>()('AgentStoreError', {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

export class AgentEmailTaken extends Schema.TaggedError<AgentEmailTaken>()('AgentEmailTaken', {
  field: Schema.Literal('email'),
  message: Schema.String,
}) {}

export interface NewAgentRecord {
  readonly email: string
  readonly displayName: string
  readonly role: AgentRole
  readonly queueIds: ReadonlyArray<string>
  readonly passwordHash: string | null
}

type Op<A> = Effect.Effect<A, AgentStoreError>

/** A stretch an agent spent in one state: `endedAt` null while it lasts. */
export interface AgentStateSpan {
  readonly agentId: AgentId
  readonly state: AgentStateName
  readonly reason: string | null
  readonly startedAt: Date
  readonly endedAt: Date | null
}

/** A stretch an agent was signed in: `signedOutAt` null while it lasts. */
export interface AgentSignIn {
  readonly agentId: AgentId
  readonly signedInAt: Date
  readonly signedOutAt: Date | null
  /** Why it ended: `signed out`, `session expired`, or a supervisor's doing. */
  readonly signOutReason: string | null
}

/** Which agents and when: spans that overlap `[since, until)`, for one agent or all (`agentId` null). */
export interface AgentHistoryFilter {
  readonly agentId: AgentId | null
  readonly since: Date
  readonly until: Date
}

/** Agents and where each one is (offline, available, on a call...), shared by every app instance. */
export interface AgentStoreService {
  readonly createAgent: (agent: NewAgentRecord) => Effect.Effect<Agent, AgentStoreError | AgentEmailTaken>
  readonly findAgent: (agentId: AgentId) => Op<Option.Option<Agent>>
  /**
   * The account with this email (as stored, lower case) and its password hash, for the app's sign-in:
   * Ringlane stores the hash the app made and never reads or logs it otherwise.
   */
  readonly findCredentials: (
    email: string,
  ) => Op<Option.Option<{ readonly agent: Agent; readonly passwordHash: string | null }>>
  /** Changes an account's role or whether it may sign in; none when there is no such account. */
  readonly updateAgent: (
    agentId: AgentId,
    changes: { readonly role?: AgentRole; readonly active?: boolean },
  ) => Op<Option.Option<Agent>>
  /**
   * Replaces the account's password hash (the app's own, as at `createAgent`; null: no password, e.g.
   * an invitation not yet taken up); false when there is no such account.
   */
  readonly setPasswordHash: (agentId: AgentId, passwordHash: string | null) => Op<boolean>
  /** Every account, active or not, whatever its role, by display name (then id). */
  readonly listAgents: () => Op<ReadonlyArray<AgentAccount>>
  /** An agent never seen is `offline`. */
  readonly agentState: (agentId: AgentId) => Op<AgentState>
  /**
   * Where each of these agents is, in one read (the call engine asks for a whole campaign's floor every
   * pacing round); an agent never seen is `offline`. Every id asked for is in the answer.
   */
  readonly agentStates: (agentIds: ReadonlyArray<AgentId>) => Op<ReadonlyMap<AgentId, AgentState>>
  /**
   * Moves the agent only if they are still in `from` (compare-and-set: a change made meanwhile by
   * another tab or the call flow wins); returns the state they are in afterwards, and whether this
   * call made the move. Of two racing moves to the same state at the same instant only one has
   * `moved` (two answers taking one free agent: the other must look for someone else).
   */
  readonly setAgentState: (
    agentId: AgentId,
    from: AgentStateName,
    to: { readonly state: AgentStateName; readonly reason: string | null },
    now: Date,
  ) => Op<AgentMove>
  /**
   * Every state the agents were in during the window, oldest first: kept by the store with each move
   * (`setAgentState`), in the same write, so it always adds up to where the agent is.
   */
  readonly stateHistory: (filter: AgentHistoryFilter) => Op<ReadonlyArray<AgentStateSpan>>
  /** The agent signed in; nothing new if they already are (another browser). */
  readonly recordSignIn: (agentId: AgentId, at: Date) => Op<void>
  /** The agent signed out (or was signed out); false when they were not signed in. */
  readonly recordSignOut: (agentId: AgentId, at: Date, reason: string) => Op<boolean>
  /** The stretches agents were signed in during the window, oldest first. */
  readonly signIns: (filter: AgentHistoryFilter) => Op<ReadonlyArray<AgentSignIn>>
}

export class AgentStore extends Context.Tag('@ringlane/core/AgentStore')<AgentStore, AgentStoreService>() {}
