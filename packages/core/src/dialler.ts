import { Cause, Effect, Exit, Layer, ManagedRuntime, Option } from 'effect'
import type { NewAgent } from './agents/agent.js'
import type { AgentStateName } from './agents/agent-state.js'
import { changeAgentState } from './agents/change-agent-state.js'
import { createAgent } from './agents/create-agent.js'
import { CallStore, type CallStoreService } from './calls/call-store.js'
import { callInstructions, handleCallStatus } from './calls/call-webhooks.js'
import { callbackReminders } from './calls/callback-reminders.js'
import { reconcileCalls } from './calls/reconcile-calls.js'
import { type OutcomeInput, recordOutcome } from './calls/record-outcome.js'
import { startCall } from './calls/start-call.js'
import {
  DiallerConfig,
  DiallerSettings,
  type DiallerSettingsInput,
  InvalidDiallerSettings,
} from './dialler-config.js'
import { decodeWith } from './internal/decode.js'
import { decodeLeadId, leadContext } from './leads/lead-context.js'
import { LeadSource, type LeadSourceService } from './leads/lead-source.js'
import { activeAgent, claimNextLead, expireStaleClaims, releaseLead, skipLead } from './queues/claim.js'
import { trackConversions } from './queues/conversions.js'
import { type QueueDefinition, resolveQueues } from './queues/queue-definition.js'
import { checkQueueLevels, regenerateQueues } from './queues/regenerate.js'
import { DiallerStore, type DiallerStoreService } from './store/dialler-store.js'
import { Telephony, type TelephonyService, type WebhookRequest } from './telephony/telephony.js'
import { SourceBreaker } from './validation/circuit-breaker.js'
import { validateBeforeDial } from './validation/validate-before-dial.js'

export interface DiallerLayerOptions<Source> {
  readonly queues: ReadonlyArray<QueueDefinition<Source>>
  readonly settings?: DiallerSettingsInput
}

const decodeSettings = decodeWith(DiallerSettings, (issue) => new InvalidDiallerSettings(issue))

/**
 * The Effect API: checks queue definitions and settings, records the queues in the store, and provides
 * `DiallerConfig` and the source's circuit breaker. Give it a `DiallerStore` and a `LeadSource` layer.
 */
export const diallerLayer = <Source>(options: DiallerLayerOptions<Source>) => {
  const config = Layer.effect(
    DiallerConfig,
    Effect.gen(function* () {
      const queues = yield* resolveQueues(options.queues)
      const settings = yield* decodeSettings(options.settings ?? {})
      yield* Effect.flatMap(DiallerStore, (store) => store.saveQueueSettings(queues))
      return { queues, settings }
    }),
  )
  const breaker = Layer.unwrapEffect(
    Effect.map(DiallerConfig, ({ settings }) =>
      SourceBreaker.layer({
        failureThreshold: settings.breakerFailureThreshold,
        resetMs: settings.breakerResetMs,
      }),
    ),
  )
  return Layer.provideMerge(breaker, config)
}

export interface DiallerOptions<Source> extends DiallerLayerOptions<Source> {
  /** From an adapter, e.g. `postgresDiallerStore(...)` in @ringlane/postgres. */
  readonly store: DiallerStoreService
  /** From an adapter, e.g. `mysqlLeadSource(...)` in @ringlane/mysql. */
  readonly source: LeadSourceService
  /** Calls need both: e.g. `createPostgresCallStore(client)` and a Twilio or simulator telephony. */
  readonly calls?: CallStoreService
  readonly telephony?: TelephonyService
}

/**
 * The Promise API over the same programs, for apps that do not use Effect. Methods reject with the
 * same tagged errors (`error._tag`, `instanceof`), whose messages say what was wrong.
 */
