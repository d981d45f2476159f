import {
  Calls,
  type Campaigns,
  Compliance,
  Dialing,
  type DomainEventsService,
  type RinglaneOptions,
  Routing,
  ringlaneLayer,
  type Telephony,
} from '@ringlane/core'
import { postgresCallRate, postgresPacingLeadership, type StoreClient } from '@ringlane/postgres'
import { Cause, Effect, Exit, Fiber, Layer, ManagedRuntime, Option } from 'effect'
import pg from 'pg'

const { Engine } = Dialing

/**
 * The call engine in the app's process: a pacing round every 500 ms for each campaign the engine
 * dials for, the call-status webhook that connects or abandons answered calls, and the auto-mode leg
 * of a ready agent's browser. On server Postgres the instances share one leader per campaign and one
 * calls-per-second budget; embedded, this process is the only one.
 */
export const startEngine = async (options: {
  readonly ringlane: RinglaneOptions<unknown> & { readonly events: DomainEventsService }
  readonly client: StoreClient
  readonly databaseUrl: string | undefined
  readonly callsPerSecond: number
}) => {
  const leadership = options.databaseUrl
    ? postgresPacingLeadership({
        connect: async () => {
          const client = new pg.Client({ connectionString: options.databaseUrl })
          client.on('error', () => undefined) // a lost session ends leadership; the next round reconnects
          await client.connect()
          return {
            query: (text, values) => client.query(text, values as unknown[]),
            close: () => client.end(),
          }
        },
      })
    : Engine.soleLeadership
  const rate = options.databaseUrl
    ? postgresCallRate({ client: options.client, callsPerSecond: options.callsPerSecond })
    : Engine.inMemoryCallRate(options.callsPerSecond)
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      // The stored campaigns (and their agents), read every round: a pause or a join applies at once.
      Engine.storedEngineCampaigns.pipe(Layer.provideMerge(ringlaneLayer(options.ringlane))),
      Engine.enginePacersLayer(),
      Layer.succeed(Engine.CallRateLimiter, rate),
      Layer.succeed(Engine.PacingLeadership, leadership),
    ),
  )
  const run = async <A, E, R>(effect: Effect.Effect<A, E, R>): Promise<A> => {
    const exit = await runtime.runPromiseExit(effect as Effect.Effect<A, E, never>)
    if (Exit.isSuccess(exit)) return exit.value
    throw Cause.squash(exit.cause)
  }
  const loop = runtime.runFork(Engine.runEngine())
  // Routing beside the engine: waiting live calls get agents by their queues' rules every 500 ms.
  const routing = runtime.runFork(Routing.runRouting())
  /** The engine-dialled campaign the agent is in (the first, when several), or null: auto mode. */
  const campaignOf = async (agentId: string) =>
    (await run(Effect.flatMap(Engine.EngineCampaigns, (source) => source.campaigns))).find((running) =>
      running.agents.some((id) => id === agentId),
    ) ?? null

  return {
    campaignOf,
    callStatus: (request: Telephony.WebhookRequest) => run(Engine.handleEngineCallStatus(request)),
    /** Auto-mode leg instructions, or null when the browser call is a preview call. */
    autoLeg: async (request: Telephony.WebhookRequest) =>
      Option.getOrNull(await run(Engine.autoLegInstructions(request))),
    /** The campaign's live-answered and abandoned calls over its regulator window. */
    abandonWindow: async (campaign: Campaigns.Campaign) => {
      const until = new Date()
      return run(
        Effect.flatMap(Compliance.AbandonLedger, (ledger) =>
          ledger.counts({
            campaignId: campaign.id,
            since: new Date(+until - campaign.abandonWindowHours * 3_600_000),
            until,
          }),
        ),
      )
    },
    /** The answered calls the ledger holds for a campaign in `[since, until)`: one chart bar. */
    abandonCounts: (campaignId: string, since: Date, until: Date) =>
      run(Effect.flatMap(Compliance.AbandonLedger, (ledger) => ledger.counts({ campaignId, since, until }))),
    /**
     * The campaign's open engine calls as the pacer counts them: lines in flight (placed, not yet
     * answered nor ended) and answered people waiting for an agent.
     */
    openLines: async (campaignId: string) => {
      const open = await run(Effect.flatMap(Calls.CallStore, (calls) => calls.openCampaignCalls(campaignId)))
      return {
        inFlight: open.filter((call) => call.answeredAt === null).length,
        waiting: open.filter(Engine.waitingForAgent).length,
      }
    },
    stop: async () => {
      await runtime.runPromise(Fiber.interrupt(loop))
      await runtime.runPromise(Fiber.interrupt(routing))
      await runtime.runPromise(leadership.resign).catch(() => undefined)
      await runtime.dispose()
    },
  }
}

export type AppEngine = Awaited<ReturnType<typeof startEngine>>
