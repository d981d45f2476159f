export {
  InvalidRecordingRequest,
  RecordingNotAvailable,
  RecordingNotRetryable,
  UnknownRecording,
} from './errors.js'
export type { RecordingFailed } from './pipeline.js'
export {
  processRecordingEvent,
  type RecordingOutcome,
  type RecordingRetryReport,
  retryFailedRecordings,
  retryRecording,
} from './pipeline.js'
export { type RecordingUrl, RecordingUrlRequest, recordingUrl, refreshRecordingUrl } from './playback-urls.js'
export { findRecording, listRecordings, RecordingListFilter } from './read-recordings.js'
export {
  normalizeContentType,
  type Recording,
  RecordingId,
  RecordingStatus,
  recordingPath,
} from './recording.js'
export {
  InvalidRecordingSettings,
  RecordingSettings,
  type RecordingSettingsInput,
  RecordingsConfig,
} from './recording-settings.js'
export {
  checkSignedUrlExpiry,
  checkStoragePath,
  RecordingStorage,
  RecordingStorageError,
  RecordingStorageFailure,
  type RecordingStorageService,
  type SignedUrl,
  SignedUrlExpiry,
  StoragePath,
} from './recording-storage.js'
export {
  type NewRecording,
  type RecordingFilter,
  RecordingStore,
  RecordingStoreError,
  type RecordingStoreService,
} from './recording-store.js'
export { handleRecordingStatus, type RecordingStored } from './recording-webhook.js'
export { applyRecordingRetention, type RetentionPolicy, type RetentionReport } from './retention.js'
export {
  changeRetention,
  currentRetention,
  RetentionPeriods,
  retentionSetting,
} from './retention-settings.js'
