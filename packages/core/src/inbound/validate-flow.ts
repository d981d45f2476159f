import { Either } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { InvalidFlow } from './errors.js'
import { exitsOf, FlowDefinition, type Step } from './flow.js'

/** What a flow may point at outside itself: the queues and voicemail boxes that exist. */
export interface FlowTargets {
  readonly queueIds: ReadonlySet<string>
  readonly boxIds: ReadonlySet<string>
  /** The AI voice agents there are (none when voice AI is not set up). */
  readonly aiAgentIds?: ReadonlySet<string>
}

const refuse = (step: string | null, field: string, message: string) =>
  Either.left(new InvalidFlow({ step, field: step ? `steps.${step}.${field}` : field, message }))

/** Steps that run without the caller doing anything (a loop of them would spin with nobody there). */
const runsAlone = (step: Step) => step._tag === 'say' || step._tag === 'play' || step._tag === 'hours'

/** A cycle following `edges` among the steps `within` lets in, as the ids along it (depth-first search). */
const findLoop = (
  steps: ReadonlyMap<string, Step>,
  within: (step: Step) => boolean,
  edges: (step: Step) => ReadonlyArray<string>,
): ReadonlyArray<string> | null => {
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (id: string): ReadonlyArray<string> | null => {
    const step = steps.get(id)
    if (!step || !within(step)) return null
    if (state.get(id) === 'done') return null
    if (state.get(id) === 'open') return path.slice(path.indexOf(id))
    state.set(id, 'open')
    path.push(id)
    for (const to of edges(step)) {
      const found = visit(to)
      if (found) return found
    }
    path.pop()
    state.set(id, 'done')
    return null
  }
  for (const id of steps.keys()) {
    const found = visit(id)
    if (found) return found
  }
  return null
}

const allExits = (step: Step) => exitsOf(step).map((exit) => exit.to)
/** Where a caller who presses and says nothing goes: a menu's no-input exit, every other exit. */
const silentExits = (step: Step) => (step._tag === 'menu' ? [step.noInput] : allExits(step))

/**
 * Checks a flow before it is saved: its shape; ids unique; every step leads to a step that exists;
 * every queue, voicemail box and AI agent exists; no loop without an exit, which means both that no steps
 * loop on their own with nobody pressing anything, and that a caller who presses nothing at all still
 * reaches a queue, voicemail or hang-up from every step. The first fault found is named by its step.
 */
export const validateFlow = (
  input: unknown,
  targets: FlowTargets,
): Either.Either<FlowDefinition, InvalidFlow> =>
  Either.flatMap(
    decodeWith(
      FlowDefinition,
      (issue) => new InvalidFlow({ step: null, field: issue.field, message: issue.message }),
    )(input),
    (flow) => {
      const steps = new Map<string, Step>()
      for (const step of flow.steps) {
        if (steps.has(step.id)) return refuse(step.id, 'id', `step ${step.id}: two steps have this id`)
        steps.set(step.id, step)
      }
      if (!steps.has(flow.start))
        return refuse(null, 'start', `start: the flow starts at "${flow.start}", which is not a step`)
      for (const step of flow.steps) {
        for (const exit of exitsOf(step)) {
          if (!steps.has(exit.to))
            return refuse(
              step.id,
              exit.field,
              `step ${step.id}: ${exit.field} leads to "${exit.to}", which is not a step`,
            )
        }
        if (step._tag === 'queue' && !targets.queueIds.has(step.queueId))
          return refuse(step.id, 'queueId', `step ${step.id}: there is no queue "${step.queueId}"`)
        if (step._tag === 'voicemail' && !targets.boxIds.has(step.boxId))
          return refuse(step.id, 'boxId', `step ${step.id}: there is no voicemail box "${step.boxId}"`)
        if (step._tag === 'ai-agent' && !targets.aiAgentIds?.has(step.agentId))
          return refuse(step.id, 'agentId', `step ${step.id}: there is no AI agent "${step.agentId}"`)
        if (step._tag === 'menu') {
          const digits = step.choices.flatMap((choice) => (choice.digit === null ? [] : [choice.digit]))
          const twice = digits.find((digit, index) => digits.indexOf(digit) !== index)
          if (twice !== undefined)
            return refuse(step.id, 'choices', `step ${step.id}: two choices use the key ${twice}`)
        }
      }
      const loop = findLoop(steps, runsAlone, allExits)
      if (loop)
        return refuse(
          loop[0] ?? null,
          'next',
          `step ${loop[0]}: loops without an exit (${[...loop, loop[0]].join(' → ')}) with nobody pressing anything`,
        )
      // A silent caller's path must end: any loop along it (whichever way business hours go) is refused.
      const silent = findLoop(steps, () => true, silentExits)
      if (silent) {
        const first = steps.get(silent[0] as string)
        return refuse(
          silent[0] ?? null,
          first?._tag === 'menu' ? 'noInput' : 'next',
          `step ${silent[0]}: loops without an exit: a caller who presses nothing goes round ${[...silent, silent[0]].join(' → ')} and never reaches a queue, voicemail or hang-up`,
        )
      }
      return Either.right(flow)
    },
  )
