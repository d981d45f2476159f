// Compiled against the built packages by `pnpm check:packages`, like uses-public-types.ts: the public
// types of messaging and magic links as a consumer sees them.
import { type MagicLinks, Messaging } from '@ringlane/core'
import {
  describeMagicLinkStoreConformance,
  describeMessagingConformance,
  describeMessagingStoreConformance,
} from '@ringlane/core/testing'
import { createSimulatorMessaging, type SimulatorMessaging } from '@ringlane/simulator'
import { type TwilioMessagesClient, twilioMessaging } from '@ringlane/twilio'

type Uses = [
  Messaging.Conversation,
  Messaging.SmsMessage,
  Messaging.MessagingService,
  Messaging.MessagingStoreService,
  Messaging.InboundOutcome,
  Messaging.IntentClassification,
  Messaging.SendSmsRequest,
  MagicLinks.MagicLink,
  MagicLinks.IssuedMagicLink,
  MagicLinks.LinkRates,
  MagicLinks.MagicLinkStoreService,
  MagicLinks.MagicLinkTypeInput,
  SimulatorMessaging,
  TwilioMessagesClient,
]

export const usesMessaging = (value: Uses): [Uses, string, unknown[]] => [
  value,
  Messaging.classifyIntent('STOP').intent,
  [
    describeMessagingConformance,
    describeMessagingStoreConformance,
    describeMagicLinkStoreConformance,
    createSimulatorMessaging,
    twilioMessaging,
  ],
]
