import { Either } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isOpen } from './business-hours.js'
import { exitsOf, type FlowDefinition, isEnd, type Step } from './flow.js'
import { validateFlow } from './validate-flow.js'
import { type CallerInput, walkFlow } from './walk.js'

const targets = {
  queueIds: new Set(['claims']),
  boxIds: new Set(['claims-box']),
  aiAgentIds: new Set(['claims-ai']),
}

const weekdays9to5 = {
  timeZone: 'Europe/London',
  open: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, from: '09:00', to: '17:00' }],
  holidays: ['2026-12-25'],
}

/** The claims line: hours, then a menu of two choices; closed goes to voicemail. */
const claimsLine: FlowDefinition = {
  start: 'hours',
  steps: [
    { _tag: 'hours', id: 'hours', ...weekdays9to5, whenOpen: 'welcome', whenClosed: 'closed' },
    { _tag: 'say', id: 'welcome', text: 'Welcome to the claims line.', next: 'menu' },
    {
      _tag: 'menu',
      id: 'menu',
      prompt: { say: 'Press 1 or say claim for a new claim, 2 to leave a message.' },
      choices: [
        { digit: '1', words: ['claim', 'new claim'], next: 'queue' },
        { digit: '2', words: ['message'], next: 'voicemail' },
      ],
      timeoutSeconds: 5,
      attempts: 3,
      noInput: 'voicemail',
      noMatch: 'goodbye',
    },
    { _tag: 'queue', id: 'queue', queueId: 'claims', hold: null },
    { _tag: 'say', id: 'closed', text: 'We are closed.', next: 'voicemail' },
    { _tag: 'voicemail', id: 'voicemail', boxId: 'claims-box' },
    { _tag: 'hang-up', id: 'goodbye' },
  ],
}

const mondayNoonLondon = new Date('2026-11-30T12:00:00Z')
const key = (digits: string): CallerInput => ({ digits, speech: null })
const words = (speech: string): CallerInput => ({ digits: null, speech })
const silence: CallerInput = { digits: null, speech: null }

