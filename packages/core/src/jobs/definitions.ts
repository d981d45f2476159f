import { Effect, Option } from 'effect'
import { callbackReminders } from '../calls/callback-reminders.js'
import { collectCosts } from '../calls/collect-costs.js'
import { reconcileCalls } from '../calls/reconcile-calls.js'
import { endLongWrapUps } from '../dialing/sign-in.js'
import { applyVoicemailRetention } from '../inbound/voicemail-programs.js'
import { trackLinkConversions } from '../magic-links/conversions.js'
import { MagicLinkStore } from '../magic-links/magic-link-store.js'
import { MagicLinksConfig } from '../magic-links/magic-links-config.js'
import { expireStaleClaims } from '../queues/claim.js'
import { trackConversions } from '../queues/conversions.js'
import { checkQueueLevels, type RegenerationResult, regenerateQueues } from '../queues/regenerate.js'
import { retryFailedRecordings } from '../recordings/pipeline.js'
import { RecordingStore } from '../recordings/recording-store.js'
import { applyRecordingRetention } from '../recordings/retention.js'
import { currentRetention } from '../recordings/retention-settings.js'
import { queueTranscript, transcribeDue } from '../transcripts/transcribe.js'
import { TranscriptStore } from '../transcripts/transcript-store.js'
import { defineJob, type JobSummary } from './job.js'

const regenerationSummary = (result: RegenerationResult | undefined): JobSummary =>
  result === undefined
    ? { regenerated: false }
    : result._tag === 'AlreadyRunning'
      ? { regenerated: false, alreadyRunning: true }
      : {
          regenerated: true,
          durationMs: result.durationMs,
          inserted: result.queues.map((q) => `${q.queueId}:${q.inserted}`),
        }

export const queueLevelCheck = defineJob({
  name: 'queue-level-check',
  cron: '*/5 * * * *',
  description: 'Regenerates the queues when one has fewer leads waiting than its threshold.',
  program: Effect.map(checkQueueLevels, (checked) => ({
    low: checked.low,
    ...regenerationSummary(checked.regeneration),
  })),
})

export const queueRegeneration = defineJob({
  name: 'queue-regeneration',
  cron: '0 * * * *',
  description: 'Rebuilds every queue from the lead source (one regeneration at a time across instances).',
  program: Effect.map(regenerateQueues(), regenerationSummary),
})

/** Link conversions are tracked when magic links are configured; queue conversions always. */
const linkConversions = Effect.gen(function* () {
  const store = yield* Effect.serviceOption(MagicLinkStore)
  const config = yield* Effect.serviceOption(MagicLinksConfig)
  if (Option.isNone(store) || Option.isNone(config)) return { checked: 0, converted: 0 }
  return yield* trackLinkConversions.pipe(
    Effect.provideService(MagicLinkStore, store.value),
    Effect.provideService(MagicLinksConfig, config.value),
  )
})

export const conversionTracking = defineJob({
  name: 'conversion-tracking',
  cron: '20 * * * *',
  description: 'Re-checks waiting leads and opened magic links against the source for conversions.',
  program: Effect.gen(function* () {
    const queues = yield* trackConversions()
    const links = yield* linkConversions
    return {
      leadsConverted: queues.reduce((sum, q) => sum + q.converted, 0),
      entriesRemoved: queues.reduce((sum, q) => sum + q.removed, 0),
      linksChecked: links.checked,
      linksConverted: links.converted,
    }
  }),
})

export const callbackReminderJob = defineJob({
  name: 'callback-reminders',
  cron: '* * * * *',
  description: 'Takes the callbacks coming due (each once, across instances) and publishes CallbackDue.',
  program: Effect.map(callbackReminders, (due) => ({ reminded: due.length })),
})

export const staleClaims = defineJob({
  name: 'stale-claims',
  cron: '*/3 * * * *',
  description: 'Gives back leads held longer than the claim expiry.',
  program: Effect.map(expireStaleClaims, (released) => ({ released })),
})

export const staleCalls = defineJob({
  name: 'stale-calls',
  cron: '*/5 * * * *',
  description: 'Settles calls whose final status never came: asks the provider, else times them out.',
  program: Effect.map(reconcileCalls, (report) => ({
    checked: report.checked,
    updatedFromProvider: report.updatedFromProvider,
    timedOut: report.timedOut,
  })),
})

export const wrapUpTimeout = defineJob({
  name: 'wrap-up-timeout',
  cron: '* * * * *',
  description: 'Makes agents available again once they have been in wrap-up longer than wrapUpSeconds.',
  program: Effect.map(endLongWrapUps, (moved) => ({ moved })),
})

export const recordingRetry = defineJob({
  name: 'recording-retry',
  cron: '*/15 * * * *',
  description: 'Fetches failed and abandoned recordings again.',
  program: Effect.map(retryFailedRecordings(), (report) => ({
    attempted: report.attempted,
    stored: report.stored,
    failed: report.failed,
  })),
})

/**
 * The newest stored recordings with no transcript are queued too: `RecordingStored` covers the webhook,
 * but a recording stored by a retry publishes nothing, and a busy event stream may drop an event.
 */
const queueMissedTranscripts = Effect.gen(function* () {
  const recordings = yield* RecordingStore
  const transcripts = yield* TranscriptStore
  let queued = 0
  for (const recording of yield* recordings.listRecordings({ status: 'stored', limit: 20 })) {
    if (Option.isSome(yield* transcripts.transcriptOfRecording(recording.id))) continue
    if ((yield* queueTranscript(recording)).created) queued++
  }
  return queued
})

export const transcription = defineJob({
  name: 'transcription',
  cron: '* * * * *',
  description:
    'Queues stored recordings with no transcript, asks the transcription provider for queued transcripts, collects finished ones, retries failed ones.',
  program: Effect.gen(function* () {
    const missed = yield* queueMissedTranscripts
    return { missedQueued: missed, ...(yield* transcribeDue()) }
  }),
})

export const costCollection = defineJob({
  name: 'cost-collection',
  cron: '*/10 * * * *',
  description:
    'Asks the provider what ended calls and sent texts cost, and keeps each price with its currency.',
  program: Effect.map(collectCosts(), (report) => ({ ...report })),
})

export const dailyCleanup = defineJob({
  name: 'daily-cleanup',
  cron: '30 2 * * *',
  description:
    'Deletes recordings older than the retention period in force (stored in the app, else retentionDays); the rows stay, marked deleted.',
  program: Effect.gen(function* () {
    const { recordingDays } = yield* currentRetention
    const retention = yield* applyRecordingRetention({ olderThanDays: recordingDays })
    return { recordingsDeleted: retention.deleted, recordingsNotDeleted: retention.failed.length }
  }),
})

export const voicemailRetention = defineJob({
  name: 'voicemail-retention',
  cron: '45 2 * * *',
  description: "Deletes voicemails older than their box's retentionDays, and their recordings' media.",
  program: Effect.map(applyVoicemailRetention, (report) => ({ ...report })),
})

/** The dialler's background work and when it runs (cron, UTC). */
export const jobDefinitions = [
  queueLevelCheck,
  queueRegeneration,
  conversionTracking,
  callbackReminderJob,
  staleClaims,
  staleCalls,
  wrapUpTimeout,
  recordingRetry,
  transcription,
  costCollection,
  dailyCleanup,
  voicemailRetention,
] as const

export type JobName = (typeof jobDefinitions)[number]['name']
