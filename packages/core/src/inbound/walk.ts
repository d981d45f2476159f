import { isOpen, wallClock } from './business-hours.js'
import type { FlowDefinition, MenuChoice, MenuStep, Prompt, Step } from './flow.js'

/** What the caller did at a menu: keys pressed, words said, or neither (no input). */
export interface CallerInput {
  readonly digits: string | null
  readonly speech: string | null
}

export const noInput: CallerInput = { digits: null, speech: null }

/** One step a call took, as the call's log and the tester show it. */
export interface StepVisit {
  readonly stepId: string
  readonly kind: Step['_tag']
  /** What happened there, in words: "said …", "pressed 2", "closed (Sat 10:15 Europe/London)". */
  readonly detail: string
}

/** Where a call is after the steps it took without waiting: asked something, or out of the flow. */
export type FlowTurn =
  | {
      readonly _tag: 'Ask'
      readonly stepId: string
      readonly attempt: number
      readonly prompts: ReadonlyArray<Prompt>
      readonly timeoutSeconds: number
      /** The words the menu listens for, as hints for speech recognition. */
      readonly hints: ReadonlyArray<string>
    }
  | {
      readonly _tag: 'Queue'
      readonly stepId: string
      readonly queueId: string
      readonly hold: Prompt | null
      readonly prompts: ReadonlyArray<Prompt>
    }
  | {
      readonly _tag: 'Voicemail'
      readonly stepId: string
      readonly boxId: string
      readonly prompts: ReadonlyArray<Prompt>
    }
  | { readonly _tag: 'HangUp'; readonly stepId: string; readonly prompts: ReadonlyArray<Prompt> }
  | {
      readonly _tag: 'AiAgent'
      readonly stepId: string
      readonly agentId: string
      readonly prompts: ReadonlyArray<Prompt>
    }

export interface Walked {
  readonly turn: FlowTurn
  readonly visits: ReadonlyArray<StepVisit>
}

/** A validated flow never needs this many steps in one turn; a guard against a corrupt one. */
const MAX_STEPS_PER_TURN = 200

export class FlowBroken extends Error {
  override readonly name = 'FlowBroken'
}

const stepOf = (flow: FlowDefinition, id: string): Step => {
  const step = flow.steps.find((candidate) => candidate.id === id)
  if (!step) throw new FlowBroken(`The flow has no step "${id}"`)
  return step
}

const ask = (menu: MenuStep, attempt: number, prompts: ReadonlyArray<Prompt>): FlowTurn => ({
  _tag: 'Ask',
  stepId: menu.id,
  attempt,
  prompts: [...prompts, menu.prompt],
  timeoutSeconds: menu.timeoutSeconds,
  hints: menu.choices.flatMap((choice) => choice.words),
})

/**
 * Runs the flow from a step at an instant: says and plays, decides business hours, until a menu asks
 * the caller something or the call leaves the flow (queue, voicemail, hang-up).
 */
export const runFrom = (flow: FlowDefinition, from: string, at: Date): Walked => {
  const prompts: Prompt[] = []
  const visits: StepVisit[] = []
  let id = from
  for (let count = 0; count < MAX_STEPS_PER_TURN; count++) {
    const step = stepOf(flow, id)
    switch (step._tag) {
      case 'say':
        prompts.push({ say: step.text })
        visits.push({ stepId: step.id, kind: step._tag, detail: `said "${step.text}"` })
        id = step.next
        break
      case 'play':
        prompts.push({ play: step.url })
        visits.push({ stepId: step.id, kind: step._tag, detail: `played ${step.url}` })
        id = step.next
        break
      case 'hours': {
        const open = isOpen(step, at)
        const clock = wallClock(at, step.timeZone)
        const time = `${String(Math.floor(clock.minutes / 60)).padStart(2, '0')}:${String(clock.minutes % 60).padStart(2, '0')}`
        const holiday = step.holidays.includes(clock.day) ? ', a holiday' : ''
        visits.push({
          stepId: step.id,
          kind: step._tag,
          detail: `${open ? 'open' : 'closed'} (${clock.weekday} ${clock.day} ${time} ${step.timeZone}${holiday})`,
        })
        id = open ? step.whenOpen : step.whenClosed
        break
      }
      case 'menu':
        visits.push({ stepId: step.id, kind: step._tag, detail: `asked (attempt 1 of ${step.attempts})` })
        return { turn: ask(step, 1, prompts), visits }
      case 'queue':
        visits.push({ stepId: step.id, kind: step._tag, detail: `to queue ${step.queueId}` })
        return {
          turn: { _tag: 'Queue', stepId: step.id, queueId: step.queueId, hold: step.hold, prompts },
          visits,
        }
      case 'voicemail':
        visits.push({ stepId: step.id, kind: step._tag, detail: `to voicemail box ${step.boxId}` })
        return { turn: { _tag: 'Voicemail', stepId: step.id, boxId: step.boxId, prompts }, visits }
      case 'ai-agent':
        visits.push({ stepId: step.id, kind: step._tag, detail: `to AI agent ${step.agentId}` })
        return { turn: { _tag: 'AiAgent', stepId: step.id, agentId: step.agentId, prompts }, visits }
      case 'hang-up':
        visits.push({ stepId: step.id, kind: step._tag, detail: 'hung up' })
        return { turn: { _tag: 'HangUp', stepId: step.id, prompts }, visits }
    }
  }
  throw new FlowBroken(`The flow ran ${MAX_STEPS_PER_TURN} steps without asking or ending`)
}

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)

