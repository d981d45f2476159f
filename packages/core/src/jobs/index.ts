export {
  callbackReminderJob,
  conversionTracking,
  costCollection,
  dailyCleanup,
  type JobName,
  jobDefinitions,
  queueLevelCheck,
  queueRegeneration,
  recordingRetry,
  staleCalls,
  staleClaims,
  transcription,
} from './definitions.js'
export { defineJob, type JobDefinition, JobSummary } from './job.js'