describe('business hours', () => {
  const open = (iso: string) => isOpen(weekdays9to5, new Date(iso))
  it('opens at 09:00 on the wall clock on both sides of the spring change (29 March 2026 in the UK)', () => {
    expect(open('2026-03-27T08:30:00Z')).toBe(false) // Friday 08:30 GMT
    expect(open('2026-03-27T09:00:00Z')).toBe(true) // Friday 09:00 GMT
    expect(open('2026-03-30T07:59:00Z')).toBe(false) // Monday 08:59 BST
    expect(open('2026-03-30T08:00:00Z')).toBe(true) // Monday 09:00 BST
    expect(open('2026-03-30T15:59:00Z')).toBe(true) // 16:59 BST
    expect(open('2026-03-30T16:00:00Z')).toBe(false) // 17:00 BST
  })
  it('and on both sides of the autumn change (25 October 2026)', () => {
    expect(open('2026-10-23T08:00:00Z')).toBe(true) // Friday 09:00 BST
    expect(open('2026-10-26T08:00:00Z')).toBe(false) // Monday 08:00 GMT
    expect(open('2026-10-26T09:00:00Z')).toBe(true) // Monday 09:00 GMT
  })
  it('is closed at weekends and on holidays, all day', () => {
    expect(open('2026-11-28T12:00:00Z')).toBe(false) // Saturday
    expect(open('2026-12-25T12:00:00Z')).toBe(false) // Christmas, a Friday
    expect(open('2026-12-24T12:00:00Z')).toBe(true)
  })
  it('keeps New York hours on New York time across its own change (8 March 2026)', () => {
    const ny = { ...weekdays9to5, timeZone: 'America/New_York', holidays: [] }
    expect(isOpen(ny, new Date('2026-03-06T14:00:00Z'))).toBe(true) // Friday 09:00 EST
    expect(isOpen(ny, new Date('2026-03-09T13:00:00Z'))).toBe(true) // Monday 09:00 EDT
    expect(isOpen(ny, new Date('2026-03-09T12:59:00Z'))).toBe(false) // Monday 08:59 EDT
  })
  it('agrees with the wall clock Intl reports, at any instant (property)', () => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/London',
      weekday: 'short',
      hour: 'numeric',
      hourCycle: 'h23',
    })
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        (at) => {
          const got = Object.fromEntries(parts.formatToParts(at).map((p) => [p.type, p.value]))
          const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at)
          const expected =
            !['Sat', 'Sun'].includes(got.weekday as string) &&
            Number(got.hour) >= 9 &&
            Number(got.hour) < 17 &&
            !weekdays9to5.holidays.includes(day)
          expect(isOpen(weekdays9to5, at)).toBe(expected)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('the flow tester', () => {
  it('walks the menu to the queue when the caller presses 1 in office hours', () => {
    const test = walkFlow(claimsLine, [key('1')], mondayNoonLondon)
    expect(test.visits.map((v) => v.stepId)).toEqual(['hours', 'welcome', 'menu', 'menu', 'queue'])
    expect(test.end).toMatchObject({ _tag: 'Queue', queueId: 'claims' })
  })
  it('understands words instead of keys', () => {
    expect(
      walkFlow(claimsLine, [words('I want to make a New Claim please')], mondayNoonLondon).end._tag,
    ).toBe('Queue')
    expect(walkFlow(claimsLine, [words('Leave a message.')], mondayNoonLondon).end._tag).toBe('Voicemail')
  })
  it('asks again on no match, then gives up to noMatch after the last attempt', () => {
    const test = walkFlow(claimsLine, [key('9'), words('pizza'), key('7')], mondayNoonLondon)
    expect(test.visits.filter((v) => v.stepId === 'menu').map((v) => v.detail)).toEqual([
      'asked (attempt 1 of 3)',
      'pressed 9, no match: asked again (attempt 2 of 3)',
      'said "pizza", no match: asked again (attempt 3 of 3)',
      'pressed 7, no match after 3 attempts: to goodbye',
    ])
    expect(test.end._tag).toBe('HangUp')
  })
  it('sends a silent caller to noInput after three tries', () => {
    const test = walkFlow(claimsLine, [silence], mondayNoonLondon)
    expect(test.end).toMatchObject({ _tag: 'Voicemail', boxId: 'claims-box' })
    expect(test.visits.filter((v) => v.stepId === 'menu')).toHaveLength(4)
  })
  it('takes a caller out of hours straight to voicemail, saying why', () => {
    const test = walkFlow(claimsLine, [key('1')], new Date('2026-11-28T12:00:00Z'))
    expect(test.visits[0]?.detail).toBe('closed (sat 2026-11-28 12:00 Europe/London)')
    expect(test.end._tag).toBe('Voicemail')
    expect(test.unusedInputs).toBe(1)
  })
})

describe('an AI agent step', () => {
  it('is where the call leaves the flow: the tester ends there, naming the agent', () => {
    const flow: FlowDefinition = {
      ...claimsLine,
      steps: claimsLine.steps.map((s) =>
        s.id === 'queue' ? { _tag: 'ai-agent', id: 'queue', agentId: 'claims-ai' } : s,
      ),
    }
    const walked = walkFlow(flow, [key('1')], mondayNoonLondon)
    expect(walked.end).toEqual({ _tag: 'AiAgent', stepId: 'queue', agentId: 'claims-ai', prompts: [] })
    expect(walked.visits.at(-1)).toEqual({
      stepId: 'queue',
      kind: 'ai-agent',
      detail: 'to AI agent claims-ai',
    })
    expect(isEnd({ _tag: 'ai-agent', id: 'x', agentId: 'claims-ai' })).toBe(true)
    expect(exitsOf({ _tag: 'ai-agent', id: 'x', agentId: 'claims-ai' })).toEqual([])
  })
})

describe('the flow validator', () => {
  const refusal = (flow: unknown) => {
    const result = validateFlow(flow, targets)
    if (Either.isRight(result)) throw new Error('expected a refusal')
    return result.left
  }
  const replace = (id: string, step: Step): FlowDefinition => ({
    ...claimsLine,
    steps: claimsLine.steps.map((s) => (s.id === id ? step : s)),
  })
  it('accepts the claims line', () => {
    expect(Either.isRight(validateFlow(claimsLine, targets))).toBe(true)
  })
  it('refuses a step that leads nowhere, naming the step and field', () => {
    const error = refusal(replace('welcome', { _tag: 'say', id: 'welcome', text: 'Hi', next: 'nowhere' }))
    expect(error).toMatchObject({ step: 'welcome', field: 'steps.welcome.next' })
    expect(error.message).toContain('"nowhere", which is not a step')
  })
  it('refuses a loop of steps that runs with nobody pressing anything', () => {
    const error = refusal(replace('closed', { _tag: 'say', id: 'closed', text: 'Closed', next: 'hours' }))
    expect(error.step).toBe('hours')
    expect(error.message).toContain('loops without an exit')
  })
  it('refuses a menu a silent caller can never leave', () => {
    const flow: FlowDefinition = {
      start: 'menu',
      steps: [
        {
          _tag: 'menu',
          id: 'menu',
          prompt: { say: 'Press 1' },
          choices: [{ digit: '1', words: [], next: 'bye' }],
          timeoutSeconds: 5,
          attempts: 2,
          noInput: 'again',
          noMatch: 'bye',
        },
        { _tag: 'say', id: 'again', text: 'Are you there?', next: 'menu' },
        { _tag: 'hang-up', id: 'bye' },
      ],
    }
    const error = refusal(flow)
    expect(error.step).toBe('menu')
    expect(error.message).toContain('a caller who presses nothing goes round menu → again → menu')
  })
  it('refuses a silent loop through business hours, though the open branch reaches an end', () => {
    // Out of hours, a silent caller goes hours → menu → hours... at every call (found by the property).
    const error = refusal(
      replace('menu', {
        ...(claimsLine.steps.find((s) => s.id === 'menu') as Step & { _tag: 'menu' }),
        noInput: 'hours',
      }),
    )
    expect(error.message).toContain('a caller who presses nothing goes round')
  })
  it('refuses an unknown queue and an unknown voicemail box', () => {
    expect(
      refusal(replace('queue', { _tag: 'queue', id: 'queue', queueId: 'sales', hold: null })),
    ).toMatchObject({
      step: 'queue',
      field: 'steps.queue.queueId',
    })
    expect(refusal(replace('voicemail', { _tag: 'voicemail', id: 'voicemail', boxId: 'x' }))).toMatchObject({
      step: 'voicemail',
      field: 'steps.voicemail.boxId',
    })
  })
  it('refuses an AI agent step naming an agent there is not, naming the step', () => {
    const toAi = replace('queue', { _tag: 'ai-agent', id: 'queue', agentId: 'claims-ai' })
    expect(Either.isRight(validateFlow(toAi, targets))).toBe(true)
    const error = refusal(replace('queue', { _tag: 'ai-agent', id: 'queue', agentId: 'sales-ai' }))
    expect(error).toMatchObject({ step: 'queue', field: 'steps.queue.agentId' })
    expect(error.message).toBe('step queue: there is no AI agent "sales-ai"')
    // Without voice AI there are no AI agents at all.
    expect(Either.isLeft(validateFlow(toAi, { queueIds: targets.queueIds, boxIds: targets.boxIds }))).toBe(
      true,
    )
    expect(
      refusal(replace('queue', { _tag: 'ai-agent', id: 'queue', agentId: 'Claims AI' } as Step)),
    ).toMatchObject({ step: null })
  })
  it('refuses a start that is not a step, and a shape that is not a flow', () => {
    expect(refusal({ ...claimsLine, start: 'nope' }).field).toBe('start')
    expect(refusal({ start: 'a', steps: [{ _tag: 'say', id: 'a' }] }).field).toContain('steps.0')
  })
})

// ---- properties -------------------------------------------------------------------------------

const kinds = ['say', 'hours', 'menu', 'queue', 'voicemail', 'hang-up', 'ai-agent'] as const

/** A random flow over `n` steps: random kinds, every exit pointing at a random step (or a missing one). */
const randomFlow = fc.integer({ min: 1, max: 8 }).chain((n) => {
  const target = fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: n - 1 }).map((i) => `s${i}`) },
    { weight: 1, arbitrary: fc.constant('missing') },
  )
  const step = (i: number): fc.Arbitrary<Step> =>
    fc.constantFrom(...kinds).chain((kind): fc.Arbitrary<Step> => {
      const id = `s${i}`
      switch (kind) {
        case 'say':
          return target.map((next) => ({ _tag: 'say', id, text: 'hello', next }))
        case 'hours':
          return fc
            .tuple(target, target)
            .map(([whenOpen, whenClosed]) => ({ _tag: 'hours', id, ...weekdays9to5, whenOpen, whenClosed }))
        case 'menu':
          return fc
            .tuple(
              fc.array(target, { minLength: 1, maxLength: 3 }),
              target,
              target,
              fc.integer({ min: 1, max: 3 }),
            )
            .map(([nexts, noInput, noMatch, attempts]) => ({
              _tag: 'menu',
              id,
              prompt: { say: 'choose' },
              choices: nexts.map((next, index) => ({
                digit: String(index + 1),
                words: [`option ${index + 1}`],
                next,
              })),
              timeoutSeconds: 5,
              attempts,
              noInput,
              noMatch,
            }))
        case 'queue':
          return fc.constant({ _tag: 'queue', id, queueId: 'claims', hold: null })
        case 'voicemail':
          return fc.constant({ _tag: 'voicemail', id, boxId: 'claims-box' })
        case 'ai-agent':
          return fc.constant({ _tag: 'ai-agent', id, agentId: 'claims-ai' })
        default:
          return fc.constant({ _tag: 'hang-up', id })
      }
    })
  return fc
    .tuple(...Array.from({ length: n }, (_, i) => step(i)))
    .map((steps): FlowDefinition => ({ start: 's0', steps }))
})

