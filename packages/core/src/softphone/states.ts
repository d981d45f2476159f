/**
 * The device (the agent's softphone registration) and call states, named as in twilio-voice.js so an
 * event is named after the state it enters.
 */
export const deviceStates = ['unregistered', 'registering', 'registered', 'destroyed'] as const
export type DeviceState = (typeof deviceStates)[number]

export const callStates = ['connecting', 'ringing', 'open', 'reconnecting', 'closed'] as const
export type CallState = (typeof callStates)[number]

/** Why a call closed, so the agent's outcome form can start from what the line reported. */
export const callEndReasons = ['completed', 'busy', 'no-answer', 'canceled', 'failed'] as const
export type CallEndReason = (typeof callEndReasons)[number]

/** A call that has not closed yet still holds the line: no second dial until it closes. */
export const isCallActive = (state: CallState): boolean => state !== 'closed'
