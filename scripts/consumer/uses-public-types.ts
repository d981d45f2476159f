// Compiled against the built packages (their dist .d.ts, through package.json exports, no source
// paths) by `pnpm check:packages`: if a published declaration loses a type, this stops compiling.

import { type ClaimsSource, claimsPreset, claimsQueues } from '@ringlane/claims'
import {
  type Agents,
  createDialler,
  type DiallableLineType,
  type E164,
  type Leads,
  Queues,
  Recordings,
  type Store,
  type Validation,
} from '@ringlane/core'
import {
  describeClaimsSourceConformance,
  describeDiallerStoreConformance,
  describeRecordingStorageConformance,
} from '@ringlane/core/testing'
import { layer as mysqlLayer, mysqlLeadSource } from '@ringlane/mysql'
import {
  createPostgresDiallerStore,
  createPostgresRecordingStore,
  type DiallerDatabase,
  postgresLeadSource,
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
  Leads.LeadSourcePreset<ClaimsSource>,
  Leads.LeadSourceService,
  Leads.Eligibility,
  Queues.QueueDefinition<ClaimsSource>,
  Queues.ScoreReason,
  Queues.RegenerationResult,
  Store.DiallerStoreService,
  Store.QueueEntry,
  Validation.DialDecision,
  Validation.RefusalCode,
  DiallerDatabase,
  Recordings.Recording,
  Recordings.RecordingStorageService,
  Recordings.RecordingStoreService,
  Recordings.RecordingUrl,
  Recordings.RetentionReport,
  LocalRecordingStorage,
  SupabaseStorageClient,
]

export const uses = (value: Uses, entry: Store.QueueEntry): [Uses, string, number, unknown[]] => [
  value,
  entry.phone,
  Queues.scoreLead({
    now: new Date(),
    leadCreatedAt: new Date(),
    lastContactAt: null,
    attempts: 0,
    lastOutcome: null,
    pendingRequirements: 1,
    claimValue: 0,
    callbackDue: false,
  }).score,
  [
    createDialler,
    claimsPreset,
    claimsQueues,
    describeDiallerStoreConformance,
    describeClaimsSourceConformance,
    mysqlLayer,
    mysqlLeadSource,
    createPostgresDiallerStore,
    postgresLeadSource,
    createAccessToken,
    supabaseRecordingStorage,
    localRecordingStorage,
    describeRecordingStorageConformance,
    Recordings.createRecordings,
    createPostgresRecordingStore,
    synthesizeRecording,
    formatCallDuration,
  ],
]
