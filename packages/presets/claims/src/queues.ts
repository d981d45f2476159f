import type { LeadId, Leads, Queues } from '@ringlane/core'
import type { ExpressionBuilder, JoinBuilder, Kysely } from 'kysely'
import type { ClaimsFacts } from './details.js'
import { isSourceId } from './lead-ids.js'
import { type ClaimsWeights, claimsScoreFactors } from './score-factors.js'
import type { ClaimsSource } from './source-schema.js'

type Candidate = Leads.Candidate<ClaimsFacts>
type Eligibility = Leads.Eligibility
type QueueDefinition = Queues.QueueDefinition<ClaimsSource, ClaimsFacts>

type Users = ExpressionBuilder<ClaimsSource, 'users'>

// Plans that hold without table statistics, as on a replica just loaded and never analysed, where every
// non-unique index looks as if it matched half its table. No correlated subquery here joins tables:
// each reads one table through the index on the column it is correlated by, so there is no join order
// to get wrong once per person. (A correlated count that joined claims to claim_requirements was planned
// there as a scan of all of claim_requirements, run for every person: minutes at seed scale.)

/** Pending requirements of the person on the row: per claim, one lookup in claim_requirements(claim_id, status). */
const pendingRequirements = (eb: Users) =>
  eb
    .selectFrom('claims as pc')
    .whereRef('pc.user_id', '=', 'users.id')
    .select((claims) =>
      claims.fn
        .sum<number>(
          claims
            .selectFrom('claim_requirements as pr')
            .whereRef('pr.claim_id', '=', 'pc.id')
            .where('pr.status', '=', 'PENDING')
            .select((sub) => sub.fn.countAll().as('n')),
        )
        .as('n'),
    )
const claimValue = (eb: Users) =>
  eb
    .selectFrom('claims as cv')
    .whereRef('cv.user_id', '=', 'users.id')
    .select((sub) => sub.fn.sum<number>('cv.estimated_value').as('v'))

/**
 * People with their claims and those claims' pending requirements, joined once and grouped per person:
 * in whichever order the optimizer joins them, each table is read through an index or once through.
 */
const people = (db: Kysely<ClaimsSource>) =>
  db.selectFrom('users').innerJoin('claims as c', 'c.user_id', 'users.id')
const pendingOf = (
  join: JoinBuilder<
    ClaimsSource & { c: ClaimsSource['claims']; r: ClaimsSource['claim_requirements'] },
    'c' | 'r'
  >,
) => join.onRef('r.claim_id', '=', 'c.id').on('r.status', '=', 'PENDING')

const candidateColumns = (
  eb: ExpressionBuilder<ClaimsSource & { r: ClaimsSource['claim_requirements'] }, 'users' | 'r'>,
) =>
  [
    'users.id',
    'users.phone_number',
    'users.created_at',
    'users.preferred_call_from_hour',
    'users.preferred_call_to_hour',
    eb.fn.count('r.id').as('pending'),
    claimValue(eb).as('value'),
  ] as const
const perPerson = [
  'users.id',
  'users.phone_number',
  'users.created_at',
  'users.preferred_call_from_hour',
  'users.preferred_call_to_hour',
] as const

interface CandidateRow {
  id: string | number
  phone_number: string
  created_at: Date
  preferred_call_from_hour: number | null
  preferred_call_to_hour: number | null
  pending: string | number | bigint | null
  value: string | number | null
}

const hourOf = (value: number | null) =>
  value === null || !Number.isInteger(Number(value)) || Number(value) < 0 || Number(value) > 23
    ? null
    : Number(value)

/** Both ends of the window, or none: a half-given or out-of-range window is no preference. */
const preferredHours = (row: CandidateRow) => {
  const from = hourOf(row.preferred_call_from_hour)
  const to = hourOf(row.preferred_call_to_hour)
  return from === null || to === null ? null : { from, to }
}

const LENDER_BATCH = 1000

/**
 * The lenders of each candidate's claims, in one indexed read per thousand people (claims(user_id)):
 * a second query rather than a string aggregate, which MySQL and Postgres spell differently.
 */
const toCandidates = async (db: Kysely<ClaimsSource>, rows: ReadonlyArray<CandidateRow>) => {
  const lenders = new Map<string, Set<string>>()
  for (let i = 0; i < rows.length; i += LENDER_BATCH) {
    const ids = rows.slice(i, i + LENDER_BATCH).map((row) => row.id)
    const found = await db
      .selectFrom('claims')
      .select(['claims.user_id', 'claims.lender'])
      .distinct()
      .where('claims.user_id', 'in', ids)
      .execute()
    for (const { user_id, lender } of found) {
      const key = String(user_id)
      lenders.set(key, (lenders.get(key) ?? new Set()).add(lender))
    }
  }
  return rows.map(
    (row): Candidate => ({
      leadId: String(row.id) as LeadId,
      phone: row.phone_number,
      leadCreatedAt: new Date(row.created_at),
      facts: {
        pendingRequirements: Number(row.pending ?? 0),
        claimValue: Number(row.value ?? 0),
        lenders: [...(lenders.get(String(row.id)) ?? [])].sort(),
        preferredCallHours: preferredHours(row),
      },
    }),
  )
}

interface StatusRow {
  id: string | number
  phone_number: string
  is_enabled: boolean | number
  current_signature_file_id: string | number | null
  full_address: string | null
  post_code: string | null
  county: string | null
  pending?: string | number | bigint | null
}

