/**
 * @ringlane/simulator: simulated telephony, SMS and local-file recordings, so the dialler runs and is
 * tested end to end with no provider account.
 */
export * from './messaging/index.js'
export * from './pricing/index.js'
export * from './recordings/index.js'
export * from './telephony/index.js'
export * from './transcripts/index.js'
export * from './voice-ai/index.js'
