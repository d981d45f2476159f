import { E164 } from '@ringlane/core'
import { Either, ParseResult, Schema } from 'effect'

const url = (protocols: ReadonlyArray<string>, what: string) =>
  Schema.String.pipe(
    Schema.filter(
      (value) => {
        try {
          return (
            protocols.includes(new URL(value).protocol) || `must be a ${what} URL (${protocols.join(' or ')})`
          )
        } catch {
          return `must be a ${what} URL, e.g. ${protocols[0]}//…`
        }
      },
      { identifier: what },
    ),
  )
const secret = (min: number) =>
  Schema.Redacted(
    Schema.String.pipe(Schema.minLength(min, { message: () => `must be at least ${min} characters` })),
  )

const perMinute = Schema.compose(
  Schema.String.pipe(
    Schema.pattern(/^\d{1,6}$/, {
      message: () => 'must be a whole number of requests a minute (0: no limit)',
    }),
  ),
  Schema.NumberFromString,
)

/**
 * Everything the app reads from its environment, checked once at start. Nothing is required: with no
 * variables at all the dialler runs embedded (PGlite, a generated demo source, simulated telephony).
 */
export const Env = Schema.Struct({
  NODE_ENV: Schema.optionalWith(Schema.Literal('development', 'production', 'test'), {
    default: () => 'production' as const,
  }),
  PORT: Schema.optionalWith(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 65_535)), {
    default: () => 3000,
  }),
  /**
   * How many reverse proxies in front of the app to trust with `X-Forwarded-For` (0: none, the
   * socket's address is the client's). Set it to the number of proxies that append to the header.
   */
  TRUST_PROXY: Schema.optionalWith(
    Schema.compose(
      Schema.String.pipe(
        Schema.pattern(/^(?:[0-9]|10)$/, { message: () => 'must be a whole number of proxies, 0 to 10' }),
      ),
      Schema.NumberFromString,
    ),
    { default: () => 0 },
  ),
  /**
   * Requests a minute each app instance takes (in memory, per instance; 0: no limit): form posts per
   * session and address, and webhooks per provider. Over it: 429 with Retry-After.
   */
  RATE_LIMIT_ACTIONS: Schema.optionalWith(perMinute, { default: () => 120 }),
  RATE_LIMIT_WEBHOOKS: Schema.optionalWith(perMinute, { default: () => 1200 }),
  /**
   * Calls a second the engine places, shared by every instance: the carrier account's own limit
   * (Twilio queues calls above it, and the pacing decision then lands late).
   */
  ENGINE_CALLS_PER_SECOND: Schema.optionalWith(
    Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 1000)),
    { default: () => 10 },
  ),
  /** Where the embedded database, demo source and simulated recordings live. */
  RINGLANE_DATA_DIR: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1)), {
    default: () => '.ringlane-data',
  }),
  /** The origin people and providers reach the app at (webhook signatures are checked against it). */
  PUBLIC_BASE_URL: Schema.optionalWith(url(['http:', 'https:'], 'web'), { exact: true }),
  /** Where operations alerts are POSTed (an ops tool's incoming webhook); unset, they stay on the dashboard. */
  OPS_WEBHOOK_URL: Schema.optionalWith(url(['https:', 'http:'], 'web'), { exact: true }),
  /** How long a queue stays below its threshold before it is an operations alert (minutes, 0: at once). */
  OPS_ALERT_BELOW_THRESHOLD_MINUTES: Schema.optionalWith(
    Schema.NumberFromString.pipe(Schema.int(), Schema.between(0, 1440)),
    { default: () => 15 },
  ),
  /**
   * Queue thresholds (regenerate below this many waiting), as `queue=number` pairs separated by commas,
   * e.g. `unsigned=50,outstanding=100`; queues not named keep the preset's. A starting value: a threshold
   * saved on the Settings page is stored and wins over it.
   */
  QUEUE_THRESHOLDS: Schema.optionalWith(
    Schema.String.pipe(
      Schema.pattern(/^\s*[a-z][a-z0-9_-]*=\d{1,6}(\s*,\s*[a-z][a-z0-9_-]*=\d{1,6})*\s*$/, {
        message: () => 'must be queue=number pairs separated by commas: a queue id, "=", a whole number',
      }),
    ),
    { exact: true },
  ),
  /** The HMAC key the ops webhook's `X-Ringlane-Signature` is made with; the ops tool checks it. */
  OPS_WEBHOOK_SECRET: Schema.optionalWith(secret(32), { exact: true }),
  /**
   * The integrator's own pages for magic links (a customer portal). Unset: links open this app's
   * `/l/<type>?token=…` page, which verifies and tracks them; set: links open the preset's paths on
   * that origin, whose pages call `ringlane.magicLinks.verify` themselves.
   */
  MAGIC_LINK_BASE_URL: Schema.optionalWith(url(['http:', 'https:'], 'web'), { exact: true }),
  /** Signs the simulator's webhooks and recording URLs; generated into the data dir when unset. */
  RINGLANE_SECRET: Schema.optionalWith(secret(32), { exact: true }),
  /** People in the generated demo source (seed scale is 10,000). */
  DEMO_PEOPLE: Schema.optionalWith(
    Schema.NumberFromString.pipe(Schema.int(), Schema.between(50, 1_000_000)),
    {
      default: () => 10_000,
    },
  ),
  DATABASE_URL: Schema.optionalWith(url(['postgres:', 'postgresql:'], 'Postgres'), { exact: true }),
  /** Connections each instance keeps to DATABASE_URL for the dialler's store (jobs and events add their own). */
  DATABASE_POOL_SIZE: Schema.optionalWith(
    Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 200)),
    { default: () => 20 },
  ),
  REPLICA_DATABASE_URL: Schema.optionalWith(
    url(['mysql:', 'postgres:', 'postgresql:'], 'MySQL or Postgres'),
    { exact: true },
  ),
  TWILIO_ACCOUNT_SID: Schema.optionalWith(
    Schema.String.pipe(
      Schema.pattern(/^AC[0-9a-fA-F]{32}$/, { message: () => 'must be AC followed by 32 hex digits' }),
    ),
    { exact: true },
  ),
  TWILIO_AUTH_TOKEN: Schema.optionalWith(secret(16), { exact: true }),
  TWILIO_API_KEY_SID: Schema.optionalWith(
    Schema.String.pipe(
      Schema.pattern(/^SK[0-9a-fA-F]{32}$/, { message: () => 'must be SK followed by 32 hex digits' }),
    ),
    { exact: true },
  ),
  TWILIO_API_KEY_SECRET: Schema.optionalWith(secret(16), { exact: true }),
  TWILIO_TWIML_APP_SID: Schema.optionalWith(
    Schema.String.pipe(
      Schema.pattern(/^AP[0-9a-fA-F]{32}$/, { message: () => 'must be AP followed by 32 hex digits' }),
    ),
    { exact: true },
  ),
  /** Core's E.164 form, the one every number is stored and dialled in. */
  TWILIO_CALLER_ID: Schema.optionalWith(
    E164.annotations({ message: () => 'must be an E.164 number, e.g. +441632960001' }),
    { exact: true },
  ),
  TWILIO_MESSAGING_SERVICE_SID: Schema.optionalWith(
    Schema.String.pipe(
      Schema.pattern(/^MG[0-9a-fA-F]{32}$/, { message: () => 'must be MG followed by 32 hex digits' }),
    ),
    { exact: true },
  ),
  /** Twilio Conversational Intelligence service that transcribes recordings (optional: no transcripts without it). */
  TWILIO_INTELLIGENCE_SERVICE_SID: Schema.optionalWith(
    Schema.String.pipe(
      Schema.pattern(/^GA[0-9a-fA-F]{32}$/, { message: () => 'must be GA followed by 32 hex digits' }),
    ),
    { exact: true },
  ),
  SUPABASE_URL: Schema.optionalWith(url(['https:', 'http:'], 'Supabase'), { exact: true }),
  SUPABASE_SERVICE_ROLE_KEY: Schema.optionalWith(secret(20), { exact: true }),
  SUPABASE_BUCKET: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^[a-z0-9][a-z0-9._-]{1,62}$/)), {
    default: () => 'recordings',
  }),
})
export type Env = typeof Env.Type

