/** A text came in from a person (already stored and classified). */
export interface SmsReceived {
  readonly _tag: 'SmsReceived'
  readonly at: Date
  readonly conversationId: string
  readonly messageId: string
}

/** A text went out to the provider (an agent's reply, a magic link, an auto-reply). */
export interface SmsSent {
  readonly _tag: 'SmsSent'
  readonly at: Date
  readonly conversationId: string
  readonly messageId: string
}

export type MessagingEvent = SmsReceived | SmsSent
