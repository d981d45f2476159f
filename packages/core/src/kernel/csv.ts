/**
 * One CSV cell: quoted when CSV needs it, and defused when a spreadsheet would run it as a formula
 * (a plain number, such as an E.164 phone number, runs nothing, so it stays as it is).
 */
export const csvCell = (value: string | number | boolean | Date | null | undefined): string => {
  const text =
    value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value)
  const formula = /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)
  const safe = formula ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** One CSV line (RFC 4180: comma-separated, ended by CRLF). */
export const csvRow = (values: ReadonlyArray<string | number | boolean | Date | null | undefined>): string =>
  `${values.map(csvCell).join(',')}\r\n`

/** A CSV document: one line a row, each ended by CRLF. */
export const csvOf = (
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | Date | null | undefined>>,
) => rows.map(csvRow).join('')
