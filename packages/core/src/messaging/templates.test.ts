import { Either } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { smsLength } from './segments.js'
import { checkLength, parseTemplate, renderTemplate } from './templates.js'

const left = <R, L>(either: Either.Either<R, L>) => Either.getOrThrow(Either.flip(either))
const unfilled = /\{\{[^{}]*\}\}/

describe('renderTemplate', () => {
  it('fills placeholders, taking fallbacks for missing or blank values', () => {
    const template = 'Hi {{firstName|there}}, upload here: {{link}}'
    expect(Either.getOrThrow(renderTemplate(template, { firstName: 'Ann', link: 'https://x/a' })).body).toBe(
      'Hi Ann, upload here: https://x/a',
    )
    expect(Either.getOrThrow(renderTemplate(template, { firstName: '  ', link: 'https://x/a' })).body).toBe(
      'Hi there, upload here: https://x/a',
    )
  })

  it('names the missing value, and refuses stray braces and malformed placeholders', () => {
    expect(left(renderTemplate('Here: {{link}}', {}))).toMatchObject({
      _tag: 'MissingTemplateValue',
      field: 'values.link',
    })
    expect(left(parseTemplate('Hi {name}', 'templates.hi'))).toMatchObject({
      _tag: 'InvalidTemplate',
      field: 'templates.hi',
    })
    expect(Either.isLeft(parseTemplate('{{ 1st }}'))).toBe(true)
    expect(Either.isLeft(parseTemplate('a }} b'))).toBe(true)
  })

  it('keeps values from forging placeholders or adding lines', () => {
    const rendered = Either.getOrThrow(renderTemplate('Hi {{name}}', { name: '{{link}}\nSTOP' }))
    expect(rendered.body).toBe('Hi link STOP')
  })

  it('never emits an unfilled placeholder, whatever the template and values', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('{{name}}', '{{link}}', '{{x|fallback}}', '{{', '}}', '{', '}', '{{name|}}'),
    )
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')),
        fc.dictionary(fc.constantFrom('name', 'link', 'x', 'other'), fc.option(fc.string({ maxLength: 20 }))),
        (template, values) => {
          const rendered = renderTemplate(template, values, { maxSegments: 10 })
          if (Either.isRight(rendered)) expect(rendered.right.body).not.toMatch(unfilled)
        },
      ),
    )
  })

  it('refuses text longer than the allowed parts, saying how long it is', () => {
    expect(left(checkLength('a'.repeat(161), 1))).toMatchObject({
      _tag: 'MessageTooLong',
      segments: 2,
      maxSegments: 1,
    })
  })
})

describe('smsLength', () => {
  it('counts GSM-7 parts, extension characters as two', () => {
    expect(smsLength('')).toMatchObject({ segments: 0 })
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 })
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 })
    expect(smsLength('a'.repeat(306))).toMatchObject({ segments: 2 })
    expect(smsLength('a'.repeat(307))).toMatchObject({ segments: 3 })
    expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 })
    // An escape pair never straddles two parts: 152 plain septets, then a euro starts part two.
    expect(smsLength(`${'a'.repeat(152)}€${'a'.repeat(8)}`)).toMatchObject({ units: 162, segments: 2 })
  })

  it('switches to UCS-2 for one character outside GSM-7', () => {
    expect(smsLength(`${'a'.repeat(69)}’`)).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 })
    expect(smsLength(`${'a'.repeat(70)}’`)).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 })
    expect(smsLength('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 })
  })

  it('never reports fewer parts than the units need', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 700 }), (text) => {
        const length = smsLength(text)
        const perPart = length.encoding === 'GSM-7' ? 153 : 67
        if (length.segments > 1)
          expect(length.segments).toBeGreaterThanOrEqual(Math.ceil(length.units / perPart))
      }),
    )
  })
})
