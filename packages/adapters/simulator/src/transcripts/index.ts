export {
  type ConversationSource,
  createSimulatorTranscription,
  type SimulatorTranscription,
  type SimulatorTranscriptionOptions,
  type TranscriptionFault,
  transcriptionLayer,
} from './simulator-transcription.js'
