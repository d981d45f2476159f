import { Softphone } from '@ringlane/core'
import { describe, expect, it } from 'vitest'
import { twilioError } from './fake-voice-sdk.test.support.js'
import { twilioHints } from './softphone-error.js'
import { endReasonOf, fromTwilioError } from './twilio-errors.js'

describe('fromTwilioError', () => {
  it.each([
    [20101, 'token-invalid'],
    [31202, 'token-invalid'],
    [20104, 'token-expired'],
    [31205, 'token-expired'],
    [31401, 'microphone-denied'],
    [31402, 'microphone-unavailable'],
    [31005, 'network'],
    [53000, 'network'],
    [53405, 'media'],
    [31001, 'call-failed'],
    [31486, 'call-failed'],
  ] as const)('maps Twilio %i to %s', (twilioCode, code) => {
    const error = fromTwilioError(twilioError(twilioCode, 'Something'))
    expect(error).toMatchObject({ code, providerCode: twilioCode })
    expect(Softphone.isSoftphoneError(error)).toBe(true)
  })

  it('names the TwiML App when Twilio cannot find it', () => {
    expect(fromTwilioError(twilioError(31001, 'Application not found')).hint).toMatch(/TWILIO_TWIML_APP_SID/)
  })

  it('keeps Twilio’s words in the message and the original as the cause', () => {
    const original = twilioError(31208, 'Permission denied', 'The user denied the getUserMedia request.')
    const error = fromTwilioError(original)
    expect(error.message).toBe('Twilio 31208: Permission denied. The user denied the getUserMedia request.')
    expect(error.cause).toBe(original)
    expect(error.hint).toBe(twilioHints['microphone-denied'])
  })

  it('maps the browser’s own media errors', () => {
    const denied = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' })
    expect(fromTwilioError(denied)).toMatchObject({ code: 'microphone-denied', message: 'Permission denied' })
    const missing = Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' })
    expect(fromTwilioError(missing).code).toBe('microphone-unavailable')
  })

  it('falls back to the caller’s code for unknown failures, and never loses a hint', () => {
    expect(fromTwilioError(twilioError(99999, 'Odd'), 'call-failed').code).toBe('call-failed')
    const thrown = fromTwilioError('socket closed')
    expect(thrown).toMatchObject({ code: 'unknown', message: 'Twilio softphone failed: socket closed' })
    expect(thrown.hint.length).toBeGreaterThan(20)
  })

  it('has a hint for every softphone code', () => {
    expect(Object.keys(twilioHints).sort()).toEqual([...Softphone.errorCodes].sort())
  })
})

describe('endReasonOf', () => {
  it('reads busy, no answer and cancel from Twilio’s codes', () => {
    expect(endReasonOf(twilioError(31486, 'Busy Here'))).toBe('busy')
    expect(endReasonOf(twilioError(31480, 'Temporarily Unavailable'))).toBe('no-answer')
    expect(endReasonOf(twilioError(31008, 'Call cancelled'))).toBe('canceled')
    expect(endReasonOf(twilioError(31005, 'Connection error'))).toBe('failed')
  })
})
