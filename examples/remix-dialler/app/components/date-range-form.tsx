import { Field, type FieldErrors, FilterForm } from './forms'

/** The days a page shows, as typed (so a wrong one is shown back with its error). */
export interface AskedRange {
  readonly from: string
  readonly to: string
}

/** The From and To day fields, for any form that narrows a list to a range of days. */
export const DateRangeFields = ({
  from,
  to,
  fields,
}: {
  from: string | undefined
  to: string | undefined
  fields: FieldErrors
}) => (
  <>
    <Field id="from" label="From" error={fields.from}>
      {(input) => <input {...input} name="from" type="date" defaultValue={from} />}
    </Field>
    <Field id="to" label="To" error={fields.to}>
      {(input) => <input {...input} name="to" type="date" defaultValue={to} />}
    </Field>
  </>
)

/** The range form of the report pages (metrics, magic links): From, To, Show. */
export const DateRangeForm = ({ asked, fields }: { asked: AskedRange; fields: FieldErrors }) => (
  <FilterForm label="Date range" submit="Show">
    <DateRangeFields from={asked.from} to={asked.to} fields={fields} />
  </FilterForm>
)
