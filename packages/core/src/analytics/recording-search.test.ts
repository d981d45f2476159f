import { Either } from 'effect'
import { describe, expect, it } from 'vitest'
import { decodeWith } from '../kernel/decode.js'
import { InvalidRecordingSearch, numberMatch, RecordingSearch } from './recording-search.js'

// Moved from the reference app's recording search, with its assertions.
describe('numberMatch', () => {
  it('reads a whole number however it is written, through core, as the E.164 number stored', () => {
    for (const typed of [
      '07700 900123',
      '+44 7700 900123',
      '+447700900123',
      '0044 7700 900123',
      '(07700) 900-123',
    ])
      expect(numberMatch(typed)).toEqual({ _tag: 'Whole', e164: '+447700900123' })
  })

  it('takes anything that is not a whole number as digits to look for', () => {
    expect(numberMatch('900 123')).toEqual({ _tag: 'Part', digits: '900123' })
    expect(numberMatch('7700 9')).toEqual({ _tag: 'Part', digits: '77009' })
  })
})

describe('RecordingSearch', () => {
  const decode = decodeWith(RecordingSearch, (issue) => new InvalidRecordingSearch(issue))
  const zone = { timeZone: 'Europe/London' }

  it('takes every field as optional but the zone, with a limit of 100 by default', () => {
    expect(decode(zone)).toEqual(Either.right({ timeZone: 'Europe/London', limit: 100 }))
    expect(Either.isRight(decode({ ...zone, from: '2026-06-10', number: '0770 09' }))).toBe(true)
  })

  it('refuses days that do not exist or run backwards, a zone that is not one, and a short number', () => {
    expect(decode({ ...zone, from: '2026-02-30' })).toMatchObject(
      Either.left({ field: 'from', message: 'from: That start date does not exist' }),
    )
    expect(decode({ ...zone, from: '2026-06-11', to: '2026-06-10' })).toMatchObject(
      Either.left({ field: 'to', message: 'to: The end date must not be before the start date' }),
    )
    expect(decode({ timeZone: 'Atlantis' })).toMatchObject(Either.left({ field: 'timeZone' }))
    expect(decode({ ...zone, number: '12' })).toMatchObject(Either.left({ field: 'number' }))
    expect(decode({ ...zone, agentId: 'ann' })).toMatchObject(Either.left({ field: 'agentId' }))
  })
})
