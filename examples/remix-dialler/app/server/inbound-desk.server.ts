import { dispositionLabels, pastCalls } from './call-history.server'
import type { DiallerApp } from './dialler.server'

/**
 * The desk's inbound side: the agent's line (the number their browser leg "calls", when they work a
 * live-call queue and a flow answers some number) and the inbound call they are on or must finish,
 * with the caller's lead (name, claims, calls) when the number matched one. A lead the source cannot
 * give now is shown by its number, as an unknown caller is: the desk never breaks on it.
 */
export const inboundDesk = async (
  { ringlane }: Pick<DiallerApp, 'ringlane'>,
  agentId: string,
  config: Parameters<typeof dispositionLabels>[0],
) => {
  const desk = await ringlane.inbound.desk(agentId)
  const line = desk.takesCalls
    ? ((await ringlane.inbound.flows()).flatMap((flow) => flow.numbers as ReadonlyArray<string>)[0] ?? null)
    : null
  if (!desk.call) return { line, call: null }
  const { caller } = desk.call
  const lead =
    caller._tag === 'KnownCaller'
      ? await Promise.all([
          ringlane.leads.context(agentId, caller.leadId),
          ringlane.calls.history(caller.leadId, 10),
        ])
          .then(([context, history]) => ({
            id: caller.leadId as string,
            name: `${context.profile.firstName} ${context.profile.lastName}`.trim(),
            email: context.profile.email,
            attempts: context.activity?.attemptsTotal ?? 0,
            claims: context.profile.details.claims,
            history: pastCalls(history, dispositionLabels(config)),
          }))
          .catch(() => null)
      : null
  return {
    line,
    call: {
      sessionId: desk.call.sessionId,
      status: desk.call.status,
      phone: caller.phone as string,
      lead,
    },
  }
}
