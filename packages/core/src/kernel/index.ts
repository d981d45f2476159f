export { csvCell, csvOf, csvRow } from './csv.js'
export {
  decodeCursor,
  decodeRankedCursor,
  encodeCursor,
  InvalidCursor,
  type Page,
  type PageKey,
  pageOf,
  type RankedPageKey,
} from './cursor.js'
export { decodeWith, firstIssue } from './decode.js'
export { type DomainEvent, DomainEvents, type DomainEventsService, publish } from './events.js'
export { AgentId, LeadId, QueueId } from './ids.js'
export {
  type DiallableLineType,
  E164,
  InvalidPhoneNumber,
  type NormalizedPhoneNumber,
  type NormalizeOptions,
  normalizePhoneNumber,
  normalizePhoneNumberPromise,
  normalizeWithConfig,
  PhoneConfig,
  PhoneSettings,
} from './phone-numbers.js'
export { runToPromise, settle } from './promise.js'
export { capAtLeast, int, settingsLayer } from './settings.js'
export { SystemErrorKind, type SystemErrorOccurred } from './system-errors.js'
export { addMinutes, currentDate, DAY, HOUR, MINUTE, StorableDate } from './time.js'
export {
  type FetchRequestLike,
  InvalidWebhook,
  type WebhookParams,
  WebhookRejected,
  WebhookRequest,
  webhookRequestFrom,
} from './webhooks.js'
