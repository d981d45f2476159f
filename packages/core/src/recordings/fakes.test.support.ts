// In-memory stand-ins for the ports the recording programs use, for core's unit tests. The Postgres
// recording store and the storage adapters are tested on real engines in their own packages.
import { Effect, Layer, Option } from 'effect'
import { type AuditEntry, AuditLog } from '../audit/audit-log.js'
import { Telephony, TelephonyError, type TelephonyService } from '../telephony/telephony.js'
import { telephonyWith } from '../testing/telephony.js'
import type { Recording, RecordingId } from './recording.js'
import { type RecordingSettingsInput, RecordingsConfig } from './recording-settings.js'
import { checkStoragePath, RecordingStorage, RecordingStorageError } from './recording-storage.js'
import { RecordingStore, type RecordingStoreService } from './recording-store.js'

export const memoryRecordingStore = () => {
  const rows = new Map<string, Recording>()
  let next = 0
  const update = (id: RecordingId, change: Partial<Recording>, now: Date) => {
    const row = rows.get(id)
    if (!row) return Effect.die(new Error(`no recording ${id}`))
    const updated = { ...row, ...change, updatedAt: now }
    rows.set(id, updated)
    return Effect.succeed(updated)
  }
  const service: RecordingStoreService = {
    addRecording: (recording, now) =>
      Effect.sync(() => {
        const existing = [...rows.values()].find(
          (r) => r.provider === recording.provider && r.providerRecordingId === recording.providerRecordingId,
        )
        if (existing) return { recording: existing, created: false }
        const id = `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}` as RecordingId
        const row: Recording = {
          ...recording,
          id,
          storagePath: null,
          contentType: null,
          sizeBytes: null,
          fetchAttempts: 0,
          storedAt: null,
          deletedAt: null,
          updatedAt: now,
        }
        rows.set(id, row)
        return { recording: row, created: true }
      }),
    findRecording: (id) => Effect.sync(() => Option.fromNullable(rows.get(id))),
    listRecordings: (filter) =>
      Effect.sync(() =>
        [...rows.values()]
          .filter((r) => (filter.status ? r.status === filter.status : true))
          .filter((r) => (filter.sessionId ? r.sessionId === filter.sessionId : true))
          .filter((r) => (filter.providerCallId ? r.providerCallId === filter.providerCallId : true))
          .sort((a, b) => +b.recordedAt - +a.recordedAt)
          .slice(0, filter.limit),
      ),
    markStored: (id, stored, now) =>
      Effect.suspend(() =>
        update(
          id,
          {
            status: 'stored',
            storagePath: stored.storagePath,
            contentType: stored.contentType,
            sizeBytes: stored.sizeBytes,
            fetchAttempts: (rows.get(id)?.fetchAttempts ?? 0) + stored.fetchTries,
            failureReason: null,
            storedAt: now,
          },
          now,
        ),
      ),
    markFailed: (id, failure, now) =>
      Effect.suspend(() =>
        update(
          id,
          {
            status: 'failed',
            failureReason: failure.reason,
            fetchAttempts: (rows.get(id)?.fetchAttempts ?? 0) + failure.fetchTries,
          },
          now,
        ),
      ),
    retryableRecordings: ({ abandonedBefore, maxFetchAttempts, limit }) =>
      Effect.sync(() =>
        [...rows.values()]
          .filter(
            (r) =>
              (r.status === 'failed' && r.fetchAttempts < maxFetchAttempts) ||
              (r.status === 'fetching' && r.updatedAt < abandonedBefore),
          )
          .slice(0, limit),
      ),
    claimForRetry: (id, abandonedBefore, now) =>
      Effect.suspend(() => {
        const row = rows.get(id)
        const claimable =
          row && (row.status === 'failed' || (row.status === 'fetching' && row.updatedAt < abandonedBefore))
        return claimable
          ? Effect.map(update(id, { status: 'fetching' }, now), Option.some)
          : Effect.succeed(Option.none())
      }),
    recordedBefore: (cutoff, limit) =>
      Effect.sync(() =>
        [...rows.values()]
          .filter((r) => r.recordedAt < cutoff && r.status !== 'deleted' && r.status !== 'fetching')
          .slice(0, limit),
      ),
    markDeleted: (id, now) => Effect.suspend(() => update(id, { status: 'deleted', deletedAt: now }, now)),
  }
  return { service, rows }
}

