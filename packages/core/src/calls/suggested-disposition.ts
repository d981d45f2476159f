import type { CallSession } from './call-session.js'

/**
 * The outcome a call's result already tells (busy, no answer, an answering machine), for the desk to
 * pre-select: the code when it is among `codes`, else null (a person answered: the agent says how it
 * went). A call still going suggests nothing.
 */
export const suggestedDisposition = (
  call: Pick<CallSession, 'status' | 'answeredBy' | 'answeredAt'>,
  codes: ReadonlyArray<string>,
): string | null => {
  const offer = (code: string) => (codes.includes(code) ? code : null)
  if (call.answeredBy === 'machine') return offer('voicemail')
  switch (call.status) {
    case 'busy':
      return offer('busy')
    case 'no-answer':
      return offer('no_answer')
    // Hung up before anyone answered: as good as no answer.
    case 'canceled':
      return call.answeredAt === null ? offer('no_answer') : null
    default:
      return null
  }
}
