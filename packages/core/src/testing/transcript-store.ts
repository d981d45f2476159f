import { Effect, Option } from 'effect'
import { describe, expect, it } from 'vitest'
import type { Transcript, TranscriptId, TranscriptTurn } from '../transcripts/transcript.js'
import type { NewTranscript, TranscriptStoreService } from '../transcripts/transcript-store.js'
import { withFixture } from './suite.js'

/** Reads what the store really wrote, bypassing the adapter under test (raw queries). */
export interface TranscriptStoreInspector {
  readonly transcriptCount: () => Promise<number>
  /** The turns stored for a transcript, in order, as raw rows say. */
  readonly turns: (transcriptId: string) => Promise<ReadonlyArray<TranscriptTurn>>
  /** The transcript's status column. */
  readonly status: (transcriptId: string) => Promise<string | undefined>
}

export interface TranscriptStoreFixture {
  readonly store: TranscriptStoreService
  readonly inspect: TranscriptStoreInspector
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute))

/** A stored recording's transcript to queue: recording `n` (a UUID), its call and session named after it. */
export const newTranscript = (n: number, extra: Partial<NewTranscript> = {}): NewTranscript => ({
  recordingId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  sessionId: `session-${n}`,
  provider: 'simulator',
  source: {
    providerRecordingId: `RE-${n}`,
    providerCallId: `CA-${n}`,
    mediaUrl: null,
    durationSeconds: 42,
    channels: 2,
  },
  ...extra,
})

const turns: ReadonlyArray<TranscriptTurn> = [
  {
    speaker: 'agent',
    startSeconds: 0,
    endSeconds: 3.5,
    text: 'Hello, I am calling about your refund claim.',
  },
  { speaker: 'customer', startSeconds: 3.5, endSeconds: 6.25, text: 'Yes, I signed the forms yesterday.' },
  { speaker: 'agent', startSeconds: 7, endSeconds: 9, text: 'Thank you, the payment is on its way.' },
]

/**
 * The contract every transcript store meets. Call it once from the adapter's test file with a setup
 * that returns a fresh, migrated store on a real engine.
 */
