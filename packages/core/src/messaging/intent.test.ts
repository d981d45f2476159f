import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyIntent, helpKeywords, optInKeywords, optOutKeywords } from './intent.js'

const anyCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''))
const spacing = fc.stringMatching(/^[ \t\n\r]{0,4}$/)
const trailing = fc.stringMatching(/^[.!?,;:…]{0,3}$/)

describe('classifyIntent', () => {
  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.boolean(), (body, optedOut) => {
        const result = classifyIntent(body, { optedOut })
        expect(['opt_out', 'opt_in', 'help', 'confirmation', 'callback_request', 'general']).toContain(
          result.intent,
        )
      }),
    )
  })

  it('maps every opt-out word, in any case, spacing or trailing punctuation, to opt-out', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...optOutKeywords).chain(anyCase),
        spacing,
        spacing,
        trailing,
        fc.boolean(),
        (word, before, after, punctuation, optedOut) => {
          expect(classifyIntent(`${before}${word}${punctuation}${after}`, { optedOut }).intent).toBe(
            'opt_out',
          )
        },
      ),
    )
  })

  it('reads "opt out" and "stop all" written apart, and a stop inside a short sentence', () => {
    expect(classifyIntent('Opt out').intent).toBe('opt_out')
    expect(classifyIntent('STOP ALL').intent).toBe('opt_out')
    expect(classifyIntent('s t o p').intent).toBe('opt_out')
    expect(classifyIntent('please stop texting me').intent).toBe('opt_out')
  })

  it('does not read an ordinary sentence with END or CANCEL as an opt-out', () => {
    expect(classifyIntent('Can I cancel my appointment for tomorrow?').intent).toBe('general')
    expect(classifyIntent('At the end of the week works').intent).toBe('general')
  })

  it('opts back in with START and UNSTOP, and with YES only when opted out', () => {
    for (const word of optInKeywords.filter((w) => w !== 'yes')) {
      expect(classifyIntent(` ${word.toUpperCase()}! `).intent).toBe('opt_in')
    }
    expect(classifyIntent('Yes', { optedOut: true }).intent).toBe('opt_in')
    expect(classifyIntent('Yes').intent).toBe('confirmation')
    expect(classifyIntent('ok!').intent).toBe('confirmation')
  })

  it('answers help words, and routes callbacks and long texts first', () => {
    for (const word of helpKeywords) expect(classifyIntent(word.toUpperCase()).intent).toBe('help')
    expect(classifyIntent('?').intent).toBe('help')
    expect(classifyIntent('Can you call me after 5?')).toEqual({
      intent: 'callback_request',
      priority: 'high',
      matched: 'call me',
    })
    expect(classifyIntent('Callback please').intent).toBe('callback_request')
    const long =
      'I sent the bank statements last week but the portal still shows them as missing for my claim'
    expect(classifyIntent(`${long} and more`).intent).toBe('callback_request')
    expect(classifyIntent(long, { longMessageChars: 500 }).intent).toBe('general')
    expect(classifyIntent('Thanks, got it')).toEqual({ intent: 'general', priority: 'normal', matched: null })
  })
})
