import { Form, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'

/** Messages for the fields a form got wrong, keyed by field name, as `decodeForm` returns them. */
export type FieldErrors = Readonly<Record<string, string | undefined>>

/** What an input needs to say it is wrong and where its message is read. */
export const invalidProps = (id: string, error: string | undefined) => ({
  'aria-invalid': !!error,
  'aria-describedby': error ? `${id}-error` : undefined,
})

/** The props a field hands its input: its id and how it reports an error. */
export type FieldInputProps = { readonly id: string } & ReturnType<typeof invalidProps>

/** A field's message beneath it, named by the input's `aria-describedby`. */
export const FieldError = ({ id, error }: { id: string; error: string | undefined }) =>
  error ? (
    <p id={`${id}-error`} className="field-error">
      {error}
    </p>
  ) : null

/**
 * A labelled field with its error. The input is the caller's (any input, select or textarea), given
 * the id and error props: `<Field id="from" label="From" error={fields.from}>{(p) => <input {...p} />}</Field>`.
 */
export const Field = ({
  id,
  label,
  error,
  children,
}: {
  id: string
  label: ReactNode
  error?: string | undefined
  children: (input: FieldInputProps) => ReactNode
}) => (
  <div>
    <label htmlFor={id}>{label}</label>
    {children({ id, ...invalidProps(id, error) })}
    <FieldError id={id} error={error} />
  </div>
)

/**
 * A form's one button, in its actions row, sending `intent` when the action has several; held while
 * the page is busy, so a form is not sent twice.
 */
export const SubmitActions = ({ submit, intent }: { submit: string; intent?: string }) => {
  const busy = useNavigation().state !== 'idle'
  return (
    <div className="actions">
      <button type="submit" name={intent && 'intent'} value={intent} disabled={busy}>
        {submit}
      </button>
    </div>
  )
}

/**
 * The search and filter forms above a list: a GET form (so the URL says what is shown, and it works
 * before hydration), its fields in a row, then the button.
 */
export const FilterForm = ({
  label,
  submit,
  children,
}: {
  /** The form's accessible name, e.g. "Date range". */
  label: string
  submit: string
  children: ReactNode
}) => (
  <Form method="get" className="panel filters" aria-label={label}>
    {children}
    <SubmitActions submit={submit} />
  </Form>
)

/** What went wrong with a form as a whole (not one field), above its fields. */
export const FormError = ({ error }: { error: string | undefined }) =>
  error ? (
    <p className="notice bad" role="alert">
      {error}
    </p>
  ) : null

/** A panel that makes something new: its heading (also its name), the form's error, the fields, the button. */
export const CreatePanel = ({
  title,
  submit,
  error,
  children,
}: {
  title: string
  submit: string
  error: string | undefined
  children: ReactNode
}) => (
  <section className="panel" aria-label={title}>
    <h2>{title}</h2>
    <FormError error={error} />
    <Form method="post" noValidate>
      {children}
      <SubmitActions submit={submit} />
    </Form>
  </section>
)
