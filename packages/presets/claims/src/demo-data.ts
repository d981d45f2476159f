import type { Insertable, Kysely } from 'kysely'
import type { ClaimsSource } from './source-schema.js'

export interface DemoDataOptions {
  /** People to create; claims (~2.9 each) and requirements (~6.9 per claim) follow. Seed scale is 10,000. */
  readonly users: number
  /** Same seed, same data. */
  readonly seed?: number
  /** The moment the data is generated "at"; people were created over the year before it. */
  readonly now?: Date
  readonly onProgress?: (progress: DemoDataProgress) => void
  /**
   * Writes one batch of rows to a table, in column order; multi-row INSERTs through Kysely by
   * default. Engines with a faster bulk path plug it in here (e.g. COPY on PGlite).
   */
  readonly writeRows?: RowWriter
}

export type RowWriter = <T extends keyof ClaimsSource & string>(
  table: T,
  rows: ReadonlyArray<Insertable<ClaimsSource[T]>>,
) => Promise<void>

export interface DemoDataProgress {
  readonly users: number
  readonly totalUsers: number
  readonly claims: number
  readonly requirements: number
}

/** Small, fast, seeded PRNG (mulberry32): the generator must give the same data for the same seed. */
const random = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FIRST_NAMES = [
  'Oliver',
  'Amelia',
  'George',
  'Isla',
  'Harry',
  'Ava',
  'Jack',
  'Mia',
  'Jacob',
  'Ivy',
  'Noah',
  'Lily',
  'Charlie',
  'Florence',
  'Muhammad',
  'Freya',
  'Thomas',
  'Poppy',
  'Oscar',
  'Emily',
  'William',
  'Grace',
  'James',
  'Sophie',
  'Henry',
  'Ella',
  'Leo',
  'Evie',
  'Alfie',
  'Rosie',
  'Joshua',
  'Chloe',
  'Freddie',
  'Jessica',
  'Archie',
  'Alice',
  'Ethan',
  'Sienna',
  'Isaac',
  'Daisy',
  'Alexander',
  'Phoebe',
  'Joseph',
  'Evelyn',
  'Edward',
  'Harriet',
  'Samuel',
  'Matilda',
  'Max',
  'Imogen',
  'Daniel',
  'Eleanor',
  'Arthur',
  'Lucy',
  'Lucas',
  'Hannah',
  'Mohammed',
  'Megan',
  'Dylan',
  'Zara',
  'Aaron',
  'Niamh',
  'Rhys',
  'Siobhan',
  'Callum',
  'Eilidh',
  'Gareth',
  'Bethan',
  'Priya',
  'Arjun',
]
const LAST_NAMES = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Robinson',
  'Thompson',
  'Wright',
  'Walker',
  'White',
  'Edwards',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patel',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harrison',
  'Morgan',
  'Allen',
  'James',
  'Scott',
  'Phillips',
  'Watson',
  'Davis',
  'Parker',
  'Price',
  'Bennett',
  'Young',
  'Griffiths',
  'Mitchell',
  'Kelly',
  'Cook',
  'Carter',
  'Richardson',
  'Bailey',
  'Collins',
  'Bell',
  'Shaw',
  'Murphy',
  'Miller',
  'Cox',
  'Richards',
  'Khan',
  'Marshall',
  'Anderson',
  'Simpson',
  'Ellis',
  'Adams',
  'Singh',
  'Begum',
  'Ali',
  'Campbell',
  'MacDonald',
  'Stewart',
  'Reid',
  'Murray',
  'Fraser',
  "O'Brien",
  'Byrne',
]
const STREETS = [
  'High Street',
  'Station Road',
  'Main Street',
  'Park Road',
  'Church Road',
  'Church Street',
  'London Road',
  'Victoria Road',
  'Green Lane',
  'Manor Road',
  'Church Lane',
  'Park Avenue',
  'The Avenue',
  'The Crescent',
  'Queens Road',
  'New Road',
  'Grange Road',
  'Kings Road',
  'Alexandra Road',
  'Albert Road',
  'Mill Lane',
  'Springfield Road',
  'George Street',
  'York Road',
  'West Street',
  'North Street',
  'Chapel Street',
  'Windsor Road',
  'Highfield Road',
  'Broadway',
]
/** Town, county, postcode area. */
const TOWNS: ReadonlyArray<readonly [string, string | null, string]> = [
  ['Leeds', 'West Yorkshire', 'LS'],
  ['Bradford', 'West Yorkshire', 'BD'],
  ['Sheffield', 'South Yorkshire', 'S'],
  ['Manchester', 'Greater Manchester', 'M'],
  ['Bolton', 'Greater Manchester', 'BL'],
  ['Liverpool', 'Merseyside', 'L'],
  ['Birmingham', 'West Midlands', 'B'],
  ['Coventry', 'West Midlands', 'CV'],
  ['Nottingham', 'Nottinghamshire', 'NG'],
  ['Leicester', 'Leicestershire', 'LE'],
  ['Bristol', null, 'BS'],
  ['Plymouth', 'Devon', 'PL'],
  ['Exeter', 'Devon', 'EX'],
  ['Norwich', 'Norfolk', 'NR'],
  ['Ipswich', 'Suffolk', 'IP'],
  ['Reading', 'Berkshire', 'RG'],
  ['Oxford', 'Oxfordshire', 'OX'],
  ['Brighton', 'East Sussex', 'BN'],
  ['Southampton', 'Hampshire', 'SO'],
  ['Portsmouth', 'Hampshire', 'PO'],
  ['Newcastle upon Tyne', 'Tyne and Wear', 'NE'],
  ['Sunderland', 'Tyne and Wear', 'SR'],
  ['Middlesbrough', 'North Yorkshire', 'TS'],
  ['Hull', 'East Riding of Yorkshire', 'HU'],
  ['Cardiff', null, 'CF'],
  ['Swansea', null, 'SA'],
  ['Glasgow', null, 'G'],
  ['Edinburgh', null, 'EH'],
  ['Aberdeen', null, 'AB'],
  ['Belfast', 'County Antrim', 'BT'],
  ['Stoke-on-Trent', 'Staffordshire', 'ST'],
  ['Derby', 'Derbyshire', 'DE'],
  ['Preston', 'Lancashire', 'PR'],
  ['Blackpool', 'Lancashire', 'FY'],
  ['Luton', 'Bedfordshire', 'LU'],
]
/** Made-up lenders: the demo names no real company. */
const LENDERS = [
  'Northgate Motor Finance',
  'Harbourside Credit',
  'Pennine Car Loans',
  'Thameslink Finance',
  'Redbrick Lending',
  'Cavendish Auto Credit',
  'Meadowbank Finance',
  'Silverdale Motor Credit',
  'Kingsway Personal Finance',
  'Orchard Street Loans',
  'Beacon Hill Credit',
  'Riverside Vehicle Finance',
]
/**
 * How much each made-up lender matters to the demo's business, for the `lender_importance` factor
 * (`claimsQueues({}, { lenderImportance: demoLenderImportance })`). Lenders not listed count 0.
 */
