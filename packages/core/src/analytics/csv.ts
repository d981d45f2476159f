type Cell = string | number | null

const cell = (value: Cell) => {
  const text = value === null ? '' : String(value)
  // Quote what CSV needs quoted, and defuse cells a spreadsheet would run as a formula (a plain
  // number, such as an E.164 phone number, runs nothing).
  const formula = /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)
  const safe = formula ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** One CSV line (RFC 4180 quoting, formulas defused). */
export const csvRow = (values: ReadonlyArray<Cell>) => values.map(cell).join(',')

/** A CSV document: lines joined with CRLF, ending with one. */
export const csvOf = (rows: ReadonlyArray<ReadonlyArray<Cell>>) => `${rows.map(csvRow).join('\r\n')}\r\n`
