/**
 * @ringlane/simulator: simulated telephony, SMS and local-file recordings, so the dialler runs and is
 * tested end to end with no provider account.
 */
export { synthesizeRecording, type WavOptions, wavDurationSeconds } from './recordings/wav.js'
export * from './telephony/index.js'
