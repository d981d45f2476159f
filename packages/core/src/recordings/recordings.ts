import { Cause, Effect, Exit, Layer, ManagedRuntime } from 'effect'
import { AuditLog, type AuditLogService } from '../audit/audit-log.js'
import type { RecordingEvent } from '../telephony/call-event.js'
import { Telephony, type TelephonyService } from '../telephony/telephony.js'
import { processRecordingEvent, retryFailedRecordings, retryRecording } from './pipeline.js'
import { type RecordingUrlRequest, recordingUrl, refreshRecordingUrl } from './playback-urls.js'
import { findRecording, listRecordings, type RecordingListFilter } from './read-recordings.js'
import { type RecordingSettingsInput, RecordingsConfig } from './recording-settings.js'
import { RecordingStorage, type RecordingStorageService } from './recording-storage.js'
import { RecordingStore, type RecordingStoreService } from './recording-store.js'
import { applyRecordingRetention, type RetentionPolicy } from './retention.js'

export interface RecordingsOptions {
  /** From an adapter, e.g. `supabaseRecordingStorage(...)` or `localRecordingStorage(...)`. */
  readonly storage: RecordingStorageService
  /** From an adapter, e.g. `postgresRecordingStore(...)` in @ringlane/postgres. */
  readonly store: RecordingStoreService
  readonly telephony: TelephonyService
  readonly auditLog: AuditLogService
  readonly settings?: RecordingSettingsInput
}

/**
 * The Promise API for recordings, over the same programs as the Effect API. Methods reject with the
 * same tagged errors (`error._tag`), whose messages say what was wrong.
 */
export const createRecordings = async (options: RecordingsOptions) => {
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      RecordingsConfig.layer(options.settings ?? {}),
      Layer.succeed(RecordingStorage, options.storage),
      Layer.succeed(RecordingStore, options.store),
      Layer.succeed(Telephony, options.telephony),
      Layer.succeed(AuditLog, options.auditLog),
    ),
  )
  type Services = RecordingsConfig | RecordingStorage | RecordingStore | Telephony | AuditLog
  const run = async <A, E>(effect: Effect.Effect<A, E, Services>): Promise<A> => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    throw Cause.squash(exit.cause)
  }
  // Settings are checked now, so a bad one fails creation rather than the first call.
  await run(Effect.void)
  return {
    processRecordingEvent: (event: RecordingEvent) => run(processRecordingEvent(event)),
    retryRecording: (recordingId: string) => run(retryRecording(recordingId)),
    retryFailedRecordings: (options?: { readonly limit?: number }) => run(retryFailedRecordings(options)),
    findRecording: (recordingId: string) => run(findRecording(recordingId)),
    listRecordings: (filter?: RecordingListFilter) => run(listRecordings(filter)),
    recordingUrl: (request: RecordingUrlRequest) => run(recordingUrl(request)),
    refreshRecordingUrl: (request: RecordingUrlRequest) => run(refreshRecordingUrl(request)),
    applyRetention: (policy: RetentionPolicy) => run(applyRecordingRetention(policy)),
    /** Releases the runtime; the storage, store and telephony clients stay yours to close. */
    dispose: () => runtime.dispose(),
  }
}

export type Recordings = Awaited<ReturnType<typeof createRecordings>>
