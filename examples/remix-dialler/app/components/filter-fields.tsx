import { Field, type FieldErrors } from './forms'

/** The Agent filter: any agent, or one by name. */
export const AgentField = ({
  agents,
  value,
  fields,
}: {
  agents: ReadonlyArray<{ readonly id: string; readonly name: string }>
  value: string | undefined
  fields: FieldErrors
}) => (
  <Field id="agentId" label="Agent" error={fields.agentId}>
    {(input) => (
      <select {...input} name="agentId" defaultValue={value ?? ''}>
        <option value="">Any agent</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    )}
  </Field>
)

/** The Outcome filter: any outcome, or one by its label. */
export const OutcomeField = ({
  outcomes,
  value,
  fields,
}: {
  outcomes: ReadonlyArray<{ readonly code: string; readonly label: string }>
  value: string | undefined
  fields: FieldErrors
}) => (
  <Field id="outcome" label="Outcome" error={fields.outcome}>
    {(input) => (
      <select {...input} name="outcome" defaultValue={value ?? ''}>
        <option value="">Any outcome</option>
        {outcomes.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    )}
  </Field>
)