/** Whether `phrase`'s words appear, in order and together, among `said`'s. */
const saidPhrase = (said: ReadonlyArray<string>, phrase: string) => {
  const wanted = wordsOf(phrase)
  if (wanted.length === 0) return false
  for (let start = 0; start + wanted.length <= said.length; start++)
    if (wanted.every((word, offset) => said[start + offset] === word)) return true
  return false
}

/** The choice the caller made: the key pressed first, else the first choice whose words they said. */
export const matchChoice = (menu: MenuStep, input: CallerInput): MenuChoice | null => {
  const key = input.digits?.trim().charAt(0)
  if (key) return menu.choices.find((choice) => choice.digit === key) ?? null
  if (input.speech?.trim()) {
    const said = wordsOf(input.speech)
    return menu.choices.find((choice) => choice.words.some((phrase) => saidPhrase(said, phrase))) ?? null
  }
  return null
}

const describeInput = (input: CallerInput) =>
  input.digits?.trim()
    ? `pressed ${input.digits.trim()}`
    : input.speech?.trim()
      ? `said "${input.speech.trim()}"`
      : 'no input'

/**
 * The caller answered (or did not) a menu on its `attempt`: a matching choice goes on to its step; no
 * input or no match asks again until the menu's attempts are used, then goes to `noInput` / `noMatch`.
 */
export const answerMenu = (
  flow: FlowDefinition,
  menuId: string,
  attempt: number,
  input: CallerInput,
  at: Date,
): Walked => {
  const menu = stepOf(flow, menuId)
  if (menu._tag !== 'menu') throw new FlowBroken(`Step "${menuId}" is not a menu`)
  const choice = matchChoice(menu, input)
  const heard = describeInput(input)
  const silent = heard === 'no input'
  const visit = (detail: string): StepVisit => ({ stepId: menu.id, kind: 'menu', detail })
  if (choice) {
    const next = runFrom(flow, choice.next, at)
    return { turn: next.turn, visits: [visit(`${heard}: to ${choice.next}`), ...next.visits] }
  }
  if (attempt < menu.attempts) {
    const again = Math.max(1, attempt) + 1
    return {
      turn: ask(menu, again, []),
      visits: [
        visit(`${silent ? heard : `${heard}, no match`}: asked again (attempt ${again} of ${menu.attempts})`),
      ],
    }
  }
  const to = silent ? menu.noInput : menu.noMatch
  const next = runFrom(flow, to, at)
  return {
    turn: next.turn,
    visits: [
      visit(`${silent ? heard : `${heard}, no match`} after ${menu.attempts} attempts: to ${to}`),
      ...next.visits,
    ],
  }
}

/** What the tester gives back: every step the call took, and where it left the flow. */
export interface FlowTest {
  readonly visits: ReadonlyArray<StepVisit>
  readonly end: Exclude<FlowTurn, { _tag: 'Ask' }>
  /** The inputs the call did not use (it left the flow before it was asked again). */
  readonly unusedInputs: number
}

/**
 * Walks a flow as a call at `at` whose caller gives `inputs` at each menu in turn, and says nothing
 * once they run out. A valid flow always ends (a silent caller reaches an end).
 */
export const walkFlow = (flow: FlowDefinition, inputs: ReadonlyArray<CallerInput>, at: Date): FlowTest => {
  let walked = runFrom(flow, flow.start, at)
  const visits = [...walked.visits]
  let used = 0
  for (let turns = 0; walked.turn._tag === 'Ask'; turns++) {
    if (turns > MAX_STEPS_PER_TURN) throw new FlowBroken('The flow asked the caller too many times')
    const input = inputs[used] ?? noInput
    used = Math.min(inputs.length, used + 1)
    walked = answerMenu(flow, walked.turn.stepId, walked.turn.attempt, input, at)
    visits.push(...walked.visits)
  }
  return { visits, end: walked.turn, unusedInputs: inputs.length - used }
}
