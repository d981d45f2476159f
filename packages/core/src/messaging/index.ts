export {
  assignConversation,
  ConversationQuery,
  conversationThread,
  leadThreads,
  listConversations,
  markConversationRead,
  PagedConversationQuery,
  pageConversations,
  ReplyRequest,
  replyInConversation,
  setConversationStatus,
} from './conversations.js'
export { deliver, ensureNotOptedOut } from './deliver.js'
export { recordDeliveryStatus } from './delivery-status.js'
export { ConversationNotFound, InvalidSmsRequest, RecipientOptedOut, UnknownTemplate } from './errors.js'
export type { MessagingEvent, SmsReceived, SmsSent } from './events.js'
export {
  type ClassifyOptions,
  ConversationPriority,
  classifyIntent,
  helpKeywords,
  type IntentClassification,
  optInKeywords,
  optOutKeywords,
  SmsIntent,
} from './intent.js'
export {
  DeliveryStatus,
  DeliveryStatusEvent,
  deliveryStatusRank,
  InboundSms,
  Messaging,
  MessagingError,
  type MessagingService,
  type OutboundSms,
} from './messaging.js'
export {
  AutoReplies,
  defaultAutoReplies,
  InvalidMessagingSettings,
  MessagingConfig,
  MessagingSettings,
  type MessagingSettingsInput,
  messagingConfigLayer,
} from './messaging-config.js'
export {
  type Conversation,
  type ConversationFilter,
  ConversationStatus,
  type DeliveryUpdate,
  type InboxPosition,
  MessagingStore,
  MessagingStoreError,
  type MessagingStoreService,
  type NewInboundMessage,
  type NewOutboundMessage,
  type SmsMessage,
} from './messaging-store.js'
export { type InboundAction, type InboundOutcome, receiveInboundSms } from './receive-sms.js'
export { type SmsEncoding, type SmsLength, smsLength } from './segments.js'
export { SendSmsRequest, sendSms } from './send-sms.js'
export { type SmsWebhookOptions, smsWebhookParsers } from './sms-webhook.js'
export {
  checkLength,
  InvalidTemplate,
  MessageTooLong,
  MissingTemplateValue,
  parseTemplate,
  type RenderedSms,
  type RenderOptions,
  renderTemplate,
  type TemplateValues,
  templateFields,
} from './templates.js'
