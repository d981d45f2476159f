export {
  aiAgentStreamTwiml,
  type MediaStreamSocket,
  type MediaStreamStart,
  twilioMediaStreamLine,
} from './media-stream-line.js'
export { TICKET_PARAMETER, twilioAiCallLines } from './twilio-ai-call-lines.js'