export const createDialler = async <Source>(options: DiallerOptions<Source>) => {
  // Without calls or telephony the queue methods still work; a call method then fails with Effect's
  // "Service not found: @ringlane/core/CallStore", which names what to pass.
  const optional = Layer.mergeAll(
    options.calls ? Layer.succeed(CallStore, options.calls) : Layer.empty,
    options.telephony ? Layer.succeed(Telephony, options.telephony) : Layer.empty,
  ) as Layer.Layer<CallStore | Telephony>
  const runtime = ManagedRuntime.make(
    diallerLayer(options).pipe(
      Layer.provideMerge(
        Layer.mergeAll(
          Layer.succeed(DiallerStore, options.store),
          Layer.succeed(LeadSource, options.source),
          optional,
        ),
      ),
    ),
  )
  type Services = DiallerStore | LeadSource | DiallerConfig | SourceBreaker | CallStore | Telephony
  const run = async <A, E>(effect: Effect.Effect<A, E, Services>): Promise<A> => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    throw Cause.squash(exit.cause)
  }
  await run(Effect.void)
  return {
    createAgent: (agent: NewAgent, passwordHash?: string) => run(createAgent(agent, passwordHash ?? null)),
    changeAgentState: (agentId: string, state: AgentStateName, reason?: string) =>
      run(changeAgentState(agentId, state, reason ?? null)),
    regenerateQueues: () => run(regenerateQueues()),
    checkQueueLevels: () => run(checkQueueLevels),
    queueLevels: () => run(Effect.flatMap(DiallerStore, (store) => store.queueLevels())),
    trackConversions: () => run(trackConversions()),
    /** The resolved queues (priority order) and settings, e.g. the dispositions to offer agents. */
    config: () => run(DiallerConfig),
    /** Where the agent is: offline, available, on a call, wrapping up or paused (with the reason). */
    agentState: (agentId: string) =>
      run(
        Effect.flatMap(activeAgent(agentId), (agent) =>
          Effect.flatMap(DiallerStore, (store) => store.agentState(agent.id)),
        ),
      ),
    /** The lead the agent holds now, or null. */
    heldLead: (agentId: string) =>
      run(
        Effect.flatMap(activeAgent(agentId), (agent) =>
          Effect.map(
            Effect.flatMap(DiallerStore, (store) => store.heldEntry(agent.id)),
            Option.getOrNull,
          ),
        ),
      ),
    /** The lead to call next, or null when the agent's queues are empty. */
    claimNextLead: (agentId: string) => run(Effect.map(claimNextLead(agentId), Option.getOrNull)),
    releaseLead: (agentId: string, entryId: string) => run(releaseLead(agentId, entryId)),
    skipLead: (agentId: string, entryId: string, reason: string) => run(skipLead(agentId, entryId, reason)),
    expireStaleClaims: () => run(expireStaleClaims),
    validateBeforeDial: (agentId: string, entryId: string) => run(validateBeforeDial(agentId, entryId)),
    leadContext: (agentId: string, leadId: string) => run(leadContext(agentId, leadId)),
    /** Validates the held lead and opens its call session; the browser then dials with the session id. */
    startCall: (agentId: string, entryId: string) => run(startCall(agentId, entryId)),
    /** The provider's voice webhook: instructions connecting the agent's browser call to the lead. */
    callInstructions: (request: WebhookRequest) => run(callInstructions(request)),
    /** The provider's call-status webhook. */
    handleCallStatus: (request: WebhookRequest) => run(handleCallStatus(request)),
    recordOutcome: (agentId: string, outcome: OutcomeInput) => run(recordOutcome(agentId, outcome)),
    reconcileCalls: () => run(reconcileCalls),
    /** Callbacks due soon whose owners have not been told yet; each is returned once. */
    callbackReminders: () => run(callbackReminders),
    callHistory: (leadId: string, limit = 20) =>
      run(
        Effect.flatMap(decodeLeadId(leadId), (id) =>
          Effect.flatMap(CallStore, (calls) => calls.callHistory(id, limit)),
        ),
      ),
    /** Releases the dialler's resources; the store and source clients stay yours to close. */
    dispose: () => runtime.dispose(),
  }
}

export type Dialler = Awaited<ReturnType<typeof createDialler>>
