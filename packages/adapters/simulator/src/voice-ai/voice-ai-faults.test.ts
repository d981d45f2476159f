import { Routing, VoiceAi } from '@ringlane/core'
import { Clock, Effect, Exit, Fiber, Layer, Option, Schema, Stream, TestClock, TestContext } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type AgentScriptLine, simulatorVoiceAgent, type VoiceAgentFault } from './simulator-voice-agent.js'

// Issue 17, item 5: across seeded fault scenarios on a virtual clock, the caller never hears more
// than 2 s of silence while waiting for an agent, a handoff reaches the human queue within 3 s of the
// moment it became necessary, and everything the providers said is on the call's record.
const MAX_SILENCE_MS = 2000
const HANDOFF_WITHIN_MS = 3000
const FIRST_RESPONSE_MS = 1500

// Short caller lines: while the caller speaks the agent is rightly quiet, and these keep that well
// under the silence bound, so any long gap is the dialler's.
const script: ReadonlyArray<AgentScriptLine> = [
  { speaker: 'agent', text: 'Hello, this is the claims team about your refund.' },
  { speaker: 'caller', text: 'Yes, go on.' },
  { speaker: 'agent', text: 'Your forms arrived and the payment is being prepared.' },
  { speaker: 'caller', text: 'Good, when?' },
  { speaker: 'agent', text: 'Within five working days.' },
]

interface Scenario {
  readonly faults: ReadonlyArray<VoiceAgentFault | null>
  readonly callerAsksAfter: number | null
  readonly hangUpAtMs: number | null
  /** How long the human queue takes to take a call in. */
  readonly queueLatencyMs: number
}

/** What the providers really did, seen from outside the program under test. */
interface Observed {
  readonly opened: Array<{ provider: string; atMs: number }>
  readonly failed: Array<{ provider: string; reason: VoiceAi.FailureReason; atMs: number }>
  readonly said: Array<{ provider: string; speaker: VoiceAi.Speaker; text: string; atMs: number }>
  readonly askedForPersonAtMs: Array<number>
}

/** A provider wrapped so the test sees when it opened, what it said and when it failed. */
const watched = (
  provider: VoiceAi.VoiceAgentProviderService,
  seen: Observed,
): VoiceAi.VoiceAgentProviderService => ({
  name: provider.name,
  open: (brief) =>
    Effect.gen(function* () {
      seen.opened.push({ provider: provider.name, atMs: yield* Clock.currentTimeMillis })
      const failed = (error: VoiceAi.VoiceAgentFailure) =>
        Effect.map(Clock.currentTimeMillis, (atMs) => {
          seen.failed.push({ provider: provider.name, reason: error.reason, atMs })
        })
      const session = yield* Effect.tapError(provider.open(brief), failed)
      return {
        ...session,
        events: session.events.pipe(
          Stream.tap((event) =>
            Effect.map(Clock.currentTimeMillis, (atMs) => {
              if (event._tag === 'Transcript')
                seen.said.push({ provider: provider.name, speaker: event.speaker, text: event.text, atMs })
              if (event._tag === 'Intent' && event.intent === 'human-requested')
                seen.askedForPersonAtMs.push(atMs)
            }),
          ),
          Stream.tapError(failed),
        ),
      }
    }),
})

/**
 * The caller's end of the line: what they hear, as intervals of audio in real time (queued audio
 * plays after what is already playing; `clear` cuts it), and their own audio every 100 ms until they
 * hang up.
 */
