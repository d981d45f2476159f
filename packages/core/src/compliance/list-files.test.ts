import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readListFile } from './list-files.js'

const read = (text: string, format: 'csv' | 'tps' | 'us-dnc', listId = 'internal') =>
  readListFile(text, { format, listId, fileName: 'list.csv', defaultRegion: 'GB' })

// UK geographic and mobile numbers as the TPS writes them: national dialling code then the rest.
const ukNumber = fc.oneof(
  fc
    .constantFrom('020', '0113', '0161', '01635')
    .chain((code) =>
      fc
        .integer({ min: 0, max: 10 ** (11 - code.length) - 1 })
        .map((rest) => ({ code, rest: String(rest).padStart(11 - code.length, '0') })),
    ),
  fc.integer({ min: 900_000, max: 900_999 }).map((n) => ({ code: '07700', rest: String(n) })),
)

describe('list files', () => {
  it('reads both TPS record layouts (with and without the space) to the same E.164 numbers', () => {
    fc.assert(
      fc.property(fc.array(ukNumber, { minLength: 1, maxLength: 20 }), (numbers) => {
        // With spaces: the dialling code left justified in 5, the rest right justified in 7.
        const spaced = numbers.map(({ code, rest }) => `${code.padEnd(5)}${rest.padStart(7)}`).join('\r\n')
        // Without: the number left justified, padded to 12.
        const compact = numbers.map(({ code, rest }) => `${code}${rest}`.padEnd(12)).join('\r\n')
        const expected = numbers.map(({ code, rest }) => `+44${`${code}${rest}`.slice(1)}`)
        for (const text of [spaced, compact]) {
          const rows = read(text, 'tps', 'TPS')
          expect(rows.map((r) => (r.ok ? r.phone : r.message))).toEqual(expected)
          expect(rows.map((r) => r.row)).toEqual(numbers.map((_, i) => i + 1))
        }
      }),
    )
  })

  it('reads the US registry flat file as area code,number or ten digits, and refuses anything else', () => {
    const rows = read('201,5550123\r\n2125550199\n201,555012\n20A,5550123\n', 'us-dnc', 'US-NATIONAL-DNC')
    expect(rows).toEqual([
      {
        row: 1,
        ok: true,
        phone: '+12015550123',
        reason: 'registered with US-NATIONAL-DNC',
        source: 'US-NATIONAL-DNC file',
      },
      {
        row: 2,
        ok: true,
        phone: '+12125550199',
        reason: 'registered with US-NATIONAL-DNC',
        source: 'US-NATIONAL-DNC file',
      },
      {
        row: 3,
        ok: false,
        input: '201,555012',
        message: '"201,555012" is not a US-NATIONAL-DNC number record',
      },
      {
        row: 4,
        ok: false,
        input: '20A,5550123',
        message: '"20A,5550123" is not a US-NATIONAL-DNC number record',
      },
    ])
  })

  it('reads the internal CSV by its header, with quoted fields, and reports each bad row by its number', () => {
    const text = [
      'Reason,Phone,Source',
      '"Asked on a call, twice",07700 900123,agent',
      'No reason given,not a number,',
      ',07700900124,',
      'Complaint,+44 7700 900125,',
    ].join('\n')
    expect(read(text, 'csv')).toEqual([
      { row: 2, ok: true, phone: '+447700900123', reason: 'Asked on a call, twice', source: 'agent' },
      {
        row: 3,
        ok: false,
        input: 'No reason given,not a number,',
        message: 'phone: "not a number" is not a phone number',
      },
      { row: 4, ok: false, input: ',07700900124,', message: 'reason: every entry needs a reason' },
      { row: 5, ok: true, phone: '+447700900125', reason: 'Complaint', source: 'csv:list.csv' },
    ])
  })

  it('refuses a CSV without the columns it needs, and a file whose quotes never close, as row errors', () => {
    expect(read('number,why\n07700900123,x', 'csv')).toMatchObject([{ row: 1, ok: false }])
    const broken = read('phone,reason\n07700900123,"never closed\n', 'csv')
    expect(broken).toHaveLength(1)
    expect(broken[0]).toMatchObject({ ok: false, message: expect.stringContaining('not valid CSV') })
  })

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom('csv', 'tps', 'us-dnc'),
        (text, format) => {
          const rows = read(text, format as 'csv' | 'tps' | 'us-dnc')
          for (const row of rows) expect(row.row).toBeGreaterThanOrEqual(1)
        },
      ),
    )
  })
})
