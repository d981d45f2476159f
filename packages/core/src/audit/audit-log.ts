import { Context, Effect, Schema } from 'effect'
import type { PageKey } from '../kernel/cursor.js'

export class AuditLogError extends Schema.TaggedError<AuditLogError>()('AuditLogError', {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/**
 * Who did what to which record, and when: personal-data access, recording downloads, refused attempts
 * (a message to an opted-out number, a tampered link). Never holds message bodies or secrets.
 */
export interface AuditEntry {
  /** An agent id, `system`, `provider`, or `public` for unauthenticated callers. */
  readonly actor: string
  /** Dotted verb: `lead.viewed`, `recording.downloaded`, `sms.refused`, `magic_link.rejected`. */
  readonly action: string
  /** What it was done to: `lead:123`, `recording:…`, `phone:+44…`. */
  readonly subject: string
  /** Small facts that explain the entry (a reason code, an IP); no personal data beyond the subject. */
  readonly detail: Readonly<Record<string, string | number | boolean | null>>
  readonly at: Date
}

export interface AuditLogService {
  readonly record: (entry: AuditEntry) => Effect.Effect<void, AuditLogError>
  readonly list: (filter: {
    readonly actor?: string
    readonly action?: string
    readonly subject?: string
    readonly since?: Date
    /** Only entries after this key, newest first by (at, id): the previous page's last entry. */
    readonly after?: PageKey | null
    readonly limit: number
  }) => Effect.Effect<ReadonlyArray<AuditEntry & { readonly id: string }>, AuditLogError>
}

export class AuditLog extends Context.Tag('@ringlane/core/AuditLog')<AuditLog, AuditLogService>() {}

/** Records the entry in the audit log the program is given. */
export const recordAudit = (entry: AuditEntry) => Effect.flatMap(AuditLog, (log) => log.record(entry))
