import { data, redirect } from '@remix-run/node'
import type { Transcripts } from '@ringlane/core'
import { Schema } from 'effect'
import type { Played } from '../components/recording-player'
import type { TranscriptView } from '../components/transcript'
import type { DiallerApp } from './dialler.server'
import { decodeForm, messageOf } from './forms.server'

/** The transcript as the page shows it; null when nothing transcribes or it has none yet. */
export const transcriptOf = async (
  ringlane: DiallerApp['ringlane'],
  recordingId: string,
): Promise<TranscriptView | null> => {
  const transcript: Transcripts.Transcript | null = await ringlane.transcripts
    .ofRecording(recordingId)
    // Nothing transcribes here: no transcript to show. Any other failure is the action's to report.
    .catch((error: unknown) => {
      if ((error as { _tag?: string })._tag === 'NotConfigured') return null
      throw error
    })
  return (
    transcript && {
      status: transcript.status,
      failureReason: transcript.failureReason,
      nextAttemptAt: transcript.nextAttemptAt?.toISOString() ?? null,
      turns: transcript.turns,
    }
  )
}

const Action = Schema.Struct({
  intent: Schema.Literal('play', 'refresh', 'download'),
  recordingId: Schema.UUID.annotations({ message: () => 'Choose a recording' }),
  /** Where to start playing: a transcript search hit's turn. */
  at: Schema.optional(
    Schema.NumberFromString.pipe(Schema.finite(), Schema.between(0, 86_400)).annotations({
      message: () => 'Start at a moment in the recording',
    }),
  ),
})

type ActionResult = Played

/**
 * Every URL handed out is signed, expiring and audited by the recordings service (played, refreshed
 * or downloaded, by whom): no entry, no URL.
 */
export const playbackAction = async (
  running: Pick<DiallerApp, 'ringlane'>,
  actor: string,
  posted: FormData,
  /** Whether this recording may be played from the page that asked (a call's page: its own recordings). */
  allowed: (recordingId: string) => boolean = () => true,
) => {
  const form = decodeForm(Action, posted)
  if (!form.ok)
    return data<ActionResult>(
      { ok: false, recordingId: null, error: Object.values(form.fields).join('; ') },
      { status: 400 },
    )
  const { intent, recordingId, at } = form.value
  if (!allowed(recordingId))
    return data<ActionResult>(
      { ok: false, recordingId, error: 'That recording is not one of this call’s' },
      { status: 404 },
    )
  try {
    const ask = {
      recordingId,
      actor,
      purpose: intent === 'download' ? ('download' as const) : ('playback' as const),
    }
    const signed =
      intent === 'refresh'
        ? await running.ringlane.recordings.refreshPlaybackUrl(ask)
        : await running.ringlane.recordings.playbackUrl(ask)
    if (intent === 'download')
      return redirect(`${signed.url}${signed.url.includes('?') ? '&' : '?'}download=1`)
    return data<ActionResult>({
      ok: true,
      recordingId,
      url: signed.url,
      refreshAt: signed.refreshAt.toISOString(),
      expiresAt: signed.expiresAt.toISOString(),
      // A refresh only swaps the URL; the transcript is already on the page.
      transcript: intent === 'refresh' ? null : await transcriptOf(running.ringlane, recordingId),
      startAt: at ?? null,
    })
  } catch (error) {
    return data<ActionResult>({ ok: false, recordingId, error: messageOf(error) }, { status: 409 })
  }
}
