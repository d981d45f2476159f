import { Field } from './forms'

/** A new password and its confirmation, as every password form asks for them. */
export const PasswordFields = ({ fields }: { fields: Record<string, string> }) => (
  <>
    <Field id="password" label="New password (12 characters or more)" error={fields.password}>
      {(input) => <input {...input} name="password" type="password" autoComplete="new-password" />}
    </Field>
    <Field id="confirm" label="New password again" error={fields.confirm}>
      {(input) => <input {...input} name="confirm" type="password" autoComplete="new-password" />}
    </Field>
  </>
)
