export {
  aiAgentStreamTwiml,
  type MediaStreamSocket,
  type MediaStreamStart,
  twilioMediaStreamLine,
} from './media-stream-line.js'