/** Variables that only make sense together: set one, set them all. */
const groups: ReadonlyArray<readonly [string, ReadonlyArray<keyof Env>]> = [
  [
    'Twilio',
    [
      'TWILIO_ACCOUNT_SID',
      'TWILIO_AUTH_TOKEN',
      'TWILIO_API_KEY_SID',
      'TWILIO_API_KEY_SECRET',
      'TWILIO_TWIML_APP_SID',
      'TWILIO_CALLER_ID',
    ],
  ],
  ['Supabase', ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY']],
  ['Ops webhook', ['OPS_WEBHOOK_URL', 'OPS_WEBHOOK_SECRET']],
]

export class InvalidEnvironment extends Error {
  override readonly name = 'InvalidEnvironment'
  constructor(readonly problems: ReadonlyArray<string>) {
    super(`The environment is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** Reads and checks the environment; every problem is reported at once, one line each. */
export const readEnv = (source: Readonly<Record<string, string | undefined>> = process.env): Env => {
  const input = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  )
  const decoded = ParseResult.decodeUnknownEither(Env)(input, { errors: 'all', onExcessProperty: 'ignore' })
  // A message never carries a value it was given: secrets must not reach logs, even when wrong.
  // One line per variable: a bad value can fail more than one layer of its schema (its check, then the
  // default's wrapping), and only the first says what is wrong.
  const seen = new Set<string>()
  const problems = Either.isLeft(decoded)
    ? ParseResult.ArrayFormatter.formatIssueSync(decoded.left).flatMap((issue) => {
        const name = issue.path.join('.')
        if (seen.has(name)) return []
        seen.add(name)
        const given = input[name]
        return [`${name}: ${given && issue.message.includes(given) ? 'is not valid' : issue.message}`]
      })
    : []
  for (const [name, variables] of groups) {
    const set = variables.filter((variable) => input[variable] !== undefined)
    if (set.length > 0 && set.length < variables.length) {
      for (const missing of variables.filter((variable) => input[variable] === undefined)) {
        problems.push(
          `${missing}: required for ${name}, since ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set`,
        )
      }
    }
  }
  if (Either.isLeft(decoded) || problems.length > 0) throw new InvalidEnvironment(problems)
  return decoded.right
}

/** What may reach the browser: nothing secret, just enough for the softphone to pick its driver. */
export const publicEnv = (env: Env) => ({
  telephony: env.TWILIO_ACCOUNT_SID ? ('twilio' as const) : ('simulator' as const),
})