export const demoLenderImportance: Readonly<Record<string, number>> = {
  'Northgate Motor Finance': 25,
  'Harbourside Credit': 20,
  'Pennine Car Loans': 15,
  'Thameslink Finance': 12,
  'Redbrick Lending': 10,
  'Cavendish Auto Credit': 8,
  'Meadowbank Finance': 5,
  'Silverdale Motor Credit': 3,
}
/** Windows people ask to be called in (first and last hour, UK clock); some run over lunch or the evening. */
const PREFERRED_HOURS: ReadonlyArray<readonly [number, number]> = [
  [8, 10],
  [9, 12],
  [12, 14],
  [10, 16],
  [17, 20],
  [18, 21],
]
const CLAIM_STATUSES = ['NEW', 'IN_PROGRESS', 'AWAITING_CLIENT', 'SUBMITTED_TO_LENDER', 'OFFER_RECEIVED']
const REQUIREMENT_TYPES = [
  'ID_DOCUMENT',
  'PROOF_OF_ADDRESS',
  'BANK_STATEMENT',
  'FINANCE_AGREEMENT',
  'CREDIT_REPORT',
  'QUESTIONNAIRE',
  'VEHICLE_DETAILS',
  'INCOME_EVIDENCE',
]

const DAY = 86_400_000
/** Bound parameters a statement: Postgres takes 65,535, but PGlite reads the count as a signed 16-bit number. */
const rowsPerStatement = (columns: number) => Math.floor(30_000 / columns)

const insertAll = async <T extends keyof ClaimsSource & string>(
  db: Kysely<ClaimsSource>,
  table: T,
  rows: ReadonlyArray<Insertable<ClaimsSource[T]>>,
) => {
  const first = rows[0]
  if (!first) return
  const size = rowsPerStatement(Object.keys(first).length)
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute()
  }
}

/**
 * Fills an empty claims source with realistic people: UK names and addresses, claims with lenders and
 * requirements, and phone numbers only from Ofcom's drama range 07700 900000–900999, so no real person
 * can ever be dialled. Deterministic for a seed; reports progress as it goes.
 */
