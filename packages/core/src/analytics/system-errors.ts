import { Context, Effect, Schema } from 'effect'
import type { CallEnded } from '../calls/events.js'
import { csvOf } from '../kernel/csv.js'
import type { DomainEvent } from '../kernel/events.js'
import { SystemErrorKind, type SystemErrorOccurred } from '../kernel/system-errors.js'
import type { RecordingFailed } from '../recordings/pipeline.js'
import type { TranscriptFailed } from '../transcripts/events.js'
import { decodeMetricsRange, type MetricsRange, type MetricsRangeInput } from './metrics-range.js'

/** The system error store failed (connection, query). Carries the driver's error as `cause`. */
export class SystemErrorStoreError extends Schema.TaggedError<SystemErrorStoreError>()(
  'SystemErrorStoreError',
  {
    operation: Schema.String,
    message: Schema.String,
    cause: Schema.optional(Schema.Defect),
  },
) {}

/** One system error as kept: what kind, its cause, where, about which call and lead, when. */
export const SystemError = Schema.Struct({
  id: Schema.String,
  kind: SystemErrorKind,
  cause: Schema.String,
  message: Schema.String,
  source: Schema.String,
  sessionId: Schema.NullOr(Schema.String),
  leadId: Schema.NullOr(Schema.String),
  occurredAt: Schema.DateFromSelf,
})
export type SystemError = typeof SystemError.Type
export type NewSystemError = Omit<SystemError, 'id'>

/** Every kind, in the order the quality page lists them. */
export const systemErrorKinds: ReadonlyArray<SystemErrorKind> = SystemErrorKind.literals

/**
 * The quality page's figures over a range: a count per kind (every kind, zero ones too), per cause
 * (most first, then by kind and cause, with the latest time), per day and kind (every day of the
 * range, every kind) and the latest errors, newest first.
 */
export const SystemErrorSummary = Schema.Struct({
  byKind: Schema.Array(Schema.Struct({ kind: SystemErrorKind, count: Schema.Number })),
  byCause: Schema.Array(
    Schema.Struct({
      kind: SystemErrorKind,
      cause: Schema.String,
      count: Schema.Number,
      lastAt: Schema.DateFromSelf,
    }),
  ),
  daily: Schema.Array(Schema.Struct({ day: Schema.String, kind: SystemErrorKind, count: Schema.Number })),
  latest: Schema.Array(SystemError),
})
export type SystemErrorSummary = typeof SystemErrorSummary.Type

type Op<A> = Effect.Effect<A, SystemErrorStoreError>

export interface SystemErrorStoreService {
  readonly record: (error: NewSystemError) => Op<SystemError>
  /** The figures over the errors that occurred on the range's days (in its zone), with the `latest` newest. */
  readonly summary: (range: MetricsRange, latest: number) => Op<SystemErrorSummary>
  readonly find: (id: string) => Op<SystemError | null>
}

export class SystemErrorStore extends Context.Tag('@ringlane/core/SystemErrorStore')<
  SystemErrorStore,
  SystemErrorStoreService
>() {}

/**
 * The system error a domain event reports, or null: a call that ended `failed`, a recording whose
 * media could not be fetched, a failed transcription try (the provider's), and every
 * `SystemErrorOccurred` as published.
 */
export const systemErrorOf = (event: DomainEvent): NewSystemError | null => {
  switch (event._tag) {
    case 'SystemErrorOccurred': {
      const e = event as SystemErrorOccurred
      return {
        kind: e.kind,
        cause: e.cause,
        message: e.message,
        source: e.source,
        sessionId: e.sessionId,
        leadId: e.leadId,
        occurredAt: e.at,
      }
    }
    case 'CallEnded': {
      const e = event as CallEnded
      if (e.status !== 'failed') return null
      return {
        kind: 'failed-call',
        cause: e.endReason ?? 'provider reported failed',
        message: 'The call failed: the provider could not place or carry it',
        source: 'calls',
        sessionId: e.sessionId,
        leadId: e.leadId,
        occurredAt: e.at,
      }
    }
    case 'RecordingFailed': {
      const e = event as RecordingFailed
      return {
        kind: 'recording-fetch-failed',
        cause: 'media not fetched',
        message: e.reason,
        source: 'recordings',
        sessionId: e.sessionId,
        leadId: null,
        occurredAt: e.at,
      }
    }
    case 'TranscriptFailed': {
      const e = event as TranscriptFailed
      return {
        kind: 'provider-error',
        cause: 'transcription',
        message: e.reason,
        source: 'transcripts',
        sessionId: null,
        leadId: null,
        occurredAt: e.at,
      }
    }
    default:
      return null
  }
}

