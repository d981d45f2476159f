import type { Inbound, Ringlane } from '@ringlane/core'

/** The demo line: the number the simulator's inbound calls ring (an Ofcom drama number). */
export const DEMO_LINE = '+447700900000'
export const DEMO_BOX = 'claims-voicemail'
export const DEMO_QUEUE = 'inbound-claims'

/**
 * The demo's inbound setup, once: a voicemail box, a live-call queue that overflows to it after a
 * minute, and a published flow on the demo line (hours, a menu: 1 or "claim" to the queue, 2 or
 * "message" to voicemail; silence goes to voicemail).
 */
export const ensureDemoInbound = async (ringlane: Ringlane<unknown>, supervisorId: string | undefined) => {
  if ((await ringlane.inbound.flows()).length > 0) return
  await ringlane.inbound.saveBox({
    id: DEMO_BOX,
    name: 'Claims voicemail',
    owner: { _tag: 'queue', queueId: DEMO_QUEUE },
    greeting: { say: 'Sorry, nobody can take your call. Please leave your name and number after the tone.' },
    maxLengthSeconds: 120,
    retentionDays: 30,
  })
  if (!(await ringlane.routing.queue(DEMO_QUEUE)))
    await ringlane.routing.saveQueue(
      {
        id: DEMO_QUEUE,
        name: 'Inbound claims',
        maxWaitSeconds: 60,
        overflow: { kind: 'voicemail', boxId: DEMO_BOX },
      },
      supervisorId,
    )
  await ringlane.inbound.saveFlow({
    id: 'claims-line',
    name: 'Claims line',
    numbers: [DEMO_LINE],
    definition: {
      start: 'hours',
      steps: [
        {
          _tag: 'hours',
          id: 'hours',
          timeZone: 'Europe/London',
          open: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }],
          holidays: [],
          whenOpen: 'welcome',
          whenClosed: 'voicemail',
        },
        { _tag: 'say', id: 'welcome', text: 'Thank you for calling the claims line.', next: 'menu' },
        {
          _tag: 'menu',
          id: 'menu',
          prompt: {
            say: 'Press 1 or say claim to speak to the team. Press 2 or say message to leave a message.',
          },
          choices: [
            { digit: '1', words: ['claim', 'agent'], next: 'queue' },
            { digit: '2', words: ['message'], next: 'voicemail' },
          ],
          timeoutSeconds: 5,
          attempts: 2,
          noInput: 'voicemail',
          noMatch: 'voicemail',
        },
        {
          _tag: 'queue',
          id: 'queue',
          queueId: DEMO_QUEUE,
          hold: { say: 'Please hold, someone will be with you shortly.' },
        },
        { _tag: 'voicemail', id: 'voicemail', boxId: DEMO_BOX },
      ],
    },
  })
  await ringlane.inbound.publishFlow('claims-line', supervisorId)
}

/** One editor row per step: every field a step may use, as text (empty when the step has none). */
export interface StepRow {
  readonly id: string
  readonly kind: Inbound.StepKind
  /** Say: the text. Play: the URL. Menu: the prompt. Queue: the hold message. Voicemail: the box. */
  readonly text: string
  /** Say/play: next. Menu: "1 claim=queue; 2 message=voicemail". Hours: open, closed. Queue: the queue. */
  readonly targets: string
  /** Menu: "no input, no match, attempts, timeout". Hours: "Europe/London; mon-fri 09:00-17:00; holidays 2026-12-25". */
  readonly extra: string
}

const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
/** "mon-fri", "sat" or "mon,wed,fri" as the days they name (an unknown name is kept for the SDK to refuse). */
const dayRange = (text: string): ReadonlyArray<string> =>
  text.split(',').flatMap((part) => {
    const [from, to] = part.split('-') as [string, string | undefined]
    const start = days.indexOf(from as (typeof days)[number])
    const end = to === undefined ? start : days.indexOf(to as (typeof days)[number])
    return start < 0 || end < start ? [part] : days.slice(start, end + 1)
  })
