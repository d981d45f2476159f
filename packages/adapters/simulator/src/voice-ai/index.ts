export { type SimulatorAiCallLinesOptions, simulatorAiCallLines } from './simulator-ai-call-lines.js'
export { type SimulatorCallerLineOptions, simulatorCallerLine } from './simulator-caller-line.js'
export {
  type AgentScriptLine,
  type SimulatorVoiceAgentOptions,
  simulatorVoiceAgent,
  type VoiceAgentFault,
} from './simulator-voice-agent.js'
