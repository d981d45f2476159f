export {
  messagingLayer,
  type TwilioMessagesClient,
  type TwilioMessagingOptions,
  TwilioSender,
  twilioMessaging,
} from './twilio-messaging.js'