const statuses = async (db: Kysely<ClaimsSource>, leadIds: ReadonlyArray<LeadId>, withPending: boolean) => {
  // Ids that cannot be people's are not asked for: they come back `not-found`.
  const ids = leadIds.filter(isSourceId)
  if (ids.length === 0) return new Map<LeadId, StatusRow>()
  const rows: StatusRow[] = await db
    .selectFrom('users')
    // The current address places the person in a time zone for calling hours.
    .leftJoin('user_addresses as a', 'a.id', 'users.current_user_address_id')
    .select([
      'users.id',
      'users.phone_number',
      'users.is_enabled',
      'users.current_signature_file_id',
      'a.full_address',
      'a.post_code',
      'a.county',
    ])
    .$if(withPending, (q) => q.select((eb) => pendingRequirements(eb).as('pending')))
    .where('users.id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [String(row.id) as LeadId, row]))
}

/** The people are in the UK: the claims source has no country column. */
const callable = (row: StatusRow): Eligibility => ({
  eligible: true,
  phone: row.phone_number,
  address:
    row.full_address === null
      ? null
      : { fullAddress: row.full_address, postalCode: row.post_code, region: row.county, country: 'GB' },
})

/** Answers for every asked id: rows missing from the source are `not-found`, disabled people are out. */
const judge = async (
  db: Kysely<ClaimsSource>,
  leadIds: ReadonlyArray<LeadId>,
  withPending: boolean,
  rule: (row: StatusRow) => Eligibility,
) => {
  const rows = await statuses(db, leadIds, withPending)
  return new Map<LeadId, Eligibility>(
    leadIds.map((id) => {
      const row = rows.get(id)
      if (!row) return [id, { eligible: false, reason: 'not-found', detail: 'no such person in the source' }]
      if (!row.is_enabled)
        return [id, { eligible: false, reason: 'disabled', detail: 'the account is disabled' }]
      return [id, rule(row)]
    }),
  )
}

/** Whether people can be called at all: the re-check for callbacks, which the dialler owns. */
export const reachable = (db: Kysely<ClaimsSource>, leadIds: ReadonlyArray<LeadId>) =>
  judge(db, leadIds, false, callable)

type Overrides = Partial<Omit<Queues.QueueSettingsInput, 'id' | 'kind'>> &
  Partial<Pick<QueueDefinition, 'factors'>>

/**
 * Enabled people created before the cut-off who have signed, or not. The unsigned come with or without
 * pending requirements (they are called to sign); the signed only with some (they are called for those).
 */
const candidatesWho =
  (signature: 'signed' | 'unsigned'): NonNullable<QueueDefinition['candidates']> =>
  async (db, { createdBefore, limit }) => {
    const joined =
      signature === 'signed'
        ? people(db).innerJoin('claim_requirements as r', pendingOf)
        : people(db).leftJoin('claim_requirements as r', pendingOf)
    const rows = await joined
      .select(candidateColumns)
      .where('users.is_enabled', '=', true)
      .where('users.current_signature_file_id', signature === 'signed' ? 'is not' : 'is', null)
      .where('users.created_at', '<', createdBefore)
      .groupBy(perPerson)
      .limit(limit)
      .execute()
    return toCandidates(db, rows)
  }

/** People who have not signed: nothing on their claims can move until they do. */
export const unsignedQueue = (overrides: Overrides = {}): QueueDefinition => ({
  id: 'unsigned',
  label: 'Unsigned',
  kind: 'source',
  priority: 2,
  factors: claimsScoreFactors(),
  ...overrides,
  candidates: candidatesWho('unsigned'),
  recheck: (db, leadIds) =>
    judge(db, leadIds, false, (row) =>
      row.current_signature_file_id === null
        ? callable(row)
        : { eligible: false, reason: 'completed', detail: 'a signature is now on file' },
    ),
})

/** Signed people whose claims still wait on documents or answers from them. */
export const outstandingQueue = (overrides: Overrides = {}): QueueDefinition => ({
  id: 'outstanding',
  label: 'Outstanding requirements',
  kind: 'source',
  priority: 3,
  factors: claimsScoreFactors(),
  ...overrides,
  candidates: candidatesWho('signed'),
  recheck: (db, leadIds) =>
    judge(db, leadIds, true, (row) =>
      row.current_signature_file_id === null
        ? {
            eligible: false,
            reason: 'ineligible',
            detail: 'no signature on file: this person belongs in the unsigned queue',
          }
        : Number(row.pending ?? 0) === 0
          ? { eligible: false, reason: 'completed', detail: 'every requirement is now provided' }
          : callable(row),
    ),
})

/** Callbacks people asked for, now due; owned by the dialler, not the source. */
export const callbacksQueue = (overrides: Overrides = {}): QueueDefinition => ({
  id: 'callbacks',
  label: 'Scheduled callbacks',
  kind: 'callbacks',
  priority: 1,
  threshold: 0,
  coolingMinutes: 0,
  ...overrides,
})

/**
 * The shipped claims queues: due callbacks first (a promise to a person), then unsigned, then
 * outstanding. `weights` set the claims factors of both source queues (e.g. `lenderImportance`).
 */
export const claimsQueues = (
  overrides: { readonly [id in 'unsigned' | 'outstanding' | 'callbacks']?: Overrides } = {},
  weights: Partial<ClaimsWeights> = {},
) => [
  callbacksQueue(overrides.callbacks),
  unsignedQueue({ factors: claimsScoreFactors(weights), ...overrides.unsigned }),
  outstandingQueue({ factors: claimsScoreFactors(weights), ...overrides.outstanding }),
]
