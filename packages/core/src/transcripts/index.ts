export { InvalidTranscriptRequest, RecordingNotTranscribable } from './errors.js'
export type { TranscriptEvent, TranscriptFailed, TranscriptQueued, TranscriptReady } from './events.js'
export {
  CallTranscriptsQuery,
  searchTranscripts,
  TranscriptSearch,
  transcriptOfRecording,
  transcriptsOfCall,
} from './read-transcripts.js'
export {
  handleTranscriptCallback,
  queueTranscript,
  type TranscribableRecording,
  type TranscriptionReport,
  transcribeDue,
} from './transcribe.js'
export {
  Speaker,
  type Transcript,
  TranscriptId,
  type TranscriptMatch,
  TranscriptStatus,
  TranscriptTurn,
} from './transcript.js'
export {
  type NewTranscript,
  TranscriptStore,
  TranscriptStoreError,
  type TranscriptStoreService,
} from './transcript-store.js'
export {
  Transcription,
  TranscriptionError,
  type TranscriptionResult,
  type TranscriptionService,
  type TranscriptionSource,
} from './transcription.js'
export {
  InvalidTranscriptSettings,
  retryAt,
  TranscriptSettings,
  type TranscriptSettingsInput,
  TranscriptsConfig,
} from './transcripts-config.js'
