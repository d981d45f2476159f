import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Json<T> = ColumnType<T, string, string>

/** The dialler store's tables as Kysely sees them. */
export interface DiallerDatabase {
  agents: {
    id: Generated<string>
    email: string
    display_name: string
    role: 'agent' | 'supervisor' | 'admin'
    password_hash: string | null
    active: Generated<boolean>
    queue_ids: ColumnType<string[], string[] | undefined, string[]>
    created_at: CreatedAt
  }
  agent_states: {
    agent_id: string
    state: 'offline' | 'available' | 'on_call' | 'wrap_up' | 'paused'
    reason: string | null
    since: Timestamp
  }
  agent_state_history: {
    id: Generated<string>
    agent_id: string
    state: 'offline' | 'available' | 'on_call' | 'wrap_up' | 'paused'
    reason: string | null
    started_at: Timestamp
    ended_at: Timestamp | null
  }
  agent_sign_ins: {
    id: Generated<string>
    agent_id: string
    signed_in_at: Timestamp
    signed_out_at: Timestamp | null
    sign_out_reason: string | null
  }
  queues: {
    id: string
    label: string
    kind: 'source' | 'callbacks'
    priority: number
    threshold: number
    cooling_minutes: number
    max_entries: number
    weights: Json<unknown>
    current_generation: Generated<number>
    regenerated_at: Timestamp | null
    updated_at: Generated<Date>
  }
  queue_entries: {
    id: Generated<string>
    queue_id: string
    generation: number
    lead_id: string
    phone: string
    score: number
    reasons: Json<unknown>
    lead_created_at: Timestamp
    status: 'waiting' | 'claimed' | 'done' | 'skipped'
    claimed_by: string | null
    claimed_at: Timestamp | null
    reserved_for: string | null
    callback_id: string | null
    skip_reason: string | null
    finished_at: Timestamp | null
    created_at: CreatedAt
  }
  regeneration_leases: { name: string; holder: string; expires_at: Timestamp }
  lead_activity: {
    lead_id: string
    last_contact_at: Timestamp | null
    attempts_total: Generated<number>
    /** When each call of the last 8 days or more was placed, oldest first. */
    recent_attempts: Generated<Date[]>
    last_outcome: string | null
    next_call_after: Timestamp | null
    updated_at: Generated<Date>
  }
  lead_conversions: {
    id: Generated<string>
    lead_id: string
    queue_id: string
    entry_id: string | null
    detail: string
    converted_at: Timestamp
  }
  opt_outs: { phone: string; source: string; opted_out_at: Timestamp }
  suppression_lists: {
    id: string
    kind: 'internal' | 'register'
    screened_at: Timestamp | null
    updated_at: Timestamp
    updated_by: string
  }
  answered_calls: {
    call_id: string
    campaign_id: string
    answered_at: Timestamp
    outcome: 'connected' | 'abandoned' | 'machine'
  }
  dial_decisions: {
    id: Generated<string>
    decided_at: Timestamp
    outcome: 'allowed' | 'refused'
    agent_id: string | null
    lead_id: string
    queue_id: string
    campaign_id: string | null
    entry_id: string | null
    call_id: string | null
    phone: string | null
    profile_id: string | null
    profile_version: string | null
    refusals: Json<unknown>
    checked: Json<unknown>
    compliance: Json<unknown> | null
  }
  suppression_entries: {
    list_id: string
    phone: string
    reason: string
    source: string
    added_by: string
    added_at: Timestamp
  }
  callbacks: {
    id: Generated<string>
    lead_id: string
    phone: string
    owner_agent_id: string | null
    due_at: Timestamp
    notes: string | null
    status: Generated<'pending' | 'done' | 'cancelled'>
    created_by: string | null
    created_at: CreatedAt
    completed_at: Timestamp | null
    reminded_at: Timestamp | null
  }
  // Calls: sessions, provider events (append-only) and outcomes.
  call_sessions: {
    id: Generated<string>
    /** Null for an engine call no agent has taken (yet). */
    agent_id: string | null
    campaign_id: string | null
    direction: Generated<'outbound' | 'inbound'>
    lead_id: string
    queue_id: string
    entry_id: string
    phone: string
    provider: string
    provider_call_id: string | null
    status:
      | 'initiated'
      | 'queued'
      | 'ringing'
      | 'in-progress'
      | 'completed'
      | 'busy'
      | 'no-answer'
      | 'failed'
      | 'canceled'
    answered_by: 'human' | 'machine' | 'unknown' | null
    started_at: Timestamp
    ringing_at: Timestamp | null
    answered_at: Timestamp | null
    ended_at: Timestamp | null
    ring_seconds: number | null
    talk_seconds: number | null
    end_reason: string | null
    /** Bumped by every update; a write names the version it read (optimistic concurrency, 0013). */
    version: Generated<number>
  }
  /** Calls placed per second across every instance, against the carrier's limit (0028). */
  engine_call_rate: {
    scope: string
    second: string | number
    placed: number
  }
  call_events: {
    id: Generated<string>
    session_id: string
    provider_call_id: string
    status: string
    occurred_at: Timestamp
    answered_by: string | null
    duration_seconds: number | null
    error_code: string | null
    received_at: Generated<Date>
  }
  call_outcomes: {
    id: Generated<string>
    session_id: string
    agent_id: string
    lead_id: string
    disposition: string
    notes: string | null
    callback_id: string | null
    recorded_at: Timestamp
  }
  audit_log: {
    id: Generated<string>
    actor: string
    action: string
    subject: string
    detail: Json<Record<string, string | number | boolean | null>>
    at: Timestamp
  }

