export {
  InvalidLocalStorageOptions,
  type LocalRecordingStorage,
  type LocalRecordingStorageOptions,
  localRecordingStorage,
  localRecordingStorageLayer,
} from './local-recording-storage.js'
export { RecordingUrlRejected } from './signed-url.js'
export { synthesizeRecording, type WavOptions, wavDurationSeconds } from './wav.js'
