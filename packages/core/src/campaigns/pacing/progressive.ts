import type { Pacer, PacingSnapshot } from '../pacer.js'

/**
 * Progressive dialling: one line per free agent. A ready agent who already has a call ringing or an
 * answered call waiting for them is not free, so nothing is placed for them; nothing is ever dialled
 * ahead, and no answered call waits unless a call ends while another is answered.
 */
export const progressivePacer = (): Pacer => ({
  observe: () => {},
  linesToPlace: (snapshot: PacingSnapshot) => {
    const ready = snapshot.agents.filter((agent) => agent.state === 'ready').length
    return Math.max(0, ready - snapshot.ringing.length - snapshot.waiting)
  },
})