export const generateClaimsSource = async (db: Kysely<ClaimsSource>, options: DemoDataOptions) => {
  if (!Number.isInteger(options.users) || options.users < 1 || options.users > 10_000_000) {
    throw new RangeError(`users must be a whole number from 1 to 10,000,000, got ${options.users}`)
  }
  const next = random(options.seed ?? 1)
  const pick = <T>(items: ReadonlyArray<T>): T => items[Math.floor(next() * items.length)] as T
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1))
  const now = +(options.now ?? new Date())
  const totals = { users: 0, totalUsers: options.users, claims: 0, requirements: 0 }
  const usersPerBatch = 5000

  for (let start = 1; start <= options.users; start += usersPerBatch) {
    const users: Insertable<ClaimsSource['users']>[] = []
    const addresses: Insertable<ClaimsSource['user_addresses']>[] = []
    const claims: Insertable<ClaimsSource['claims']>[] = []
    const requirements: Insertable<ClaimsSource['claim_requirements']>[] = []
    for (let id = start; id < Math.min(start + usersPerBatch, options.users + 1); id++) {
      const firstName = pick(FIRST_NAMES)
      const lastName = pick(LAST_NAMES)
      // Skewed to recent sign-ups, with a few inside the two-hour cooling period.
      const ageMs = next() < 0.03 ? next() * 2 * 3600_000 : next() ** 2 * 365 * DAY
      const createdAt = new Date(now - ageMs)
      const digits = String(between(0, 999)).padStart(3, '0')
      const phone = pick([
        `07700 900${digits}`,
        `07700900${digits}`,
        `+44 7700 900${digits}`,
        `+447700900${digits}`,
      ])
      const [town, county, area] = pick(TOWNS)
      const postCode = `${area}${between(1, 29)} ${between(1, 9)}${String.fromCharCode(65 + between(0, 25))}${String.fromCharCode(65 + between(0, 25))}`
      addresses.push({
        id,
        user_id: id,
        full_address: `${between(1, 240)} ${pick(STREETS)}, ${town}`,
        post_code: postCode,
        county,
        created_at: createdAt,
      })
      const signed = next() >= 0.3
      // About a third said when they like to be called.
      const preferred = next() < 0.35 ? pick(PREFERRED_HOURS) : null
      // People differ: some have sent nearly everything, others almost nothing, so queues spread out.
      const pendingRate = pick([0.03, 0.06, 0.12, 0.2, 0.35])
      users.push({
        id,
        first_name: firstName,
        last_name: lastName,
        email:
          next() < 0.92
            ? `${`${firstName}.${lastName}${id}`.toLowerCase().replace(/[^a-z0-9.]/g, '')}@example.com`
            : null,
        phone_number: phone,
        is_enabled: next() >= 0.03,
        current_user_address_id: id,
        current_signature_file_id: signed ? 100_000_000 + id : null,
        created_at: createdAt,
        preferred_call_from_hour: preferred?.[0] ?? null,
        preferred_call_to_hour: preferred?.[1] ?? null,
      })
      const claimCount = pick([1, 2, 2, 3, 3, 3, 4, 4, 5])
      for (let c = 0; c < claimCount; c++) {
        const claimId = ++totals.claims
        const claimCreated = new Date(+createdAt + next() * Math.min(ageMs, 30 * DAY))
        claims.push({
          id: claimId,
          user_id: id,
          reference: `CL-${String(claimId).padStart(7, '0')}`,
          status: pick(CLAIM_STATUSES),
          lender: pick(LENDERS),
          estimated_value: Math.round((500 + next() ** 2 * 14_500) / 50) * 50,
          created_at: claimCreated,
        })
        const requirementCount = between(4, 10)
        for (let r = 0; r < requirementCount; r++) {
          const roll = next()
          const status = roll < pendingRate ? 'PENDING' : roll < 0.95 ? 'COMPLETED' : 'REJECTED'
          const requirementCreated = new Date(
            +claimCreated + next() * Math.min(now - +claimCreated, 20 * DAY),
          )
          requirements.push({
            id: ++totals.requirements,
            claim_id: claimId,
            type: pick(REQUIREMENT_TYPES),
            status,
            created_at: requirementCreated,
            completed_at:
              status === 'PENDING' ? null : new Date(Math.min(now, +requirementCreated + next() * 10 * DAY)),
          })
        }
      }
    }
    const write: RowWriter = options.writeRows ?? ((table, rows) => insertAll(db, table, rows))
    await write('users', users)
    await write('user_addresses', addresses)
    await write('claims', claims)
    await write('claim_requirements', requirements)
    totals.users += users.length
    options.onProgress?.({ ...totals })
  }
  return { users: totals.users, claims: totals.claims, requirements: totals.requirements }
}