export const memoryRecordingStorage = () => {
  const objects = new Map<string, { bytes: Uint8Array; contentType: string }>()
  const failures = { put: 0, remove: 0 }
  const service = {
    backend: 'memory',
    put: ({ path, bytes, contentType }: { path: string; bytes: Uint8Array; contentType: string }) =>
      Effect.flatMap(checkStoragePath('store a recording', path), () => {
        if (failures.put > 0) {
          failures.put--
          return Effect.fail(
            new RecordingStorageError({
              operation: 'put',
              reason: 'unavailable',
              path,
              message: 'bucket down',
            }),
          )
        }
        objects.set(path, { bytes, contentType })
        return Effect.succeed(path)
      }),
    signedUrl: (path: string, expiresInSeconds: number) =>
      Effect.gen(function* () {
        if (!objects.has(path)) {
          return yield* new RecordingStorageError({
            operation: 'sign',
            reason: 'not-found',
            path,
            message: `nothing at ${path}`,
          })
        }
        const expiresAt = new Date(
          (yield* Effect.clockWith((c) => c.currentTimeMillis)) + expiresInSeconds * 1000,
        )
        return { url: `memory://${path}?expires=${expiresAt.getTime()}`, expiresAt }
      }),
    remove: (path: string) =>
      Effect.suspend(() => {
        if (failures.remove > 0) {
          failures.remove--
          return Effect.fail(
            new RecordingStorageError({
              operation: 'remove',
              reason: 'unavailable',
              path,
              message: 'bucket down',
            }),
          )
        }
        objects.delete(path)
        return Effect.void
      }),
    stat: (path: string) =>
      Effect.sync(() =>
        Option.fromNullable(objects.get(path)).pipe(
          Option.map((o) => ({ sizeBytes: o.bytes.byteLength, contentType: o.contentType })),
        ),
      ),
  }
  return { service, objects, failures }
}

export const memoryAuditLog = () => {
  const entries: AuditEntry[] = []
  return {
    entries,
    service: {
      record: (entry: AuditEntry) => Effect.sync(() => void entries.push(entry)),
      list: () => Effect.succeed(entries.map((e, i) => ({ ...e, id: String(i) }))),
    },
  }
}

/** A provider whose recording downloads fail `failFirst` times (or always), then return a WAV-ish body. */
export const fakeTelephony = (options: { failFirst?: number; bytes?: Uint8Array } = {}) => {
  const calls: number[] = []
  let failuresLeft = options.failFirst ?? 0
  const service = telephonyWith('fake', {
    fetchRecording: () =>
      Effect.gen(function* () {
        calls.push(yield* Effect.clockWith((c) => c.currentTimeMillis))
        if (failuresLeft > 0 || options.failFirst === Number.POSITIVE_INFINITY) {
          failuresLeft--
          return yield* new TelephonyError({
            operation: 'fetch a recording',
            message: 'HTTP 503 from provider',
          })
        }
        return {
          bytes: options.bytes ?? new Uint8Array([82, 73, 70, 70, 1, 2, 3]),
          contentType: 'audio/x-wav',
        }
      }),
  })
  return { service, calls }
}

export const recordingsTestLayer = (
  parts: {
    store: RecordingStoreService
    storage: ReturnType<typeof memoryRecordingStorage>['service']
    telephony: TelephonyService
    audit: ReturnType<typeof memoryAuditLog>['service']
  },
  settings: RecordingSettingsInput = {},
) =>
  Layer.mergeAll(
    RecordingsConfig.layer(settings),
    Layer.succeed(RecordingStore, parts.store),
    Layer.succeed(RecordingStorage, parts.storage),
    Layer.succeed(Telephony, parts.telephony),
    Layer.succeed(AuditLog, parts.audit),
  )

/** The recordings area on fakes: its store, storage, audit log and telephony, and the layer over them. */
export const recordingsWorld = (
  telephony: ReturnType<typeof fakeTelephony> = fakeTelephony(),
  settings: RecordingSettingsInput = {},
) => {
  const store = memoryRecordingStore()
  const storage = memoryRecordingStorage()
  const audit = memoryAuditLog()
  const layer = recordingsTestLayer(
    { store: store.service, storage: storage.service, telephony: telephony.service, audit: audit.service },
    settings,
  )
  return { store, storage, audit, telephony, layer }
}