/** Providers' failures, by the tag of the error their port fails with. */
const providerErrors = new Set([
  'TelephonyError',
  'MessagingError',
  'TranscriptionError',
  'PricingError',
  'RecordingStorageError',
  'LeadSourceError',
  'SourceUnavailable',
  'CircuitOpen',
])

const textOf = (value: unknown) => (typeof value === 'string' ? value : null)

/**
 * The system error an SDK method's refusal reports, or null for one that is not (a business refusal
 * such as an agent not available, or a store's failure): a refused webhook by its reason or the field
 * at fault, input refused as invalid by the error and field, a provider's failure by its error.
 */
export const refusalReported = (source: string, error: unknown, at: Date): SystemErrorOccurred | null => {
  if (typeof error !== 'object' || error === null) return null
  const fields = error as Record<string, unknown>
  const tag = textOf(fields._tag)
  if (tag === null) return null
  const field = textOf(fields.field)
  const message = textOf(fields.message) ?? tag
  const event = (kind: SystemErrorKind, cause: string): SystemErrorOccurred => ({
    _tag: 'SystemErrorOccurred',
    at,
    kind,
    cause,
    message,
    source,
    sessionId: null,
    leadId: null,
  })
  if (tag === 'WebhookRejected') return event('rejected-webhook', textOf(fields.reason) ?? 'rejected')
  if (tag === 'InvalidWebhook') return event('rejected-webhook', `malformed: ${field ?? 'body'}`)
  if (providerErrors.has(tag)) return event('provider-error', tag)
  if (tag.startsWith('Invalid') || tag === 'ListImportRejected')
    return event('validation-refused', field === null ? tag : `${tag}: ${field}`)
  return null
}

/** Keeps the system error an event reports, if it reports one. */
export const recordSystemError = (
  event: DomainEvent,
): Effect.Effect<SystemError | null, SystemErrorStoreError, SystemErrorStore> => {
  const error = systemErrorOf(event)
  return error === null
    ? Effect.succeed(null)
    : Effect.flatMap(SystemErrorStore, (store) => store.record(error))
}

/** The quality page: the range decoded, and the system errors on its days. Rejects `InvalidMetricsRange`. */
export const systemErrorReport = (input: MetricsRangeInput, latest = 50) =>
  Effect.gen(function* () {
    const range = yield* decodeMetricsRange(input)
    const summary = yield* Effect.flatMap(SystemErrorStore, (store) => store.summary(range, latest))
    return { range, ...summary }
  })

export type SystemErrorReport = SystemErrorSummary & { readonly range: MetricsRange }

/** The report as CSV: counts by kind and cause, then the latest errors. */
export const systemErrorReportCsv = (report: SystemErrorReport): string =>
  csvOf([
    ['section', 'kind', 'cause', 'count', 'last at'],
    ...report.byKind.map((k) => ['kind', k.kind, '', k.count, '']),
    ...report.byCause.map((c) => ['cause', c.kind, c.cause, c.count, c.lastAt.toISOString()]),
    [],
    ['error', 'occurred at', 'kind', 'cause', 'source', 'message', 'call', 'lead'],
    ...report.latest.map((e) => [
      e.id,
      e.occurredAt.toISOString(),
      e.kind,
      e.cause,
      e.source,
      e.message,
      e.sessionId,
      e.leadId,
    ]),
  ])