const callerLine = (hangUpAtMs: number | null) => {
  const heard: Array<{ from: number; to: number }> = []
  let queuedUntil = 0
  const line: VoiceAi.CallAudioLine = {
    listen: Effect.gen(function* () {
      yield* Effect.sleep('100 millis')
      const now = yield* Clock.currentTimeMillis
      return hangUpAtMs !== null && now >= hangUpAtMs
        ? { _tag: 'Ended' as const }
        : { _tag: 'Audio' as const, payload: Buffer.alloc(800, 0xff).toString('base64') }
    }),
    play: (payload) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        const millis = Buffer.from(payload, 'base64').length / 8
        const from = Math.max(now, queuedUntil)
        queuedUntil = from + millis
        heard.push({ from, to: queuedUntil })
      }),
    clear: Effect.map(Clock.currentTimeMillis, (now) => {
      queuedUntil = Math.min(queuedUntil, now)
      for (const interval of heard) interval.to = Math.min(interval.to, Math.max(interval.from, now))
    }),
  }
  /** The longest stretch with nothing playing between `from` and `to`. */
  const longestSilence = (from: number, to: number) => {
    let longest = 0
    let cursor = from
    for (const interval of [...heard].filter((i) => i.to > i.from).sort((a, b) => a.from - b.from)) {
      if (interval.from > cursor) longest = Math.max(longest, Math.min(interval.from, to) - cursor)
      cursor = Math.max(cursor, interval.to)
      if (cursor >= to) break
    }
    return Math.max(longest, to - cursor)
  }
  return { line, longestSilence }
}

const agent = (providers: ReadonlyArray<string>) =>
  ({
    id: 'claims-ai',
    name: 'Claims assistant',
    instructions: 'You call claimants about their refund and answer their questions.',
    providers,
    handoffQueueId: 'people',
  }) as unknown as VoiceAi.VoiceAgent

/** The human queue: a live-call queue with routing's defaults. */
const humanQueue: Routing.RoutingQueue = {
  ...Schema.decodeUnknownSync(Routing.RoutingQueueInput)({ id: 'people', name: 'People' }),
  version: 1,
}

/** Runs one scenario on a virtual clock, stepping it until the AI session ends. */
const runScenario = async (scenario: Scenario) => {
  const seen: Observed = { opened: [], failed: [], said: [], askedForPersonAtMs: [] }
  const names = scenario.faults.map((_, index) => `sim-${index}`)
  const providers = scenario.faults.map((fault, index) =>
    watched(
      simulatorVoiceAgent({
        name: `sim-${index}`,
        script,
        ...(fault ? { fault } : {}),
        ...(scenario.callerAsksAfter === null ? {} : { callerAsksForPersonAfter: scenario.callerAsksAfter }),
      }),
      seen,
    ),
  )
  const store = VoiceAi.inMemoryVoiceAiStore()
  const queue = Routing.inMemoryRoutingStore()
  // The queue takes its time; when the call is really in it is when the write is done.
  let queuedAtMs: number | null = null
  const routing: Routing.RoutingStoreService = {
    ...queue,
    addContact: (contact, maxOpen) =>
      Effect.sleep(scenario.queueLatencyMs).pipe(
        Effect.zipRight(queue.addContact(contact, maxOpen)),
        Effect.tap(() => Effect.map(Clock.currentTimeMillis, (at) => (queuedAtMs ??= at))),
      ),
  }
  const { line, longestSilence } = callerLine(scenario.hangUpAtMs)
  const program = Effect.gen(function* () {
    yield* routing.saveQueue(humanQueue)
    yield* store.saveAgent(agent(names), new Date(0))
    const fiber = yield* Effect.fork(
      VoiceAi.takeCall(
        {
          callId: 'call-1',
          providerCallId: 'CA1',
          agentId: 'claims-ai',
          direction: 'outbound',
          context: 'Refund claim 123; the campaign wants the claimant to confirm their bank details.',
        },
        line,
      ),
    )
    for (let step = 0; step < 600; step++) {
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) return { exit: done.value, endedAtMs: yield* Clock.currentTimeMillis }
      yield* TestClock.adjust('100 millis')
    }
    return yield* Effect.dieMessage('the AI session did not end within 60 s of virtual time')
  })
  const services = Layer.mergeAll(
    Layer.succeed(VoiceAi.VoiceAiStore, store),
    Layer.succeed(VoiceAi.VoiceAgentProviders, providers),
    Layer.succeed(Routing.RoutingStore, routing),
    VoiceAi.VoiceAiConfig.layer({ firstResponseMs: FIRST_RESPONSE_MS }),
  )
  const { exit, endedAtMs } = await Effect.runPromise(
    program.pipe(Effect.provide(services), Effect.provide(TestContext.TestContext)),
  )
  const contacts = await Effect.runPromise(routing.contacts({ since: new Date(0), until: new Date(8.64e15) }))
  return { exit, endedAtMs, seen, longestSilence, store, contacts, queuedAtMs }
}

