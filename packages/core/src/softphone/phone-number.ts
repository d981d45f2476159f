/**
 * The shape of an E.164 number, checked in the browser without libphonenumber's metadata (too heavy for
 * a softphone bundle). The server normalizes and validates numbers before they reach the agent; this only
 * stops a malformed one from reaching the provider.
 */
const e164 = /^\+[1-9]\d{6,14}$/

export const isE164 = (value: string): boolean => e164.test(value)

/** Keypad tones a call can send: digits, * and #, and `w` for a half-second pause. */
const dtmf = /^[0-9*#w]+$/

export const isDtmf = (value: string): boolean => dtmf.test(value)
