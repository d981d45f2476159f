import type { ReactNode } from 'react'

/** A column heading: its text, and whether the column holds numbers (set right-aligned). */
export type Column = string | { readonly label: string; readonly numeric?: boolean }

const heading = (column: Column) => (typeof column === 'string' ? { label: column } : column)

export interface DataTableProps<T> {
  /** No columns: a table without a heading row. */
  readonly columns?: ReadonlyArray<Column>
  readonly rows: ReadonlyArray<T>
  readonly row: (item: T) => ReactNode
  /** Said instead of an empty table; without it an empty list is an empty table. */
  readonly empty?: string
  readonly className?: string
}

/**
 * A list as a table: the headings, one row per item, or a sentence when there is nothing to list.
 * `row` returns the item's `<tr>` (with its key).
 */
export const DataTable = <T,>({ columns, rows, row, empty, className }: DataTableProps<T>) =>
  rows.length === 0 && empty !== undefined ? (
    <p className="muted">{empty}</p>
  ) : (
    <table className={className}>
      {columns && (
        <thead>
          <tr>
            {columns.map(heading).map(({ label, numeric }) => (
              <th key={label} scope="col" className={numeric ? 'num' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>{rows.map(row)}</tbody>
    </table>
  )

/** A numeric column. */
export const numeric = (label: string): Column => ({ label, numeric: true })

/** A panel of its own for a table: headed, and named, by `title`. */
export const TablePanel = <T,>({ title, ...table }: { readonly title: string } & DataTableProps<T>) => (
  <section className="panel" aria-label={title}>
    <h2>{title}</h2>
    <DataTable {...table} />
  </section>
)