  // Recordings (@ringlane/core Recordings): one row per provider recording. Download and playback
  // audit lives in audit_log.
  recordings: {
    id: Generated<string>
    provider: string
    provider_recording_id: string
    provider_call_id: string
    session_id: string | null
    status: 'fetching' | 'stored' | 'failed' | 'unavailable' | 'deleted'
    media_url: string | null
    storage_path: string | null
    content_type: string | null
    /** bigint: pg returns it as a string. */
    size_bytes: ColumnType<string | number | null, number | null, number | null>
    duration_seconds: number | null
    channels: number | null
    fetch_attempts: Generated<number>
    failure_reason: string | null
    recorded_at: Timestamp
    stored_at: Timestamp | null
    deleted_at: Timestamp | null
    created_at: CreatedAt
    updated_at: Timestamp
  }

  // Transcripts (@ringlane/core Transcripts): one per recording; its turns carry a generated tsvector.
  transcripts: {
    id: Generated<string>
    recording_id: string
    session_id: string | null
    provider_call_id: string
    provider_recording_id: string
    media_url: string | null
    duration_seconds: number | null
    channels: number | null
    provider: string
    provider_transcript_id: string | null
    status: 'queued' | 'requested' | 'completed' | 'failed'
    attempts: Generated<number>
    failure_reason: string | null
    next_attempt_at: Timestamp | null
    completed_at: Timestamp | null
    created_at: Timestamp
    updated_at: Timestamp
  }
  transcript_turns: {
    transcript_id: string
    position: number
    speaker: 'agent' | 'customer' | 'unknown'
    start_seconds: number
    end_seconds: number
    text: string
    search: ColumnType<string, never, never>
  }

  // Provider costs (@ringlane/core Analytics): what a call or a text cost, as the provider priced it.
  provider_costs: {
    id: Generated<string>
    kind: 'call' | 'message'
    provider: string
    provider_id: string
    session_id: string | null
    message_id: string | null
    /** numeric: pg returns it as a string. */
    amount: ColumnType<string, string, string>
    currency: string
    units: number | null
    occurred_at: Timestamp
    priced_at: Timestamp
  }

  // Messaging (@ringlane/core Messaging): one conversation per number, its messages. Opt-outs are the
  // shared opt_outs table above.
  sms_conversations: {
    id: Generated<string>
    phone: string
    lead_id: string | null
    status: ColumnType<'active' | 'closed' | 'opted_out', 'active' | 'closed' | 'opted_out' | undefined>
    priority: ColumnType<'low' | 'normal' | 'high', 'low' | 'normal' | 'high' | undefined>
    assigned_agent_id: string | null
    unread_count: Generated<number>
    last_message_at: Timestamp | null
    last_inbound_at: Timestamp | null
    last_agent_reply_at: Timestamp | null
    created_at: CreatedAt
  }
  sms_messages: {
    id: Generated<string>
    conversation_id: string
    direction: 'inbound' | 'outbound'
    body: string
    provider_message_id: string | null
    status: string
    status_rank: number
    error_code: string | null
    intent: string | null
    auto_reply: Generated<boolean>
    sent_by: string | null
    template_id: string | null
    segments: number
    encoding: string
    created_at: Timestamp
    status_updated_at: Timestamp
  }

  // Magic links (@ringlane/core MagicLinks): only the token's hash is stored.
  magic_links: {
    id: Generated<string>
    token_hash: string
    lead_id: string
    link_type: string
    issued_by: string | null
    call_session_id: string | null
    issued_at: Timestamp
    expires_at: Timestamp
    single_use: boolean
    revoked_at: Timestamp | null
    revoked_reason: string | null
    access_count: Generated<number>
    first_accessed_at: Timestamp | null
    last_accessed_at: Timestamp | null
    last_user_agent: string | null
    last_ip: string | null
    converted_at: Timestamp | null
  }

