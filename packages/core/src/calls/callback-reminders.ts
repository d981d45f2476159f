import { Clock, Effect } from 'effect'
import { ContactHistoryStore } from '../leads/contact-history.js'
import { CallsConfig } from './calls-config.js'

/**
 * Callbacks coming due within the reminder lead time (default 5 minutes), each returned once so the
 * app can tell its owner (or everyone, for open callbacks). The job runs it every minute.
 */
export const callbackReminders = Effect.gen(function* () {
  const settings = yield* CallsConfig
  const now = yield* Clock.currentTimeMillis
  return yield* Effect.flatMap(ContactHistoryStore, (history) =>
    history.takeCallbackReminders(new Date(now + settings.callbackReminderMinutes * 60_000), new Date(now)),
  )
})
