import { describe, expect, it } from 'vitest'
import { synthesizeRecording, wavDurationSeconds } from './wav.js'

describe('synthesizeRecording', () => {
  it('writes a playable PCM WAV of the asked length', () => {
    const wav = synthesizeRecording({ seconds: 2.5 })
    const text = (from: number, to: number) => new TextDecoder().decode(wav.slice(from, to))
    expect(text(0, 4)).toBe('RIFF')
    expect(text(8, 16)).toBe('WAVEfmt ')
    expect(text(36, 40)).toBe('data')
    expect(wav.byteLength).toBe(44 + 2.5 * 8000 * 2)
    expect(wavDurationSeconds(wav)).toBe(2.5)
    const samples = new Int16Array(wav.buffer.slice(44))
    expect(samples.some((s) => Math.abs(s) > 5000)).toBe(true)
  })

  it('refuses lengths that are not a call', () => {
    expect(() => synthesizeRecording({ seconds: 0 })).toThrow(/seconds/)
    expect(() => synthesizeRecording({ seconds: Number.NaN })).toThrow(/seconds/)
  })
})