const fault: fc.Arbitrary<VoiceAgentFault | null> = fc.oneof(
  fc.constant(null),
  fc.constant({ kind: 'silence' as const }),
  // Either side of the 1.5 s window, never on it (a tie is decided by fiber order, not by a rule).
  fc.oneof(fc.integer({ min: 50, max: 1400 }), fc.integer({ min: 1600, max: 5000 })).map((delayMs) => ({
    kind: 'slow-first-response' as const,
    delayMs,
  })),
  fc.integer({ min: 0, max: 9000 }).map((afterMs) => ({ kind: 'disconnect' as const, afterMs })),
  fc.integer({ min: 0, max: 9000 }).map((afterMs) => ({ kind: 'garbage' as const, afterMs })),
  fc.constant({ kind: 'refuse' as const }),
  fc.constant({ kind: 'unreachable' as const }),
)

const scenarios: fc.Arbitrary<Scenario> = fc.record({
  faults: fc.array(fault, { minLength: 1, maxLength: 3 }),
  callerAsksAfter: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  hangUpAtMs: fc.option(fc.integer({ min: 500, max: 20_000 }), { nil: null }),
  queueLatencyMs: fc.integer({ min: 0, max: 2000 }),
})

describe('AI voice agents under injected faults (virtual clock)', () => {
  it('keeps silence under 2 s, hands over within 3 s and loses nothing from the record', async () => {
    const stats = { scenarios: 0, longestSilenceMs: 0, slowestHandoffMs: 0, handoffs: 0, finished: 0 }
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { exit, endedAtMs, seen, longestSilence, store, contacts, queuedAtMs } =
          await runScenario(scenario)
        // Never a crash, whatever the providers did.
        expect(Exit.isSuccess(exit)).toBe(true)
        if (!Exit.isSuccess(exit)) return
        const session = exit.value
        const hungUpAt = scenario.hangUpAtMs === null ? null : Math.ceil(scenario.hangUpAtMs / 100) * 100

        // Silence: from the answer until the call is in the human queue (its hold is the queue's), the
        // caller hung up, or the agent finished.
        const over = session.status === 'handed-off' ? (queuedAtMs ?? endedAtMs) : endedAtMs
        const until = Math.min(over, hungUpAt ?? Number.POSITIVE_INFINITY)
        const silence = longestSilence(0, until)
        expect(silence).toBeLessThanOrEqual(MAX_SILENCE_MS)
        stats.scenarios++
        stats.longestSilenceMs = Math.max(stats.longestSilenceMs, silence)

        const [contact] = contacts
        const allFailed =
          seen.failed.length === scenario.faults.length || seen.opened.length < seen.failed.length
        const asked = seen.askedForPersonAtMs[0]
        if (session.status === 'handed-off') {
          expect(contact).toMatchObject({ callId: 'call-1', queueId: 'people', state: 'waiting' })
          // When the handoff became necessary: the caller's request, or the moment the last provider
          // failed (by its own failure, or the end of its first-response window).
          const last = seen.opened[seen.opened.length - 1]
          const lastFailure = seen.failed.filter((f) => f.provider === last?.provider).at(-1)
          const needAt = asked ?? lastFailure?.atMs ?? (last?.atMs ?? 0) + FIRST_RESPONSE_MS
          const handoffMs = (queuedAtMs ?? Number.POSITIVE_INFINITY) - needAt
          expect(handoffMs).toBeLessThanOrEqual(HANDOFF_WITHIN_MS)
          stats.handoffs++
          stats.slowestHandoffMs = Math.max(stats.slowestHandoffMs, handoffMs)
          expect(session.handoff?.summary).toBeTruthy()
          const lastLine = seen.said.at(-1)
          if (lastLine) expect(session.handoff?.summary).toContain(lastLine.text)
        } else {
          stats.finished++
          expect(contact).toBeUndefined()
          // Only a hang-up or a finished conversation ends a session without a person.
          expect(asked === undefined || (hungUpAt !== null && hungUpAt <= asked)).toBe(true)
        }
        if (
          asked === undefined &&
          (hungUpAt === null || hungUpAt > endedAtMs) &&
          session.status !== 'handed-off'
        ) {
          expect(allFailed).toBe(false)
        }

        // Nothing lost: the record holds every line every provider said, in order, and one attempt
        // per provider asked, with the reason each failed.
        const [stored] = await Effect.runPromise(store.sessionsOfCall({ callId: 'call-1' }))
        expect(stored?.turns.map((t) => [t.provider, t.speaker, t.text])).toEqual(
          seen.said.map((s) => [s.provider, s.speaker, s.text]),
        )
        expect(stored?.attempts.map((a) => a.provider)).toEqual(
          scenario.faults.slice(0, stored?.attempts.length).map((_, index) => `sim-${index}`),
        )
        for (const attempt of stored?.attempts ?? []) {
          const failure = seen.failed.find((f) => f.provider === attempt.provider)
          if (failure) expect(attempt.failure?.reason).toBe(failure.reason)
          expect(attempt.endedAt).not.toBeNull()
        }
        expect(stored?.status).toBe(session.status)
      }),
      { seed: 17, numRuns: 30 },
    )
    // What the runs saw, in virtual time (fast-check's shrinking runs are counted too).
    console.info(`voice AI fault scenarios: ${JSON.stringify(stats)}`)
  }, 180_000)

  it('hands a call over when the only provider sends garbage, with the reason on the record', async () => {
    const { exit, seen, contacts } = await runScenario({
      faults: [{ kind: 'garbage', afterMs: 0 }],
      callerAsksAfter: null,
      hangUpAtMs: null,
      queueLatencyMs: 0,
    })
    expect(Exit.isSuccess(exit)).toBe(true)
    if (!Exit.isSuccess(exit)) return
    expect(exit.value.status).toBe('handed-off')
    expect(exit.value.handoff?.reason).toBe('providers-failed')
    expect(exit.value.attempts).toMatchObject([
      { provider: 'sim-0', failure: { reason: 'MalformedMessage' } },
    ])
    expect(seen.failed).toMatchObject([{ reason: 'MalformedMessage' }])
    expect(contacts).toHaveLength(1)
  })

  it('moves to the next provider 1.5 s after a silent one opened, with a filler in between', async () => {
    const { exit, seen, longestSilence } = await runScenario({
      faults: [{ kind: 'silence' }, null],
      callerAsksAfter: null,
      hangUpAtMs: null,
      queueLatencyMs: 0,
    })
    expect(Exit.isSuccess(exit)).toBe(true)
    expect(seen.opened.map((o) => [o.provider, o.atMs])).toEqual([
      ['sim-0', 0],
      ['sim-1', 1500],
    ])
    expect(longestSilence(0, 3000)).toBeLessThanOrEqual(1500)
    if (Exit.isSuccess(exit)) {
      expect(exit.value.status).toBe('completed')
      expect(exit.value.attempts.map((a) => a.failure?.reason ?? null)).toEqual(['NoFirstResponse', null])
    }
  })
})
