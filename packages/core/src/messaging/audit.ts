import { Clock, Effect } from 'effect'
import { AuditLog } from '../audit/audit-log.js'

/**
 * Writes an audit record: a refused attempt (the only thing a refusal writes), an opt-out or opt-in.
 * Who, on what, and a reason code; never the message text.
 */
export const writeAudit = (entry: {
  readonly actor: string
  readonly action: string
  readonly subject: string
  readonly reason: string
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>
}) =>
  Effect.gen(function* () {
    const audit = yield* AuditLog
    const at = new Date(yield* Clock.currentTimeMillis)
    yield* audit.record({
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      detail: { reason: entry.reason, ...entry.detail },
      at,
    })
  })
