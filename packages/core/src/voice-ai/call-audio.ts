import type { Effect } from 'effect'

/** What the caller's side of the line gives: a frame of audio, or the end (hang-up, stream stopped). */
export type CallerAudio = { readonly _tag: 'Audio'; readonly payload: string } | { readonly _tag: 'Ended' }

/**
 * A live call's audio, as a transport carries it (Twilio Media Streams: `twilioMediaStreamLine` in
 * @ringlane/twilio; the simulator's line). Audio is base64 G.711 µ-law at 8 kHz both ways.
 */
export interface CallAudioLine {
  /** The next thing from the caller; after `Ended` it keeps answering `Ended`. */
  readonly listen: Effect.Effect<CallerAudio>
  /** Queues audio for the caller; it plays in order, in real time. */
  readonly play: (payload: string) => Effect.Effect<void>
  /** Drops audio queued but not yet played (the caller spoke over it, or the filler gives way). */
  readonly clear: Effect.Effect<void>
}

/** G.711 at 8 kHz is one byte a sample: 8 bytes a millisecond. */
const BYTES_PER_MS = 8

/** How long a base64 µ-law payload plays, in milliseconds. */
export const audioMillis = (payload: string): number => {
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0
  return Math.floor((payload.length * 3) / 4 - padding) / BYTES_PER_MS
}

/** Linear 16-bit PCM sample to G.711 µ-law (ITU-T G.711, with the usual bias of 0x84). */
const toMulaw = (sample: number): number => {
  const sign = sample < 0 ? 0x80 : 0
  let magnitude = Math.min(Math.abs(sample), 32_635) + 0x84
  let exponent = 7
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f
  magnitude = 0
  return ~(sign | (exponent << 4) | mantissa) & 0xff
}

/**
 * The default filler: a soft two-tone chime of `millis`, in µ-law, played while the caller waits for
 * an agent (a recorded "one moment, please" is better: set `fillerAudio`).
 */
export const comfortTone = (millis = 1000): string => {
  const samples = millis * BYTES_PER_MS
  const bytes = new Uint8Array(samples)
  for (let i = 0; i < samples; i++) {
    const t = i / 8000
    const envelope = Math.min(1, i / 400, (samples - i) / 400)
    const tone = Math.sin(2 * Math.PI * 440 * t) + 0.5 * Math.sin(2 * Math.PI * 660 * t)
    bytes[i] = toMulaw(Math.round(2500 * envelope * tone))
  }
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}