  // Campaigns (@ringlane/core Campaigns) and the agents who work them.
  campaigns: {
    id: string
    name: string
    queues: string[]
    dial_mode: 'preview' | 'progressive' | 'predictive'
    abandon_target_percent: number
    abandon_window_hours: number
    max_lines_per_agent: number
    min_agents_for_predictive: number
    caller_id: string
    ring_timeout_seconds: number
    answering_machine: 'hang-up' | 'leave-message' | 'hand-to-agent'
    abandon_message: Json<unknown>
    machine_message: ColumnType<unknown, string | null, string | null>
    compliance_profiles: string[]
    wrap_up_seconds: number | null
    status: 'active' | 'paused'
    inbound_first: Generated<boolean>
    voice_agent_id: string | null
    created_at: Timestamp
    updated_at: Timestamp
  }
  campaign_agents: { campaign_id: string; agent_id: string; joined_at: Timestamp }

  // Inbound (@ringlane/core Inbound): flows, their published versions, calls' steps, voicemail.
  inbound_flows: {
    id: string
    name: string
    numbers: string[]
    definition: Json<unknown>
    published_version: number | null
    updated_at: Timestamp
  }
  inbound_flow_versions: {
    flow_id: string
    version: number
    definition: Json<unknown>
    published_at: Timestamp
    published_by: string | null
  }
  inbound_calls: {
    session_id: string
    flow_id: string
    flow_version: number
    caller: string
    called: string
    lead_id: string | null
    preferred_agent_id: string | null
    started_at: Timestamp
  }
  inbound_call_steps: {
    session_id: string
    position: number
    step_id: string
    kind: string
    detail: string
    at: Timestamp
  }
  voicemail_boxes: {
    id: string
    name: string
    owner: Json<unknown>
    greeting: Json<unknown>
    max_length_seconds: number
    retention_days: number
  }
  voicemail_messages: {
    id: Generated<string>
    box_id: string
    session_id: string
    caller: string
    lead_id: string | null
    provider_recording_id: string
    duration_seconds: number | null
    recorded_at: Timestamp
    heard_at: Timestamp | null
    heard_by: string | null
    callback_id: string | null
  }

  // Routing (@ringlane/core Routing): live-call queues, agents' skills, each call's stay in a queue.
  routing_queues: { id: string; name: string; definition: Json<unknown>; version: number }
  routing_agent_skills: { agent_id: string; skills: Json<unknown>; languages: string[] }
  queue_contacts: {
    id: string
    queue_id: string
    call_id: string
    provider_call_id: string
    direction: 'inbound' | 'outbound'
    attributes: Json<unknown>
    preferred_agent_id: string | null
    priority: number
    enqueued_at: Timestamp
    reserved_agent_id: string | null
    reserved_until: ColumnType<Date | null, Date | string | null, Date | string | null>
    lapsed_agent_ids: string[]
    answered_at: ColumnType<Date | null, Date | string | null, Date | string | null>
    abandoned_at: ColumnType<Date | null, Date | string | null, Date | string | null>
    overflowed_at: ColumnType<Date | null, Date | string | null, Date | string | null>
    ended_at: ColumnType<Date | null, Date | string | null, Date | string | null>
    agent_id: string | null
    state: 'waiting' | 'reserved' | 'connected' | 'abandoned' | 'overflowed' | 'ended'
  }

  // Voice AI (@ringlane/core VoiceAi): AI agents, and each AI session with its attempts and lines.
  voice_agents: {
    id: string
    name: string
    instructions: string
    providers: string[]
    handoff_queue_id: string
    updated_at: Timestamp
  }
  voice_ai_sessions: {
    id: Generated<string>
    call_id: string
    provider_call_id: string
    agent_id: string
    campaign_id: string | null
    status: 'active' | 'completed' | 'handed-off' | 'handoff-failed'
    handoff_queue_id: string | null
    handoff_reason: 'caller-asked' | 'providers-failed' | null
    handoff_summary: string | null
    handoff_at: Timestamp | null
    handoff_failure: string | null
    longest_silence_ms: Generated<number>
    started_at: Timestamp
    ended_at: Timestamp | null
  }
  voice_ai_attempts: {
    session_id: string
    position: number
    provider: string
    started_at: Timestamp
    first_audio_at: Timestamp | null
    ended_at: Timestamp | null
    failure_reason:
      | 'NoFirstResponse'
      | 'Disconnected'
      | 'MalformedMessage'
      | 'ProviderRefused'
      | 'ConnectFailed'
      | null
    failure_message: string | null
  }
  voice_ai_turns: {
    session_id: string
    position: number
    speaker: 'agent' | 'caller'
    at_ms: number
    text: string
    provider: string
  }
  // System errors (@ringlane/core Analytics): kept from the domain events for the quality page.
  stored_settings: {
    key: string
    /** A JSON document, as the owning area's schema encodes it. */
    value: unknown
    version: number
    changed_by: string
    changed_at: Timestamp
  }
  system_errors: {
    id: Generated<string>
    kind:
      | 'failed-call'
      | 'rejected-webhook'
      | 'recording-fetch-failed'
      | 'provider-error'
      | 'validation-refused'
    cause: string
    message: string
    source: string
    session_id: string | null
    lead_id: string | null
    occurred_at: Timestamp
  }
}
