import { Either } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  compareOps,
  type Expression,
  holds,
  parseExpression,
  printExpression,
  type RuleScope,
} from './expression.js'

const welshSpeaker: RuleScope['agent'] = {
  id: 'a1',
  name: 'Ann',
  skills: { welsh: 8, motor: 3 },
  languages: ['cy', 'en'],
}
const scope = (call: RuleScope['call'], agent = welshSpeaker): RuleScope => ({ call, agent })
const check = (text: string, at: RuleScope) =>
  holds(
    Either.getOrThrowWith(parseExpression(text), (e) => new Error(e.message)),
    at,
  )
const problem = (text: string) =>
  Either.match(parseExpression(text), { onLeft: (p) => p, onRight: () => null })

describe('the routing rule language', () => {
  it('reads the rules supervisors write, as the grammar says', () => {
    const call = { language: 'cy', vip: true, score: 72, skills: 'motor, welsh' }
    expect(check('agent.skills has "welsh" and agent.languages has call.language', scope(call))).toBe(true)
    expect(check('agent.skills has "pensions"', scope(call))).toBe(false)
    expect(check('agent.skills.welsh >= 5', scope(call))).toBe(true)
    expect(check('agent.skills.welsh > 8', scope(call))).toBe(false)
    expect(check('call.vip', scope(call))).toBe(true)
    expect(check('not call.vip or call.score < 50', scope(call))).toBe(false)
    expect(check('call.language in ["cy", "gd"]', scope(call))).toBe(true)
    expect(check('call.skills has "welsh"', scope(call))).toBe(true)
    expect(check('true', scope(call))).toBe(true)
    expect(check('(call.score == 72) and not (agent.name != "Ann")', scope(call))).toBe(true)
  })

  it('treats what is absent as equal to nothing', () => {
    expect(check('call.language == "cy"', scope({}))).toBe(false)
    expect(check('call.language != "cy"', scope({}))).toBe(true)
    expect(check('agent.skills.pensions >= 1', scope({}))).toBe(false)
    expect(check('agent.languages has call.language', scope({}))).toBe(false)
    // Numbers compare as numbers only: text is never less than anything.
    expect(check('call.score < 5', scope({ score: '3' }))).toBe(false)
    // A condition is true only when it is the boolean true.
    expect(check('call.vip', scope({ vip: 'yes' }))).toBe(false)
  })

  it('gives "and" precedence over "or", as written in the grammar', () => {
    // true or (false and false) is true; (true or false) and false would be false.
    expect(check('true or false and false', scope({}))).toBe(true)
    expect(check('not false and false', scope({}))).toBe(false)
  })

  it('refuses what does not parse, saying what and where', () => {
    expect(problem('agent.skills has')).toMatchObject({
      position: 16,
      message: expect.stringMatching(/expected a value/),
    })
    expect(problem('agent.skils has "welsh"')).toMatchObject({
      position: 0,
      message: expect.stringMatching(/agent\.skils is not a field/),
    })
    expect(problem('call.language = "cy"')).toMatchObject({ position: 14 })
    expect(problem('"cy')).toMatchObject({ position: 0, message: expect.stringMatching(/not closed/) })
    expect(problem('(true')).toMatchObject({ position: 5, message: expect.stringMatching(/expected "\)"/) })
    expect(problem('language == "cy"')).toMatchObject({ message: expect.stringMatching(/call\. or agent\./) })
    expect(problem('true true')).toMatchObject({ position: 5 })
    expect(problem('')).toMatchObject({ position: 0 })
  })

  // Property tests: any expression the grammar allows prints to text that parses back to itself,
  // and no text whatever makes the parser throw (it answers an expression or a problem in the text).
  const name = fc
    .stringMatching(/^[a-z][a-z0-9_]{0,8}$/)
    .filter((n) => !['and', 'or', 'not', 'true', 'false', 'has', 'in'].includes(n))
  const literal = fc.oneof(
    fc.string({ maxLength: 8 }).map((value) => ({ kind: 'literal', value }) as const),
    fc.nat(1000).map((value) => ({ kind: 'literal', value }) as const),
    fc.boolean().map((value) => ({ kind: 'literal', value }) as const),
  )
  const path = fc.oneof(
    name.map((n) => ({ kind: 'path', root: 'call', name: [n] }) as const),
    fc
      .constantFrom('id', 'name', 'languages', 'skills')
      .map((n) => ({ kind: 'path', root: 'agent', name: [n] }) as const),
    name.map((n) => ({ kind: 'path', root: 'agent', name: ['skills', n] }) as const),
  )
  const { expression } = fc.letrec<{ expression: Expression; operand: Expression }>((tie) => ({
    operand: fc.oneof(
      literal,
      path,
      fc.array(fc.oneof(literal, path), { maxLength: 3 }).map((items) => ({ kind: 'list', items }) as const),
    ),
    expression: fc.oneof(
      { depthSize: 'small' },
      tie('operand'),
      fc.record({ kind: fc.constant('not' as const), operand: tie('expression') }),
      fc.record({
        kind: fc.constantFrom('and' as const, 'or' as const),
        left: tie('expression'),
        right: tie('expression'),
      }),
      fc.record({
        kind: fc.constant('compare' as const),
        op: fc.constantFrom(...compareOps),
        left: tie('operand'),
        right: tie('operand'),
      }),
    ),
  }))

  it('parses back every expression it prints', () => {
    fc.assert(
      fc.property(expression, (written) => {
        const read = parseExpression(printExpression(written))
        expect(Either.getOrThrow(read)).toEqual(written)
      }),
    )
  })

  it('answers any text with an expression or a problem inside the text, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const read = parseExpression(text)
        if (Either.isLeft(read)) {
          expect(read.left.position).toBeGreaterThanOrEqual(0)
          expect(read.left.position).toBeLessThanOrEqual(text.length)
          expect(read.left.message.length).toBeGreaterThan(0)
        }
      }),
    )
  })

  it('keeps the laws of logic: not, and, or as in boolean algebra (De Morgan)', () => {
    const scopes = fc.record({
      call: fc.dictionary(name, fc.oneof(fc.string({ maxLength: 4 }), fc.nat(10), fc.boolean()), {
        maxKeys: 3,
      }),
      agent: fc.record({
        id: fc.constant('a1'),
        name: fc.constant('Ann'),
        skills: fc.dictionary(name, fc.integer({ min: 1, max: 10 }), { maxKeys: 3 }),
        languages: fc.array(name, { maxLength: 3 }),
      }),
    })
    fc.assert(
      fc.property(expression, expression, scopes, (a, b, at) => {
        const not = (operand: Expression): Expression => ({ kind: 'not', operand })
        expect(holds({ kind: 'and', left: a, right: b }, at)).toBe(holds(a, at) && holds(b, at))
        expect(holds(not({ kind: 'or', left: a, right: b }), at)).toBe(
          holds({ kind: 'and', left: not(a), right: not(b) }, at),
        )
        expect(holds({ kind: 'compare', op: 'in', left: a, right: b }, at)).toBe(
          holds({ kind: 'compare', op: 'has', left: b, right: a }, at),
        )
      }),
    )
  })
})
