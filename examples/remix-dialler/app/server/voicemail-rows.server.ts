import type { Inbound, Ringlane } from '@ringlane/core'

/**
 * Voicemail messages as a page shows them, for the one who reads them (`viewerId`): the caller's name
 * where the number is a lead's, the box's name, whether it can be played (its recording is stored) and
 * what the transcript says.
 */
export const voicemailRows = (
  ringlane: Ringlane,
  viewerId: string,
  messages: ReadonlyArray<Inbound.VoicemailMessage>,
  boxes: ReadonlyArray<Inbound.VoicemailBox>,
) => {
  const boxName = new Map(boxes.map((box) => [box.id, box.name]))
  return Promise.all(
    messages.map(async (message) => {
      const context = message.leadId
        ? await ringlane.leads.context(viewerId, message.leadId).catch(() => null)
        : null
      const [recording] = await ringlane.recordings
        .list({ sessionId: message.sessionId, limit: 1 })
        .catch(() => [])
      const transcripts = await ringlane.transcripts.ofCall({ sessionId: message.sessionId }).catch(() => [])
      return {
        id: message.id as string,
        from: message.from as string,
        caller: context ? `${context.profile.firstName} ${context.profile.lastName}`.trim() : null,
        box: boxName.get(message.boxId) ?? message.boxId,
        recordedAt: message.recordedAt.toISOString(),
        durationSeconds: message.durationSeconds,
        heard: message.heardAt !== null,
        callbackMade: message.callbackId !== null,
        recordingId: recording?.status === 'stored' ? (recording.id as string) : null,
        transcript: transcripts[0]?.turns.map((turn) => turn.text).join(' ') || null,
      }
    }),
  )
}

export type VoicemailRow = Awaited<ReturnType<typeof voicemailRows>>[number]
