import { Schema } from 'effect'
import { isTimeZone } from '../compliance/local-time.js'
import { E164 } from '../kernel/phone-numbers.js'

/** A step's id within its flow: what other steps name to go there. */
export const StepId = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_-]{0,39}$/, {
    message: () => 'a step id is 1 to 40 lowercase letters, digits, _ or -, starting with a letter',
  }),
)

/** What the caller hears: text the provider speaks, or an https audio file it plays. */
export const Prompt = Schema.Union(
  Schema.Struct({ say: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(1000)) }),
  Schema.Struct({
    play: Schema.String.pipe(
      Schema.maxLength(2000),
      Schema.pattern(/^https:\/\/\S+$/, { message: () => 'play must be an https URL of an audio file' }),
    ),
  }),
)
export type Prompt = typeof Prompt.Type

const Say = Schema.TaggedStruct('say', {
  id: StepId,
  text: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(1000)),
  next: StepId,
})
const Play = Schema.TaggedStruct('play', {
  id: StepId,
  url: Schema.String.pipe(
    Schema.maxLength(2000),
    Schema.pattern(/^https:\/\/\S+$/, { message: () => 'url must be an https URL of an audio file' }),
  ),
  next: StepId,
})

/** One way out of a menu: a key, words the caller may say instead, or both. */
export const MenuChoice = Schema.Struct({
  digit: Schema.NullOr(
    Schema.String.pipe(Schema.pattern(/^[0-9*#]$/, { message: () => 'digit must be one of 0-9, * or #' })),
  ),
  /** Said instead of pressing: matched as whole words, case and punctuation ignored. */
  words: Schema.Array(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(60))).pipe(
    Schema.maxItems(10),
  ),
  next: StepId,
}).pipe(
  Schema.filter(
    (choice) => choice.digit !== null || choice.words.length > 0 || 'a choice needs a digit or words',
  ),
)
export type MenuChoice = typeof MenuChoice.Type

const Menu = Schema.TaggedStruct('menu', {
  id: StepId,
  prompt: Prompt,
  choices: Schema.Array(MenuChoice).pipe(Schema.minItems(1), Schema.maxItems(12)),
  /** How long the caller has to answer each time, in seconds. */
  timeoutSeconds: Schema.Int.pipe(Schema.between(1, 60)),
  /** How many times the menu is offered before the caller goes to `noInput` or `noMatch`. */
  attempts: Schema.Int.pipe(Schema.between(1, 5)),
  /** Where a caller who pressed and said nothing goes, after the last attempt. */
  noInput: StepId,
  /** Where a caller whose answer matched no choice goes, after the last attempt. */
  noMatch: StepId,
})

export const Weekday = Schema.Literal('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')
export type Weekday = typeof Weekday.Type

const ClockTime = Schema.String.pipe(
  Schema.pattern(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: () => 'a time is HH:MM, 00:00 to 24:00' }),
)
const Day = Schema.String.pipe(
  Schema.pattern(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: () => 'a day is YYYY-MM-DD' }),
)

/** Open from `from` to `to` (local wall clock) on each of `days`. */
export const OpeningHours = Schema.Struct({
  days: Schema.Array(Weekday).pipe(Schema.minItems(1)),
  from: ClockTime,
  to: ClockTime,
}).pipe(Schema.filter((hours) => hours.from < hours.to || 'from must be before to'))
export type OpeningHours = typeof OpeningHours.Type

const Hours = Schema.TaggedStruct('hours', {
  id: StepId,
  /** The IANA zone the hours are kept in (`Europe/London`): the wall clock there decides, DST included. */
  timeZone: Schema.String.pipe(
    Schema.filter((zone) => isTimeZone(zone) || 'timeZone must be an IANA zone such as Europe/London'),
  ),
  open: Schema.Array(OpeningHours).pipe(Schema.maxItems(28)),
  /** Days closed all day, in the zone's calendar. */
  holidays: Schema.Array(Day).pipe(Schema.maxItems(400)),
  whenOpen: StepId,
  whenClosed: StepId,
})

const Queue = Schema.TaggedStruct('queue', {
  id: StepId,
  queueId: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(40)),
  /** Played (looped) while the caller waits; silence-free ringback when absent. */
  hold: Schema.NullOr(Prompt),
})
const Voicemail = Schema.TaggedStruct('voicemail', {
  id: StepId,
  boxId: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(40)),
})
const HangUp = Schema.TaggedStruct('hang-up', { id: StepId })
/** The call is given to an AI voice agent, which hands it to its own human queue when it must. */
const AiAgent = Schema.TaggedStruct('ai-agent', {
  id: StepId,
  agentId: Schema.String.pipe(
    Schema.pattern(/^[a-z][a-z0-9_-]{0,39}$/, {
      message: () => 'an AI agent id is 1 to 40 lowercase letters, digits, _ or -, starting with a letter',
    }),
  ),
})

export const Step = Schema.Union(Say, Play, Menu, Hours, Queue, Voicemail, HangUp, AiAgent)
export type Step = typeof Step.Type
export type StepKind = Step['_tag']
export type MenuStep = Extract<Step, { _tag: 'menu' }>
export type HoursStep = Extract<Step, { _tag: 'hours' }>

/** A flow's steps and where a call starts. */
export const FlowDefinition = Schema.Struct({
  start: StepId,
  steps: Schema.Array(Step).pipe(Schema.minItems(1), Schema.maxItems(100)),
})
export type FlowDefinition = typeof FlowDefinition.Type

export const FlowId = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9_-]{0,39}$/, {
    message: () => 'a flow id is 1 to 40 lowercase letters, digits, _ or -, starting with a letter',
  }),
)

/** A flow as the editor saves it: a draft, and the dialler's numbers it answers once published. */
export const FlowDraft = Schema.Struct({
  id: FlowId,
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(100)),
  numbers: Schema.Array(E164).pipe(Schema.maxItems(50)),
  definition: FlowDefinition,
})
export type FlowDraft = typeof FlowDraft.Type

export interface Flow extends FlowDraft {
  /** The version calls run now; null until the flow is first published. */
  readonly publishedVersion: number | null
  readonly updatedAt: Date
}

/** A published version: never changed again; each call records which one it ran. */
export interface FlowVersion {
  readonly flowId: string
  readonly version: number
  readonly definition: FlowDefinition
  readonly publishedAt: Date
  readonly publishedBy: string | null
}

/** Every step a step can lead to, with the name of the field that says so. */
export const exitsOf = (step: Step): ReadonlyArray<{ readonly field: string; readonly to: string }> => {
  switch (step._tag) {
    case 'say':
    case 'play':
      return [{ field: 'next', to: step.next }]
    case 'menu':
      return [
        ...step.choices.map((choice, index) => ({ field: `choices.${index}.next`, to: choice.next })),
        { field: 'noInput', to: step.noInput },
        { field: 'noMatch', to: step.noMatch },
      ]
    case 'hours':
      return [
        { field: 'whenOpen', to: step.whenOpen },
        { field: 'whenClosed', to: step.whenClosed },
      ]
    default:
      return []
  }
}

/** Where a call leaves the flow: to a queue, a voicemail box, an AI agent, or hung up. */
export const isEnd = (step: Step) =>
  step._tag === 'queue' || step._tag === 'voicemail' || step._tag === 'hang-up' || step._tag === 'ai-agent'
