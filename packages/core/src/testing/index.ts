/**
 * @ringlane/core/testing: the conformance suites every adapter runs against a real engine.
 * An adapter's test file is one call of its port's suite (vitest is needed to run them).
 */

export { type AbandonLedgerFixture, describeAbandonLedgerConformance } from './abandon-ledger.js'
export {
  type AnalyticsStoreFixture,
  type AnalyticsStores,
  describeAnalyticsStoreConformance,
} from './analytics-store.js'
export {
  type CallStoreFixture,
  type CallStoreInspector,
  type CallStoreWrite,
  describeCallStoreConformance,
  type StoredCallback,
  type StoredCallEvent,
  type StoredConversion,
} from './call-store.js'
export { newCampaignInput, storedCampaign } from './campaign-fixtures.js'
export {
  type CampaignStoreFixture,
  type CampaignStoreInspector,
  describeCampaignStoreConformance,
} from './campaign-store.js'
export {
  type DiallerStores,
  type DiallerStoresFixture,
  type DiallerStoresInspector,
  describeDiallerStoresConformance,
} from './dialler-stores.js'
export {
  describeInboundStoreConformance,
  type InboundStoreFixture,
  type InboundStoreInspector,
} from './inbound-store.js'
export {
  describeMagicLinkStoreConformance,
  type MagicLinkStoreFixture,
  type MagicLinkStoreInspector,
} from './magic-link-store.js'
export { describeMessagingConformance, type MessagingFixture, type ProviderReceivedSms } from './messaging.js'
export {
  describeMessagingStoreConformance,
  type MessagingStoreFixture,
  type MessagingStoreInspector,
} from './messaging-store.js'
export { describeRecordingStorageConformance, type RecordingStorageFixture } from './recording-storage.js'
export {
  describeRecordingStoreConformance,
  newRecording,
  type RecordingStoreFixture,
  type RecordingStoreInspector,
} from './recording-store.js'
export { describeRoutingStoreConformance, type RoutingStoreFixture } from './routing-store.js'
export { describeSettingsStoreConformance, type SettingsStoreFixture } from './settings-store.js'
export {
  describeSuppressionListStoreConformance,
  type SuppressionListStoreFixture,
} from './suppression-list-store.js'
export { describeSuppressionStoreConformance, type SuppressionStoreFixture } from './suppression-store.js'
export { describeSystemErrorStoreConformance, type SystemErrorStoreFixture } from './system-error-store.js'
export { describeTelephonyConformance, type TelephonyFixture, telephonyWith } from './telephony.js'
export {
  describeTranscriptStoreConformance,
  newTranscript,
  type TranscriptStoreFixture,
  type TranscriptStoreInspector,
} from './transcript-store.js'
export { describeTranscriptionConformance, type TranscriptionFixture } from './transcription.js'
export {
  describeVoiceAiStoreConformance,
  type VoiceAiStoreFixture,
  type VoiceAiStoreInspector,
} from './voice-ai-store.js'
