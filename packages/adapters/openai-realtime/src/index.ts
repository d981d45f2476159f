/**
 * @ringlane/openai-realtime: an AI voice agent provider for Ringlane on OpenAI's Realtime API, for an
 * AI agent's provider chain (`createRinglane({ voiceAi: { providers: [openAiRealtime(...)] } })`).
 */
export {
  type ConnectRealtime,
  type OpenAiRealtimeOptions,
  openAiRealtime,
  type RealtimeSocket,
} from './openai-realtime.js'
