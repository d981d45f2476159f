import { Clock, Effect } from 'effect'
import { publish } from '../kernel/events.js'
import { ContactHistoryStore } from '../leads/contact-history.js'
import { CallsConfig } from './calls-config.js'
import type { CallbackDue } from './events.js'

/**
 * Callbacks coming due within the reminder lead time (default 5 minutes), each taken once across
 * instances and published as `CallbackDue` so the app can tell its owner (or everyone, for open
 * callbacks). The callback-reminders job runs it every minute.
 */
export const callbackReminders = Effect.gen(function* () {
  const settings = yield* CallsConfig
  const now = yield* Clock.currentTimeMillis
  const due = yield* Effect.flatMap(ContactHistoryStore, (history) =>
    history.takeCallbackReminders(new Date(now + settings.callbackReminderMinutes * 60_000), new Date(now)),
  )
  for (const callback of due) {
    yield* publish<CallbackDue>({
      _tag: 'CallbackDue',
      at: new Date(now),
      callbackId: callback.id,
      leadId: callback.leadId,
      ownerAgentId: callback.ownerAgentId,
      dueAt: callback.dueAt,
    })
  }
  return due
})
