import { parse } from 'csv-parse/sync'
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { E164 } from '../kernel/phone-numbers.js'

/**
 * The file formats a list is imported from:
 * - `csv`: the dialler's own do-not-call CSV, a header row then `phone,reason[,source]` (reason required);
 * - `tps`: a TPS or CTPS full download, one UK number per CRLF record, 12 characters: either the
 *   national dialling code (5, left justified) and the rest (7, right justified), or the number
 *   without spaces padded with trailing blanks;
 * - `us-dnc`: a US National Do Not Call Registry full list in flat text, one number per line, either
 *   `area code,number` (`201,5550123`) or the ten digits.
 * Register change lists (additions and deletions since the last download) are not read: import the
 * full list, which is the copy the 31-day and 28-day rules are counted from.
 */
export type ListFileFormat = 'csv' | 'tps' | 'us-dnc'

/** One row of a file: the number read from it, or why it could not be. Rows count from 1 (the header too). */
export type ListFileRow =
  | {
      readonly row: number
      readonly ok: true
      readonly phone: E164
      readonly reason: string
      readonly source: string
    }
  | { readonly row: number; readonly ok: false; readonly input: string; readonly message: string }

/** The format a list's files come in unless told: the registers' own, the dialler's CSV otherwise. */
export const defaultFormat = (listId: string): ListFileFormat =>
  listId === 'TPS' || listId === 'CTPS' ? 'tps' : listId === 'US-NATIONAL-DNC' ? 'us-dnc' : 'csv'

const shown = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text)

/**
 * A number as a list holds it. Lists keep any possible number (a register holds numbers Ringlane would
 * never dial, and holding them costs nothing), so this checks less than dialling does.
 */
export const listNumber = (text: string, region: CountryCode): E164 | null => {
  const number = parsePhoneNumberFromString(text.trim(), region)
  return number?.isPossible() ? (number.number as E164) : null
}

const records = (text: string): string[][] =>
  parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
    trim: true,
  }) as string[][]

/** The row's line number in the file, for reports (csv-parse counts records, which can span lines). */
const numbered = (rows: string[][]) => rows.map((fields, index) => ({ fields, row: index + 1 }))

const readCsv = (text: string, region: CountryCode, fileName: string): ListFileRow[] => {
  const rows = numbered(records(text))
  const header = rows[0]?.fields.map((name) => name.toLowerCase()) ?? []
  const phoneAt = header.indexOf('phone')
  const reasonAt = header.indexOf('reason')
  const sourceAt = header.indexOf('source')
  if (phoneAt < 0 || reasonAt < 0)
    return [
      {
        row: 1,
        ok: false,
        input: shown(header.join(',')),
        message: 'the first row must name the columns: phone,reason and optionally source',
      },
    ]
  return rows.slice(1).flatMap(({ fields, row }): ListFileRow[] => {
    if (fields.every((field) => field === '')) return []
    const input = shown(fields.join(','))
    const phoneText = fields[phoneAt] ?? ''
    const reason = fields[reasonAt] ?? ''
    const phone = listNumber(phoneText, region)
    if (phone === null)
      return [{ row, ok: false, input, message: `phone: "${shown(phoneText)}" is not a phone number` }]
    if (reason === '') return [{ row, ok: false, input, message: 'reason: every entry needs a reason' }]
    if (reason.length > 500) return [{ row, ok: false, input, message: 'reason: at most 500 characters' }]
    const source = (sourceAt >= 0 ? fields[sourceAt] : '') || `csv:${fileName}`
    return [{ row, ok: true, phone, reason, source: source.slice(0, 200) }]
  })
}

const readRegister = (
  text: string,
  region: CountryCode,
  listId: string,
  digits: (fields: string[]) => string | null,
): ListFileRow[] =>
  numbered(records(text)).flatMap(({ fields, row }): ListFileRow[] => {
    if (fields.every((field) => field === '')) return []
    const input = shown(fields.join(','))
    const number = digits(fields)
    const phone = number === null ? null : listNumber(number, region)
    return phone === null
      ? [{ row, ok: false, input, message: `"${input}" is not a ${listId} number record` }]
      : [{ row, ok: true, phone, reason: `registered with ${listId}`, source: `${listId} file` }]
  })

/** Reads a list file row by row; never throws on content (a record it cannot read is a row error). */
export const readListFile = (
  text: string,
  options: {
    readonly format: ListFileFormat
    readonly listId: string
    readonly fileName: string
    readonly defaultRegion: CountryCode
  },
): ListFileRow[] => {
  try {
    switch (options.format) {
      case 'csv':
        return readCsv(text, options.defaultRegion, options.fileName)
      case 'tps':
        // Spaces inside the 12 characters separate the dialling code from the rest: both forms read alike.
        return readRegister(text, 'GB', options.listId, (fields) => {
          const compact = fields.join('').replace(/\s+/g, '')
          return /^0\d{9,10}$/.test(compact) ? compact : null
        })
      case 'us-dnc':
        return readRegister(text, 'US', options.listId, (fields) => {
          const [first = '', second] = fields
          if (second !== undefined)
            return /^\d{3}$/.test(first) && /^\d{7}$/.test(second) && fields.length === 2
              ? `${first}${second}`
              : null
          return /^\d{10}$/.test(first) ? first : null
        })
    }
  } catch (error) {
    // csv-parse stops at a quote it cannot close: the whole file is unreadable from that record on.
    const line = (error as { lines?: number }).lines ?? 1
    return [
      {
        row: line,
        ok: false,
        input: '',
        message: `the file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]
  }
}
