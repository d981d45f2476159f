import type { Ringlane, VoiceAi } from '@ringlane/core'
import { type AgentScriptLine, simulatorCallerLine, simulatorVoiceAgent } from '@ringlane/simulator'

// A short conversation, so trying the agent in the demo takes seconds.
const demoScript: ReadonlyArray<AgentScriptLine> = [
  { speaker: 'agent', text: 'Hello, this is the claims team about your refund.' },
  { speaker: 'caller', text: 'Yes, go on.' },
  { speaker: 'agent', text: 'Your forms arrived; the payment is on its way.' },
  { speaker: 'caller', text: 'Thank you.' },
]

/**
 * The demo's AI voice agent providers: the simulator speaking, one that never answers (to see the
 * fallback), and one whose caller asks for a person (to see the handoff).
 */
export const demoVoiceProviders = (): ReadonlyArray<VoiceAi.VoiceAgentProviderService> => [
  simulatorVoiceAgent({ name: 'simulator', script: demoScript }),
  simulatorVoiceAgent({ name: 'simulator-silent', fault: { kind: 'silence' } }),
  simulatorVoiceAgent({ name: 'simulator-handoff', script: demoScript, callerAsksForPersonAfter: 2 }),
]

export const DEMO_HANDOFF_QUEUE = 'ai-handoff'

/** The demo's AI agent and the live-call queue it hands over to, each made once. */
export const ensureDemoVoiceAgent = async (ringlane: Ringlane) => {
  const queues = await ringlane.routing.queues()
  if (!queues.some((queue) => queue.id === DEMO_HANDOFF_QUEUE))
    await ringlane.routing.saveQueue({ id: DEMO_HANDOFF_QUEUE, name: 'AI handoffs' })
  if ((await ringlane.voiceAi.agents()).length === 0)
    await ringlane.voiceAi.saveAgent({
      id: 'claims-ai',
      name: 'Claims assistant',
      instructions:
        'You call claimants about their refund claim. Be brief and kind; if they ask for a person, hand over.',
      providers: ['simulator-silent', 'simulator'],
      handoffQueueId: DEMO_HANDOFF_QUEUE,
    })
}

/**
 * A simulated call for an AI agent to take (the demo's "try it"): a caller on the simulator's line,
 * the session run to its end, its record returned.
 */
export const trySimulatedCall = (ringlane: Ringlane, agentId: string) => {
  const callId = `demo-ai-${Date.now().toString(36)}`
  return ringlane.voiceAi.takeCall(
    {
      callId,
      providerCallId: `SIM-${callId}`,
      agentId,
      direction: 'outbound',
      context: 'A demo call: the claimant sent their forms last week.',
    },
    simulatorCallerLine({ hangUpAfterMs: 30_000 }).line,
  )
}
