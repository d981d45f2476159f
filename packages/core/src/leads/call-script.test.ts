import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fillCallScript } from './call-script.js'
import type { LeadProfile } from './lead.js'

const profile = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: null,
  address: null,
  details: { claims: [{ reference: 'CL-0000042', value: 900 }], signatureOnFile: false },
} as unknown as LeadProfile<unknown>

describe('fillCallScript', () => {
  it("fills the lead's fields and details, and marks the ones the lead does not have", () => {
    expect(
      fillCallScript(
        'Hello {{firstName}} {{ lastName }}, about claim {{details.claims.0.reference}} ({{details.claims.0.value}}); signed: {{details.signatureOnFile}}. Email {{email}}, {{details.nope.deeper}}, {{whatever}}.',
        { profile, phone: '+447700900123' },
      ),
    ).toBe(
      'Hello Ada Lovelace, about claim CL-0000042 (900); signed: false. Email [email], [details.nope.deeper], [whatever].',
    )
  })

  it('leaves text without placeholders as it is', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('{{')),
        (text) => fillCallScript(text, { profile, phone: '+447700900123' }) === text,
      ),
    )
  })
})
