import { Effect, Either, Schema } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { linkUrl, MagicLinkType } from './link-types.js'
import { MagicLinkSettings } from './magic-links-config.js'
import { constantTimeEqual, hashLinkToken, LinkToken, newLinkToken } from './token.js'

describe('link tokens', () => {
  it('are 256 random bits as 43 base64url characters, different every time', async () => {
    const tokens = await Effect.runPromise(Effect.all(Array.from({ length: 50 }, () => newLinkToken)))
    for (const token of tokens) expect(Schema.is(LinkToken)(token)).toBe(true)
    expect(new Set(tokens).size).toBe(50)
  })

  it('hash to SHA-256 hex', async () => {
    expect(await Effect.runPromise(hashLinkToken('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it('compare equal only when equal', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b)
      }),
    )
  })
})

describe('link types and settings', () => {
  const decode = Schema.decodeUnknownEither(MagicLinkSettings)

  const upload = {
    type: 'upload',
    label: 'Upload',
    path: '/documents?token={token}',
    smsTemplate: 'Upload: {{link}}',
  }

  it('build URLs on the base URL, keeping its path', () => {
    const type = Schema.decodeUnknownSync(MagicLinkType)(upload)
    expect(linkUrl('https://portal.example.com/app/', type, 'tok_-1')).toBe(
      'https://portal.example.com/app/documents?token=tok_-1',
    )
  })

  it('take the link types given, with 24 hours by default; some link type is needed', () => {
    const settings = Either.getOrThrow(decode({ baseUrl: 'https://portal.example.com', linkTypes: [upload] }))
    expect(settings.linkTypes.map((t) => t.type)).toEqual(['upload'])
    expect(settings.defaultExpiryMinutes).toBe(24 * 60)
    expect(Either.isLeft(decode({ baseUrl: 'https://portal.example.com' }))).toBe(true)
    expect(Either.isLeft(decode({ baseUrl: 'https://portal.example.com', linkTypes: [] }))).toBe(true)
  })

  it('refuse plain http, a path without exactly one {token}, and a type defined twice', () => {
    expect(Either.isLeft(decode({ baseUrl: 'http://portal.example.com', linkTypes: [upload] }))).toBe(true)
    expect(Either.isRight(decode({ baseUrl: 'http://localhost:3000', linkTypes: [upload] }))).toBe(true)
    const type = { type: 'sign', label: 'Sign', smsTemplate: 'Sign: {{link}}' }
    expect(
      Either.isLeft(decode({ baseUrl: 'https://p.example', linkTypes: [{ ...type, path: '/sign' }] })),
    ).toBe(true)
    expect(
      Either.isLeft(
        decode({ baseUrl: 'https://p.example', linkTypes: [{ ...type, path: '/s?t={token}&u={user}' }] }),
      ),
    ).toBe(true)
    const twice = [
      { ...type, path: '/s?t={token}' },
      { ...type, path: '/t?t={token}' },
    ]
    expect(Either.isLeft(decode({ baseUrl: 'https://p.example', linkTypes: twice }))).toBe(true)
  })
})
