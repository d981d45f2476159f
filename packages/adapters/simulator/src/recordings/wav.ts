/**
 * Real audio for simulated calls: a 16-bit PCM mono WAV of two alternating tones (agent and callee
 * "speaking"), so recordings play in a browser and have a true size and duration.
 */
export interface WavOptions {
  readonly seconds: number
  /** Telephony audio is 8 kHz; keep it so file sizes match what a provider would send. */
  readonly sampleRate?: number
}

export const synthesizeRecording = ({ seconds, sampleRate = 8000 }: WavOptions): Uint8Array => {
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 4 * 3600) {
    throw new RangeError(`seconds must be between 0 and 14400, got ${seconds}`)
  }
  const samples = Math.round(seconds * sampleRate)
  const bytes = new Uint8Array(44 + samples * 2)
  const view = new DataView(bytes.buffer)
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i))
  }
  ascii(0, 'RIFF')
  view.setUint32(4, 36 + samples * 2, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, 16, true) // PCM header size
  view.setUint16(20, 1, true) // PCM
  view.setUint16(22, 1, true) // mono
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * 2, true) // byte rate
  view.setUint16(32, 2, true) // block align
  view.setUint16(34, 16, true) // bits per sample
  ascii(36, 'data')
  view.setUint32(40, samples * 2, true)
  for (let i = 0; i < samples; i++) {
    const t = i / sampleRate
    const speaker = Math.floor(t / 1.5) % 2 // turns of 1.5 s
    const tone = Math.sin(2 * Math.PI * (speaker ? 220 : 330) * t) * 0.3 * 32767
    view.setInt16(44 + i * 2, Math.round(tone), true)
  }
  return bytes
}

/** Duration of a PCM WAV in seconds, read from its header. */
export const wavDurationSeconds = (wav: Uint8Array): number => {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength)
  return view.getUint32(40, true) / view.getUint32(28, true)
}