const callerInput = fc.oneof(
  fc.constantFrom('1', '2', '3', '9', '#').map(key),
  fc.constantFrom('option 1', 'option 2', 'nothing useful').map(words),
  fc.constant(silence),
)
const instant = fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true })

describe('validator and walker (properties)', () => {
  it('a flow the validator accepts ends for any caller at any time, each step following the last', () => {
    fc.assert(
      fc.property(randomFlow, fc.array(callerInput, { maxLength: 12 }), instant, (flow, inputs, at) => {
        if (Either.isLeft(validateFlow(flow, targets))) return
        const test = walkFlow(flow, inputs, at)
        expect(isEnd(flow.steps.find((s) => s.id === test.end.stepId) as Step)).toBe(true)
        const byId = new Map(flow.steps.map((s) => [s.id, s]))
        for (const [index, visit] of test.visits.entries()) {
          const previous = test.visits[index - 1]
          if (!previous || previous.stepId === visit.stepId) continue
          const exits = exitsOf(byId.get(previous.stepId) as Step).map((e) => e.to)
          expect(exits).toContain(visit.stepId)
        }
      }),
      { numRuns: 2000 },
    )
  })
  it('a refused flow is refused naming a step of the flow (or its start)', () => {
    fc.assert(
      fc.property(randomFlow, (flow) => {
        const result = validateFlow(flow, targets)
        if (Either.isRight(result)) return
        const { step, field, message } = result.left
        if (step === null) expect(field).toBe('start')
        else {
          expect(flow.steps.map((s) => s.id)).toContain(step)
          expect(message).toContain(`step ${step}`)
        }
      }),
      { numRuns: 2000 },
    )
  })
  it('a flow whose steps only lead forward to ends is always accepted', () => {
    const forward = fc.integer({ min: 2, max: 8 }).chain((n) =>
      fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.integer({ min: i + 1, max: n - 1 }))).map(
        (nexts): FlowDefinition => ({
          start: 's0',
          steps: [
            ...nexts.map((to, i): Step => ({ _tag: 'say', id: `s${i}`, text: 'hi', next: `s${to}` })),
            { _tag: 'hang-up', id: `s${n - 1}` },
          ],
        }),
      ),
    )
    fc.assert(
      fc.property(forward, (flow) => {
        expect(Either.isRight(validateFlow(flow, targets))).toBe(true)
      }),
    )
  })
  it('pointing any exit at a missing step is refused naming that step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: claimsLine.steps.length - 1 }), (index) => {
        const step = claimsLine.steps[index] as Step
        if (exitsOf(step).length === 0) return
        const steps = claimsLine.steps.map((s): Step => {
          if (s.id !== step.id) return s
          if ('next' in s) return { ...s, next: 'gone' }
          if (s._tag === 'hours') return { ...s, whenClosed: 'gone' }
          return s._tag === 'menu' ? { ...s, noMatch: 'gone' } : s
        })
        const result = validateFlow({ ...claimsLine, steps }, targets)
        expect(Either.isLeft(result) && result.left.step).toBe(step.id)
      }),
    )
  })
})
