export {
  callbackReminderJob,
  conversionTracking,
  dailyCleanup,
  type JobName,
  jobDefinitions,
  queueLevelCheck,
  queueRegeneration,
  recordingRetry,
  staleCalls,
  staleClaims,
} from './definitions.js'
export { defineJob, type JobDefinition, JobSummary } from './job.js'
