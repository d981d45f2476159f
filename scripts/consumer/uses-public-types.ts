// Compiled against the built packages (their dist .d.ts, through package.json exports, no source
// paths) by `pnpm check:packages`: if a published declaration loses a type, this stops compiling.

import {
  type ClaimsDetails,
  type ClaimsFacts,
  type ClaimsSource,
  claimsPreset,
  claimsQueues,
  claimsScoreFactors,
} from '@ringlane/claims'
import { describeClaimsSourceConformance } from '@ringlane/claims/testing'
import {
  type Agents,
  type Analytics,
  createRinglane,
  type Dialing,
  type DiallableLineType,
  type E164,
  type Jobs,
  type Leads,
  Queues,
  type Recordings,
  type Ringlane,
  type RinglaneEvent,
} from '@ringlane/core'
import {
  describeAnalyticsStoreConformance,
  describeCallStoreConformance,
  describeDiallerStoresConformance,
  describeRecordingStorageConformance,
  describeRecordingStoreConformance,
  describeSuppressionStoreConformance,
} from '@ringlane/core/testing'
import { layer as mysqlLayer, mysqlLeadSource } from '@ringlane/mysql'
import {
  createPostgresStores,
  type DiallerDatabase,
  type JobRunner,
  type JobSource,
  pgliteJobDatabase,
  layer as postgresLayer,
  postgresLeadSource,
  startJobRunner,
} from '@ringlane/postgres'
import { formatCallDuration } from '@ringlane/react'
import { type LocalRecordingStorage, localRecordingStorage, synthesizeRecording } from '@ringlane/simulator'
import { type SupabaseStorageClient, supabaseRecordingStorage } from '@ringlane/supabase'
import { createAccessToken } from '@ringlane/twilio'

type Uses = [
  Agents.AgentId,
  Agents.AgentStateName,
  E164,
  DiallableLineType,
  Leads.LeadId,
  Leads.LeadSourcePreset<ClaimsSource, ClaimsDetails, ClaimsFacts>,
  Leads.LeadSourceService<ClaimsDetails>,
  Leads.LeadProfile<ClaimsDetails>,
  Leads.Eligibility,
  Queues.QueueDefinition<ClaimsSource, ClaimsFacts>,
  Queues.ScoreReason,
  Queues.RegenerationResult,
  Queues.QueueStoreService,
  Queues.QueueEntry,
  Dialing.DialDecision,
  Dialing.RefusalCode,
  Ringlane<ClaimsDetails>,
  RinglaneEvent,
  DiallerDatabase,
  Recordings.Recording,
  Recordings.RecordingStorageService,
  Recordings.RecordingStoreService,
  Recordings.RecordingUrl,
  Recordings.RetentionReport,
  Analytics.AnalyticsStoreService,
  Analytics.DashboardMetrics,
  Analytics.LiveSnapshot,
  Analytics.MetricsRangeInput,
  Jobs.JobName,
  Jobs.JobSummary,
  JobRunner<Jobs.JobName>,
  JobSource<Jobs.JobName>,
  LocalRecordingStorage,
  SupabaseStorageClient,
]

export const uses = (value: Uses, entry: Queues.QueueEntry): [Uses, string, number, unknown[]] => [
  value,
  entry.phone,
  Queues.scoreLead({
    now: new Date(),
    leadCreatedAt: new Date(),
    lastContactAt: null,
    attempts: 0,
    lastOutcome: null,
    callbackDue: false,
  }).score,
  [
    createRinglane,
    claimsPreset,
    claimsQueues,
    claimsScoreFactors,
    describeDiallerStoresConformance,
    describeSuppressionStoreConformance,
    describeClaimsSourceConformance,
    mysqlLayer,
    mysqlLeadSource,
    createPostgresStores,
    postgresLayer,
    postgresLeadSource,
    createAccessToken,
    supabaseRecordingStorage,
    localRecordingStorage,
    describeRecordingStorageConformance,
    synthesizeRecording,
    formatCallDuration,
    describeAnalyticsStoreConformance,
    describeCallStoreConformance,
    describeRecordingStoreConformance,
    startJobRunner,
    pgliteJobDatabase,
  ],
]

/** `ringlane.jobs` is what the Postgres job runner runs. */
export const jobSource = (ringlane: Ringlane<ClaimsDetails>): JobSource<Jobs.JobName> => ringlane.jobs
