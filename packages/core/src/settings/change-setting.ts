import { Clock, Effect, Either, Option, ParseResult, Schema } from 'effect'
import { AuditLog } from '../audit/audit-log.js'
import { decodeWith } from '../kernel/decode.js'
import { changedMeanwhile, SettingsStore, SettingsStoreError } from './settings-store.js'

/** A settings change refused before anything was stored; `field` names what was wrong. */
export class InvalidSettingsChange extends Schema.TaggedError<InvalidSettingsChange>()(
  'InvalidSettingsChange',
  { setting: Schema.String, field: Schema.String, message: Schema.String },
) {}

/**
 * A setting as read once: its stored value checked by its owner's schema (None when no store is given
 * or it was never changed: the code's value is in force), and the version that value is, with who
 * stored it and when. A change is based on such a read.
 */
export interface SettingRead<A> {
  readonly value: Option.Option<A>
  /** null: nothing stored. */
  readonly version: number | null
  readonly changedBy: string | null
  readonly changedAt: Date | null
}

/** Reads a setting once, value and version together (see `SettingRead`). */
export const readSetting = <A, I>(key: string, schema: Schema.Schema<A, I, never>) =>
  Effect.gen(function* () {
    const none: SettingRead<A> = { value: Option.none(), version: null, changedBy: null, changedAt: null }
    const store = yield* Effect.serviceOption(SettingsStore)
    if (Option.isNone(store)) return none
    const stored = yield* store.value.read(key)
    if (!stored) return none
    const decoded = ParseResult.decodeUnknownEither(schema)(stored.value, { errors: 'first' })
    // Changes are checked before they are stored, so this is a value written around the dialler.
    if (Either.isLeft(decoded)) {
      return yield* new SettingsStoreError({
        operation: `read ${key}`,
        message: `The stored ${key} setting (version ${stored.version}) does not read: ${ParseResult.TreeFormatter.formatIssueSync(decoded.left)}`,
      })
    }
    const { version, changedBy, changedAt } = stored
    return { value: Option.some(decoded.right), version, changedBy, changedAt } satisfies SettingRead<A>
  })

/** The stored value of a setting, checked by its owner's schema; None when the code's value is in force. */
export const storedSetting = <A, I>(key: string, schema: Schema.Schema<A, I, never>) =>
  Effect.map(readSetting(key, schema), (read) => read.value)

/** The latest change of a setting (who and when), or null when it was never changed. */
export const settingChange = (key: string) =>
  Effect.gen(function* () {
    const store = yield* Effect.serviceOption(SettingsStore)
    if (Option.isNone(store)) return null
    const stored = yield* store.value.read(key)
    return stored && { version: stored.version, changedBy: stored.changedBy, changedAt: stored.changedAt }
  })

const MAX_CHANGES = 30

/** Every scalar of a JSON document by its path (`unsigned.weights.perAttempt`), as text. */
const leaves = (value: unknown, path: string, into: Map<string, string>) => {
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) leaves(item, path ? `${path}.${key}` : key, into)
  } else into.set(path || '(value)', value === undefined ? '(none)' : JSON.stringify(value))
  return into
}

/** What changed, each field as `before → after`, for the audit entry (at most 30 fields named). */
export const changedFields = (before: unknown, after: unknown) => {
  const was = leaves(before, '', new Map())
  const now = leaves(after, '', new Map())
  const paths = [...new Set([...was.keys(), ...now.keys()])].filter((p) => was.get(p) !== now.get(p))
  const detail: Record<string, string | number> = {}
  for (const path of paths.slice(0, MAX_CHANGES))
    detail[path] = `${was.get(path) ?? '(none)'} → ${now.get(path) ?? '(none)'}`
  if (paths.length > MAX_CHANGES) detail.moreChanges = paths.length - MAX_CHANGES
  return detail
}

const VERSION_MESSAGE =
  'expectedVersion must be the version the change was based on (a whole number from 1), or null for a setting never stored'

/** The version a change is based on: a stored one, null (never stored), or left out (what `read` found). */
const ExpectedVersion = Schema.UndefinedOr(Schema.NullOr(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))))

/**
 * Changes a stored setting, only from the version it was based on: `expectedVersion` (what the
 * supervisor saw; left out, the version `read` found). Checks it (a version never stored is refused)
 * and `input` with the owner's schema, refused naming the field with nothing stored; refuses with
 * `SettingChangedMeanwhile` when the setting is no longer at that version; else stores it as the next
 * version and audits who changed what from what. `read` is the caller's one read of the setting and
 * `before` the value in force at it, so the audit's "before" is what the change replaced; `view` shapes
 * both for the audit (a list keyed by code).
 */
export const changeSetting = <A, I>(change: {
  readonly key: string
  readonly schema: Schema.Schema<A, I, never>
  readonly input: unknown
  readonly expectedVersion: unknown
  readonly read: SettingRead<A>
  readonly actor: string
  readonly before: A
  readonly view?: (value: I) => unknown
}) =>
  Effect.gen(function* () {
    const { key, schema, actor, read } = change
    const expected = decodeWith(
      ExpectedVersion,
      () => new InvalidSettingsChange({ setting: key, field: 'expectedVersion', message: VERSION_MESSAGE }),
    )(change.expectedVersion)
    if (Either.isLeft(expected)) return yield* expected.left
    const decoded = decodeWith(
      schema,
      (issue) => new InvalidSettingsChange({ setting: key, field: issue.field, message: issue.message }),
    )(change.input)
    if (Either.isLeft(decoded)) return yield* decoded.left
    const value = decoded.right
    const basedOn = expected.right === undefined ? read.version : expected.right
    // Ahead of what is stored: no one saw that version (an edited form), it is no race.
    if (basedOn !== null && basedOn > (read.version ?? 0)) {
      return yield* new InvalidSettingsChange({
        setting: key,
        field: 'expectedVersion',
        message: `expectedVersion: version ${basedOn} of the ${key} setting was never stored; it is at ${read.version === null ? 'none (never stored)' : `version ${read.version}`}`,
      })
    }
    // Changed since the supervisor saw it: `before` would not be what this change replaces.
    if (basedOn !== read.version) return yield* changedMeanwhile(key, basedOn, read)
    const encode = Schema.encodeSync(schema)
    const view = change.view ?? ((v: I) => v)
    const detail = changedFields(view(encode(change.before)), view(encode(value)))
    const store = yield* SettingsStore
    const audit = yield* AuditLog
    const now = new Date(yield* Clock.currentTimeMillis)
    const stored = yield* store.write({
      key,
      value: encode(value),
      expectedVersion: basedOn,
      changedBy: actor,
      changedAt: now,
    })
    yield* audit.record({
      actor,
      action: 'settings.changed',
      subject: `settings:${key}`,
      detail: { version: stored.version, ...detail },
      at: now,
    })
    return { value, version: stored.version, changedBy: stored.changedBy, changedAt: stored.changedAt }
  })
