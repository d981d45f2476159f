import { Schema } from 'effect'
import { describe, expect, it } from 'vitest'
import { AccessTokenConfig, createAccessToken } from './access-token.js'

const config = Schema.decodeUnknownSync(AccessTokenConfig)({
  accountSid: `AC${'a'.repeat(32)}`,
  apiKeySid: `SK${'b'.repeat(32)}`,
  apiKeySecret: 'not-a-real-secret',
  twimlAppSid: `AP${'c'.repeat(32)}`,
  ttlSeconds: 600,
})

const payloadOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'))

describe('createAccessToken', () => {
  it('grants one agent outgoing calls through the TwiML app for the configured time', () => {
    const payload = payloadOf(createAccessToken(config, 'agent-42'))
    expect(payload.grants.identity).toBe('agent-42')
    expect(payload.grants.voice.outgoing.application_sid).toBe(config.twimlAppSid)
    expect(payload.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(590)
    expect(payload.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(600)
    expect(payload.iss).toBe(config.apiKeySid)
    expect(payload.sub).toBe(config.accountSid)
  })

  it('refuses identities Twilio would reject', () => {
    expect(() => createAccessToken(config, 'agent 42')).toThrow(/identity must be/)
    expect(() => createAccessToken(config, '')).toThrow(/identity must be/)
  })

  it('names the field of a bad config and keeps the secret out of messages', () => {
    const result = Schema.decodeUnknownEither(AccessTokenConfig)({
      ...config,
      accountSid: 'AC123',
      apiKeySecret: 'shh',
    })
    expect(result._tag).toBe('Left')
    expect(String(result._tag === 'Left' && result.left.message)).toMatch(/accountSid must be AC/)
    const decoded = Schema.decodeUnknownSync(AccessTokenConfig)({ ...config, apiKeySecret: 'shh-secret' })
    expect(String(decoded.apiKeySecret)).not.toContain('shh-secret')
  })
})
