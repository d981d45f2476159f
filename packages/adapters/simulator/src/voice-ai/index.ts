export {
  type AgentScriptLine,
  type SimulatorVoiceAgentOptions,
  simulatorVoiceAgent,
  type VoiceAgentFault,
} from './simulator-voice-agent.js'
