export {
  type TwilioIntelligenceClient,
  type TwilioTranscriptionOptions,
  transcriptionLayer,
  twilioTranscription,
} from './twilio-transcription.js'
