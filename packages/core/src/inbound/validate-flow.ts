import { Either } from 'effect'
import { decodeWith } from '../kernel/decode.js'
import { InvalidFlow } from './errors.js'
import { exitsOf, FlowDefinition, isEnd, type Step } from './flow.js'

/** What a flow may point at outside itself: the queues and voicemail boxes that exist. */
export interface FlowTargets {
  readonly queueIds: ReadonlySet<string>
  readonly boxIds: ReadonlySet<string>
}

const refuse = (step: string | null, field: string, message: string) =>
  Either.left(new InvalidFlow({ step, field: step ? `steps.${step}.${field}` : field, message }))

/** Steps that run without the caller doing anything (a loop of them would spin with nobody there). */
const runsAlone = (step: Step) => step._tag === 'say' || step._tag === 'play' || step._tag === 'hours'

/**
 * The steps that can reach an end (a queue, voicemail, hang-up) following `edges`: a backward search
 * from the ends.
 */
const reachingAnEnd = (steps: ReadonlyMap<string, Step>, edges: (step: Step) => ReadonlyArray<string>) => {
  const into = new Map<string, string[]>()
  for (const step of steps.values())
    for (const to of edges(step)) into.set(to, [...(into.get(to) ?? []), step.id])
  const reached = new Set([...steps.values()].filter(isEnd).map((step) => step.id))
  const todo = [...reached]
  while (todo.length > 0) {
    const id = todo.pop() as string
    for (const from of into.get(id) ?? [])
      if (!reached.has(from)) {
        reached.add(from)
        todo.push(from)
      }
  }
  return reached
}

/** A cycle among steps that run alone, as the ids along it, if there is one (depth-first search). */
const spinningLoop = (steps: ReadonlyMap<string, Step>): ReadonlyArray<string> | null => {
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (id: string): ReadonlyArray<string> | null => {
    const step = steps.get(id)
    if (!step || !runsAlone(step)) return null
    if (state.get(id) === 'done') return null
    if (state.get(id) === 'open') return path.slice(path.indexOf(id))
    state.set(id, 'open')
    path.push(id)
    for (const exit of exitsOf(step)) {
      const found = visit(exit.to)
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

/**
 * Checks a flow before it is saved: its shape; ids unique; every step leads to a step that exists;
 * every queue and voicemail box exists; no loop without an exit, which means both that no steps
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
        if (step._tag === 'menu') {
          const digits = step.choices.flatMap((choice) => (choice.digit === null ? [] : [choice.digit]))
          const twice = digits.find((digit, index) => digits.indexOf(digit) !== index)
          if (twice !== undefined)
            return refuse(step.id, 'choices', `step ${step.id}: two choices use the key ${twice}`)
        }
      }
      const loop = spinningLoop(steps)
      if (loop)
        return refuse(
          loop[0] ?? null,
          'next',
          `step ${loop[0]}: loops without an exit (${[...loop, loop[0]].join(' → ')}) with nobody pressing anything`,
        )
      const silentEdges = (step: Step) =>
        step._tag === 'menu' ? [step.noInput] : exitsOf(step).map((exit) => exit.to)
      const silentOut = reachingAnEnd(steps, silentEdges)
      for (const step of flow.steps) {
        if (!silentOut.has(step.id))
          return refuse(
            step.id,
            step._tag === 'menu' ? 'noInput' : 'next',
            `step ${step.id}: loops without an exit: a caller who presses nothing never reaches a queue, voicemail or hang-up from here`,
          )
      }
      return Either.right(flow)
    },
  )