export const describeTranscriptStoreConformance = (
  name: string,
  setup: () => Promise<TranscriptStoreFixture>,
) =>
  describe(`TranscriptStore conformance: ${name}`, () => {
    let fixture: TranscriptStoreFixture
    let store: TranscriptStoreService
    const queue = async (n: number, now = at(0), extra: Partial<NewTranscript> = {}) =>
      (await run(store.queueTranscript(newTranscript(n, extra), now))).transcript
    const completed = async (n: number, said: ReadonlyArray<TranscriptTurn>, now = at(1)) => {
      const queued = await queue(n, now)
      await run(store.markRequested(queued.id, `GT-${n}`, now))
      return Option.getOrThrow(await run(store.completeTranscript(queued.id, said, now)))
    }

    withFixture(setup, (opened) => {
      fixture = opened
      store = fixture.store
    })

    it('queues a recording once, however many times it is asked', async () => {
      const first = await run(store.queueTranscript(newTranscript(1), at(0)))
      const again = await run(store.queueTranscript(newTranscript(1), at(5)))
      expect(first.created).toBe(true)
      expect(again.created).toBe(false)
      expect(again.transcript.id).toBe(first.transcript.id)
      expect(first.transcript).toMatchObject({
        recordingId: newTranscript(1).recordingId,
        sessionId: 'session-1',
        providerCallId: 'CA-1',
        source: {
          providerRecordingId: 'RE-1',
          providerCallId: 'CA-1',
          mediaUrl: null,
          durationSeconds: 42,
          channels: 2,
        },
        provider: 'simulator',
        providerTranscriptId: null,
        status: 'queued',
        attempts: 0,
        failureReason: null,
        turns: [],
        completedAt: null,
      })
      expect(await fixture.inspect.transcriptCount()).toBe(1)
    })

    it('makes one row when the same recording is queued concurrently', async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, () => run(store.queueTranscript(newTranscript(2), at(0)))),
      )
      expect(results.filter((r) => r.created)).toHaveLength(1)
      expect(new Set(results.map((r) => r.transcript.id)).size).toBe(1)
      expect(await fixture.inspect.transcriptCount()).toBe(1)
    })

    it('counts a request and finds the transcript by the provider id', async () => {
      const queued = await queue(1)
      const requested = await run(store.markRequested(queued.id, 'GT-1', at(2)))
      expect(requested).toMatchObject({ status: 'requested', attempts: 1, providerTranscriptId: 'GT-1' })
      expect(requested.updatedAt).toEqual(at(2))
      const found = await run(store.transcriptByProviderId('simulator', 'GT-1'))
      expect(Option.map(found, (t) => t.id)).toEqual(Option.some(queued.id))
      expect(Option.isNone(await run(store.transcriptByProviderId('twilio', 'GT-1')))).toBe(true)
    })

    it('stores the turns in order and completes once; a second completion writes nothing', async () => {
      const done = await completed(1, turns, at(3))
      expect(done.status).toBe('completed')
      expect(done.turns).toEqual(turns)
      expect(done.completedAt).toEqual(at(3))
      expect(await fixture.inspect.turns(done.id)).toEqual(turns)
      const again = await run(store.completeTranscript(done.id, [turns[0] as TranscriptTurn], at(4)))
      expect(Option.isNone(again)).toBe(true)
      expect(await fixture.inspect.turns(done.id)).toEqual(turns)
      const read = Option.getOrThrow(await run(store.transcriptOfRecording(done.recordingId)))
      expect(read.turns).toEqual(turns)
    })

    it('keeps a failure with its reason, attempts and retry time', async () => {
      const queued = await queue(1)
      const failed = await run(
        store.markFailed(queued.id, { reason: 'HTTP 503', attempts: 1, retryAt: at(10) }, at(2)),
      )
      expect(failed).toMatchObject({ status: 'failed', failureReason: 'HTTP 503', attempts: 1 })
      expect(failed.nextAttemptAt).toEqual(at(10))
      expect(await fixture.inspect.status(queued.id)).toBe('failed')
    })

    it('gives the job what is due: queued, requested, and failed whose retry time came, oldest first', async () => {
      const queued = await queue(1, at(0))
      const requested = await queue(2, at(1))
      await run(store.markRequested(requested.id, 'GT-2', at(1)))
      const retryNow = await queue(3, at(2))
      await run(store.markFailed(retryNow.id, { reason: 'x', attempts: 1, retryAt: at(5) }, at(2)))
      const retryLater = await queue(4, at(3))
      await run(store.markFailed(retryLater.id, { reason: 'x', attempts: 1, retryAt: at(30) }, at(3)))
      const givenUp = await queue(5, at(4))
      await run(store.markFailed(givenUp.id, { reason: 'x', attempts: 5, retryAt: null }, at(4)))
      await completed(6, turns, at(5))

      const due = await run(store.dueTranscripts(at(10), 10))
      expect(due.map((t) => t.id)).toEqual([queued.id, requested.id, retryNow.id])
      expect((await run(store.dueTranscripts(at(10), 2))).map((t) => t.id)).toEqual([queued.id, requested.id])
      expect((await run(store.dueTranscripts(at(31), 10))).map((t) => t.id)).toContain(retryLater.id)
    })

    it("finds a call's transcripts by session or provider call id", async () => {
      const one = await queue(1)
      await queue(2)
      expect((await run(store.transcriptsOfCall({ sessionId: 'session-1' }))).map((t) => t.id)).toEqual([
        one.id,
      ])
      expect((await run(store.transcriptsOfCall({ providerCallId: 'CA-1' }))).map((t) => t.id)).toEqual([
        one.id,
      ])
      expect(await run(store.transcriptsOfCall({ sessionId: 'nobody' }))).toEqual([])
    })

    describe('full-text search', () => {
      it('finds turns by a word in another form (stemmed), with their call and time', async () => {
        const done = await completed(1, turns)
        const hits = await run(store.searchTranscripts({ query: 'refunds', limit: 10 }))
        expect(hits).toEqual([
          {
            transcriptId: done.id,
            recordingId: done.recordingId,
            sessionId: 'session-1',
            providerCallId: 'CA-1',
            position: 0,
            speaker: 'agent',
            startSeconds: 0,
            endSeconds: 3.5,
            text: turns[0]?.text,
            completedAt: at(1),
          },
        ])
      })

      it('keeps a quoted phrase together and leaves out -words', async () => {
        await completed(1, turns)
        await completed(2, [
          { speaker: 'customer', startSeconds: 1, endSeconds: 2, text: 'The forms were signed.' },
        ])
        const phrase = await run(store.searchTranscripts({ query: '"signed the forms"', limit: 10 }))
        expect(phrase.map((h) => h.sessionId)).toEqual(['session-1'])
        const either = await run(store.searchTranscripts({ query: 'signed forms', limit: 10 }))
        expect(either.map((h) => h.sessionId).sort()).toEqual(['session-1', 'session-2'])
        const without = await run(store.searchTranscripts({ query: 'signed -yesterday', limit: 10 }))
        expect(without.map((h) => h.sessionId)).toEqual(['session-2'])
      })

      it('searches completed transcripts only, and finds nothing for words nobody said', async () => {
        await completed(1, turns)
        await queue(2)
        expect(await run(store.searchTranscripts({ query: 'pineapple', limit: 10 }))).toEqual([])
        expect(await run(store.searchTranscripts({ query: '&|!():*', limit: 10 }))).toEqual([])
      })

      it('returns at most the limit', async () => {
        for (const n of [1, 2, 3]) await completed(n, turns)
        expect(await run(store.searchTranscripts({ query: 'refund', limit: 2 }))).toHaveLength(2)
      })
    })

    it('names a transcript it has no row for', async () => {
      const missing = '00000000-0000-4000-8000-00000000dead' as TranscriptId
      const error = await run(Effect.flip(store.markRequested(missing, 'GT', at(1))))
      expect(error._tag).toBe('TranscriptStoreError')
      expect(error.message).toContain(missing)
      expect(Option.isNone(await run(store.findTranscript(missing)))).toBe(true)
    })
  })

export type { Transcript }
