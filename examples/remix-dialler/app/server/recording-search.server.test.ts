import { describe, expect, it } from 'vitest'
import { numberMatch } from './recording-search.server'

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
