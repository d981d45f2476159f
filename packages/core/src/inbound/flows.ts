import { Effect, Option, Schema } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { currentDate } from '../kernel/time.js'
import { RoutingStore } from '../routing/routing-store.js'
import { VoiceAiStore } from '../voice-ai/voice-ai-store.js'
import { InvalidFlow, UnknownFlow } from './errors.js'
import { FlowDraft, FlowId, type FlowVersion } from './flow.js'
import { InboundConfig } from './inbound-config.js'
import { InboundStore } from './inbound-store.js'
import { type FlowTargets, validateFlow } from './validate-flow.js'
import { type CallerInput, type FlowTest, walkFlow } from './walk.js'

/** The queues, voicemail boxes and AI agents a flow may name now. */
const flowTargets = Effect.gen(function* () {
  const settings = yield* InboundConfig
  const store = yield* InboundStore
  const boxes = yield* store.listBoxes()
  // Routing's live-call queues when routing is set up, and any the settings name.
  const routing = yield* Effect.serviceOption(RoutingStore)
  const live = Option.isSome(routing) ? yield* routing.value.listQueues() : []
  // The AI agents when voice AI is set up.
  const voiceAi = yield* Effect.serviceOption(VoiceAiStore)
  const aiAgents = Option.isSome(voiceAi) ? yield* voiceAi.value.listAgents() : []
  return {
    queueIds: new Set([...settings.queueIds, ...live.map((queue) => queue.id)]),
    boxIds: new Set(boxes.map((box) => box.id)),
    aiAgentIds: new Set(aiAgents.map((agent) => agent.id as string)),
  } satisfies FlowTargets
})

const decodeDraft = decodeWith(
  Schema.Struct({ ...FlowDraft.fields, definition: Schema.Unknown }),
  (issue) => new InvalidFlow({ step: null, field: issue.field, message: issue.message }),
)

const decodeFlowId = decodeWith(
  FlowId,
  (issue) => new InvalidFlow({ step: null, field: 'flowId', message: issue.message }),
)

const existing = (flowId: string) =>
  Effect.flatMap(decodeFlowId(flowId), (id) =>
    Effect.flatMap(
      Effect.flatMap(InboundStore, (store) => store.findFlow(id)),
      Option.match({
        onNone: () =>
          Effect.fail(new UnknownFlow({ field: 'flowId', flowId: id, message: `There is no flow "${id}"` })),
        onSome: Effect.succeed,
      }),
    ),
  )

/**
 * Saves a flow's draft (`{ id, name, numbers, definition }`), checked whole first: a step that leads
 * nowhere, a loop without an exit, an unknown queue or voicemail box, or a number another flow answers
 * rejects `InvalidFlow` naming the step or field, and nothing is saved. Calls keep running the
 * published version until the draft is published.
 */
export const saveFlow = (input: unknown) =>
  Effect.gen(function* () {
    const draft = yield* decodeDraft(input)
    const definition = yield* validateFlow(draft.definition, yield* flowTargets)
    const store = yield* InboundStore
    const others = (yield* store.listFlows()).filter((flow) => flow.id !== draft.id)
    for (const [index, number] of draft.numbers.entries()) {
      const taken = others.find((flow) => flow.numbers.includes(number))
      if (taken)
        return yield* new InvalidFlow({
          step: null,
          field: `numbers.${index}`,
          message: `numbers.${index}: ${number} is already answered by flow "${taken.name}"`,
        })
    }
    return yield* store.saveFlow({ ...draft, definition }, yield* currentDate)
  })

/**
 * Publishes the flow's draft as its next version, checked again against today's queues and boxes;
 * calls that come in from now on run it, calls already in the flow finish on theirs.
 */
export const publishFlow = (flowId: string, by?: string | null) =>
  Effect.gen(function* () {
    const flow = yield* existing(flowId)
    const definition = yield* validateFlow(flow.definition, yield* flowTargets)
    const store = yield* InboundStore
    const published = yield* store.publishFlow(flow.id, definition, by ?? null, yield* currentDate)
    return Option.getOrThrowWith(
      published,
      () => new Error(`flow ${flow.id} disappeared while it was published`),
    ) satisfies FlowVersion
  })

export const findFlow = (flowId: string) =>
  Effect.catchTag(existing(flowId), 'UnknownFlow', () => Effect.succeed(null))

export const flowVersion = (flowId: string, version: number) =>
  Effect.gen(function* () {
    const flow = yield* existing(flowId)
    if (!Number.isInteger(version) || version < 1)
      return yield* new InvalidFlow({
        step: null,
        field: 'version',
        message: 'version must be a whole number from 1',
      })
    return Option.getOrNull(
      yield* Effect.flatMap(InboundStore, (store) => store.flowVersion(flow.id, version)),
    )
  })

const TestRequest = Schema.Struct({
  /** The flow's draft by default; a published version by number. */
  version: Schema.optional(Schema.Int.pipe(Schema.positive())),
  /** The caller's answer at each menu in turn: keys (`"2"`), words, or `null` for silence. */
  inputs: Schema.Array(
    Schema.NullOr(
      Schema.Struct({
        digits: Schema.optionalWith(
          Schema.String.pipe(Schema.pattern(/^[0-9*#]{1,20}$/, { message: () => 'digits are 0-9, * or #' })),
          { nullable: true },
        ),
        speech: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(500)), { nullable: true }),
      }),
    ),
  ).pipe(Schema.maxItems(50)),
  /** When the call comes in (business hours are decided at this instant). */
  at: Schema.ValidDateFromSelf,
})
export type FlowTestRequest = typeof TestRequest.Encoded

/**
 * The flow tester: walks the flow's draft (or a published `version`) as a call at `at` whose caller
 * gives `inputs` at each menu, and returns every step it takes and where it leaves the flow. A draft
 * that would not save is refused as saving refuses it.
 */
export const testFlow = (flowId: string, request: FlowTestRequest) =>
  Effect.gen(function* () {
    const flow = yield* existing(flowId)
    const valid = yield* decodeWith(
      TestRequest,
      (issue) => new InvalidFlow({ step: null, field: issue.field, message: issue.message }),
    )(request)
    const definition =
      valid.version === undefined
        ? yield* validateFlow(flow.definition, yield* flowTargets)
        : yield* Effect.flatMap(
            Effect.flatMap(InboundStore, (store) => store.flowVersion(flow.id, valid.version as number)),
            Option.match({
              onNone: () =>
                Effect.fail(
                  new InvalidFlow({
                    step: null,
                    field: 'version',
                    message: `version: flow ${flow.id} has no version ${valid.version}`,
                  }),
                ),
              onSome: (found) => Effect.succeed(found.definition),
            }),
          )
    const inputs: ReadonlyArray<CallerInput> = valid.inputs.map((input) => ({
      digits: input?.digits ?? null,
      speech: input?.speech ?? null,
    }))
    return walkFlow(definition, inputs, valid.at) satisfies FlowTest
  })
