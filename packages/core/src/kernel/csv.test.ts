import { describe, expect, it } from 'vitest'
import { csvRow } from './csv.js'

describe('CSV rows (RFC 4180)', () => {
  it('quote cells with commas, quotes or line breaks, doubling quotes, and end with CRLF', () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3])).toBe(
      'a,"b,c","say ""hi""","two\nlines",,3\r\n',
    )
  })

  it('defuse what a spreadsheet would run as a formula, but leave numbers and phone numbers alone', () => {
    expect(csvRow(['=SUM(A1)', '@cmd', '-2+3', '+447700900123', '-1.5'])).toBe(
      "'=SUM(A1),'@cmd,'-2+3,+447700900123,-1.5\r\n",
    )
  })

  it('write dates as ISO instants', () => {
    expect(csvRow([new Date('2026-11-26T09:30:00Z')])).toBe('2026-11-26T09:30:00.000Z\r\n')
  })
})