const daysText = (list: ReadonlyArray<string>) => {
  const first = days.indexOf(list[0] as (typeof days)[number])
  const contiguous = list.every((day, index) => days[first + index] === day)
  return contiguous && list.length > 1 ? `${list[0]}-${list[list.length - 1]}` : list.join(',')
}
const prompt = (text: string): Inbound.Prompt => (/^https:\/\//.test(text) ? { play: text } : { say: text })
const promptText = (p: Inbound.Prompt | null) => (p === null ? '' : 'say' in p ? p.say : p.play)
const split = (text: string, by: string) =>
  text
    .split(by)
    .map((part) => part.trim())
    .filter(Boolean)

/** The editor's rows as a flow definition for the SDK to check (it names the step at fault). */
export const stepsFromRows = (rows: ReadonlyArray<StepRow>): ReadonlyArray<unknown> =>
  rows.map(({ id, kind, text, targets, extra }) => {
    switch (kind) {
      case 'say':
        return { _tag: 'say', id, text, next: targets }
      case 'play':
        return { _tag: 'play', id, url: text, next: targets }
      case 'menu': {
        const [noInput = '', noMatch = '', attempts = '2', timeout = '5'] = split(extra, ',')
        return {
          _tag: 'menu',
          id,
          prompt: prompt(text),
          choices: split(targets, ';').map((choice) => {
            const [said = '', next = ''] = choice.split('=').map((part) => part.trim())
            const [first = '', ...rest] = said.split(/\s+/)
            const digit = /^[0-9*#]$/.test(first) ? first : null
            const words = (digit === null ? [first, ...rest] : rest).join(' ')
            return { digit, words: words ? split(words, '/') : [], next }
          }),
          noInput,
          noMatch,
          attempts: Number(attempts),
          timeoutSeconds: Number(timeout),
        }
      }
      case 'hours': {
        const [whenOpen = '', whenClosed = ''] = split(targets, ',')
        const [timeZone = '', ...parts] = split(extra, ';')
        const holidays = parts.find((part) => part.startsWith('holidays'))
        return {
          _tag: 'hours',
          id,
          timeZone,
          open: parts
            .filter((part) => !part.startsWith('holidays'))
            .map((part) => {
              const [range = '', hours = ''] = part.split(/\s+/)
              const [from = '', to = ''] = hours.split('-')
              return { days: dayRange(range), from, to }
            }),
          holidays: holidays ? split(holidays.replace('holidays', ''), ' ') : [],
          whenOpen,
          whenClosed,
        }
      }
      case 'queue':
        return { _tag: 'queue', id, queueId: targets, hold: text ? prompt(text) : null }
      case 'voicemail':
        return { _tag: 'voicemail', id, boxId: targets }
      case 'ai-agent':
        return { _tag: 'ai-agent', id, agentId: targets }
      default:
        return { _tag: kind, id }
    }
  })

/** A stored step as an editor row. */
export const rowOf = (step: Inbound.Step): StepRow => {
  const row = { id: step.id, kind: step._tag, text: '', targets: '', extra: '' }
  switch (step._tag) {
    case 'say':
      return { ...row, text: step.text, targets: step.next }
    case 'play':
      return { ...row, text: step.url, targets: step.next }
    case 'menu':
      return {
        ...row,
        text: promptText(step.prompt),
        targets: step.choices
          .map((c) => `${[c.digit ?? '', c.words.join('/')].filter(Boolean).join(' ')}=${c.next}`)
          .join('; '),
        extra: `${step.noInput}, ${step.noMatch}, ${step.attempts}, ${step.timeoutSeconds}`,
      }
    case 'hours':
      return {
        ...row,
        targets: `${step.whenOpen}, ${step.whenClosed}`,
        extra: [
          step.timeZone,
          ...step.open.map((o) => `${daysText(o.days)} ${o.from}-${o.to}`),
          ...(step.holidays.length > 0 ? [`holidays ${step.holidays.join(' ')}`] : []),
        ].join('; '),
      }
    case 'queue':
      return { ...row, text: promptText(step.hold), targets: step.queueId }
    case 'voicemail':
      return { ...row, targets: step.boxId }
    case 'ai-agent':
      return { ...row, targets: step.agentId }
    default:
      return row
  }
}

/** The tester's answers: "1, claim, -" → keys, words, silence. */
export const testerInputs = (text: string) =>
  split(text, ',').map((answer) =>
    answer === '-' ? null : /^[0-9*#]+$/.test(answer) ? { digits: answer } : { speech: answer },
  )
