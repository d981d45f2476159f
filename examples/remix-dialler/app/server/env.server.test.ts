import { Redacted } from 'effect'
import { describe, expect, it } from 'vitest'
import { InvalidEnvironment, readEnv } from './env.server'

describe('readEnv', () => {
  it('needs nothing: the embedded defaults', () => {
    expect(readEnv({})).toMatchObject({
      PORT: 3000,
      RINGLANE_DATA_DIR: '.ringlane-data',
      DEMO_PEOPLE: 10_000,
      NODE_ENV: 'production',
      TRUST_PROXY: 0,
    })
  })

  it('trusts X-Forwarded-For from a number of proxies only when TRUST_PROXY says so', () => {
    expect(readEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1)
    // one line for the variable, not one per layer of its schema
    let problems: ReadonlyArray<string> = []
    try {
      readEnv({ TRUST_PROXY: 'yes', PORT: 'eighty' })
    } catch (error) {
      problems = (error as InvalidEnvironment).problems
    }
    expect(problems).toEqual([
      'PORT: is not valid',
      'TRUST_PROXY: must be a whole number of proxies, 0 to 10',
    ])
    for (const bad of ['yes', '-1', '1.5', '11'])
      expect(() => readEnv({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: must be a whole number of proxies/)
  })

  it('reports every problem at once, one line per variable, and never echoes a secret', () => {
    let error: unknown
    try {
      readEnv({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
        TWILIO_AUTH_TOKEN: 'short-secret-x',
      })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(InvalidEnvironment)
    const problems = (error as InvalidEnvironment).problems
    expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true)
    expect(problems.some((p) => p.startsWith('DATABASE_URL:') && p.includes('Postgres'))).toBe(true)
    expect(problems.some((p) => p.startsWith('TWILIO_TWIML_APP_SID: required for Twilio'))).toBe(true)
    expect(problems.join('\n')).not.toContain('short-secret-x')
  })

  it("takes the caller id only in core's E.164 form", () => {
    const twilio = {
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'x'.repeat(32),
      TWILIO_API_KEY_SID: `SK${'b'.repeat(32)}`,
      TWILIO_API_KEY_SECRET: 'y'.repeat(32),
      TWILIO_TWIML_APP_SID: `AP${'c'.repeat(32)}`,
    }
    expect(readEnv({ ...twilio, TWILIO_CALLER_ID: '+441632960001' }).TWILIO_CALLER_ID).toBe('+441632960001')
    let error: unknown
    try {
      readEnv({ ...twilio, TWILIO_CALLER_ID: '01632 960001' })
    } catch (caught) {
      error = caught
    }
    expect((error as InvalidEnvironment).problems).toEqual([
      'TWILIO_CALLER_ID: must be an E.164 number, e.g. +441632960001',
    ])
  })

  it('takes queue thresholds and the ops webhook, naming what is wrong', () => {
    const env = readEnv({
      QUEUE_THRESHOLDS: 'unsigned=50, outstanding=100',
      OPS_ALERT_BELOW_THRESHOLD_MINUTES: '0',
    })
    expect(env.QUEUE_THRESHOLDS).toBe('unsigned=50, outstanding=100')
    expect(env.OPS_ALERT_BELOW_THRESHOLD_MINUTES).toBe(0)
    const problems = (input: Record<string, string>) => {
      try {
        readEnv(input)
        return []
      } catch (error) {
        return (error as InvalidEnvironment).problems
      }
    }
    for (const bad of ['unsigned', 'unsigned=-1', 'unsigned=5;', '=5', 'Unsigned=5'])
      expect(problems({ QUEUE_THRESHOLDS: bad })[0]).toMatch(/^QUEUE_THRESHOLDS: must be queue=number pairs/)
    expect(problems({ OPS_ALERT_BELOW_THRESHOLD_MINUTES: '1441' })[0]).toMatch(
      /^OPS_ALERT_BELOW_THRESHOLD_MINUTES:/,
    )
    // The URL without its secret (or the other way round) is one problem, not a webhook sent unsigned.
    expect(problems({ OPS_WEBHOOK_URL: 'https://ops.example.com/hook' })).toEqual([
      expect.stringMatching(/^OPS_WEBHOOK_SECRET: required for Ops webhook/),
    ])
    expect(problems({ OPS_WEBHOOK_URL: 'ftp://ops', OPS_WEBHOOK_SECRET: 'short' }).join('\n')).not.toContain(
      'short',
    )
  })

  it('keeps secrets redacted', () => {
    const env = readEnv({ RINGLANE_SECRET: 'x'.repeat(40) })
    expect(String(env.RINGLANE_SECRET)).not.toContain('xxxx')
    expect(env.RINGLANE_SECRET && Redacted.value(env.RINGLANE_SECRET)).toBe('x'.repeat(40))
  })
})
