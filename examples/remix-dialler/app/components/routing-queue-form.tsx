import type { RoutingFormOptions, RoutingQueueFormValues } from '../server/routing.server'
import { Field, FieldError, type FieldErrors } from './forms'

const strategies = [
  ['longest-idle', 'Longest idle'],
  ['least-calls', 'Least calls'],
  ['round-robin', 'Round robin'],
  ['fewest-talk-time', 'Fewest talk time'],
  ['skills-based', 'Skills-based (best match)'],
] as const

const choice = { display: 'flex', gap: '0.4rem', alignItems: 'center', fontWeight: 'normal' } as const

/**
 * A live-call queue's settings and rule steps as a form (inside the caller's `<Form>`), each error
 * beside its field or its step. Blank step rows are left out when saved.
 */
export const RoutingQueueFields = ({
  options,
  values,
  errors,
  isNew,
}: {
  options: RoutingFormOptions
  values: RoutingQueueFormValues
  errors: FieldErrors
  isNew: boolean
}) => (
  <div className="grid">
    <div className="filters">
      {isNew && (
        <Field id="queue-id" label="Id" error={errors.id}>
          {(input) => (
            <input {...input} name="id" defaultValue={values.id} autoComplete="off" placeholder="welsh" />
          )}
        </Field>
      )}
      <Field id="queue-name" label="Name" error={errors.name}>
        {(input) => <input {...input} name="name" defaultValue={values.name} autoComplete="off" />}
      </Field>
      <Field id="queue-strategy" label="Strategy" error={errors.strategy}>
        {(input) => (
          <select {...input} name="strategy" defaultValue={values.strategy}>
            {strategies.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="queue-maxSize" label="Max calls waiting (blank: no limit)" error={errors.maxSize}>
        {(input) => <input {...input} name="maxSize" inputMode="numeric" defaultValue={values.maxSize} />}
      </Field>
      <Field
        id="queue-maxWaitSeconds"
        label="Max wait (seconds, blank: no limit)"
        error={errors.maxWaitSeconds}
      >
        {(input) => (
          <input {...input} name="maxWaitSeconds" inputMode="numeric" defaultValue={values.maxWaitSeconds} />
        )}
      </Field>
      <Field id="queue-overflow" label="Overflow to" error={errors.overflow}>
        {(input) => (
          <select {...input} name="overflowKind" defaultValue={values.overflowKind}>
            <option value="">Nowhere</option>
            <option value="queue">Another queue</option>
            <option value="voicemail">Voicemail</option>
            <option value="hang-up">Hang up</option>
          </select>
        )}
      </Field>
      <Field id="queue-overflowQueueId" label="Overflow queue">
        {(input) => (
          <select {...input} name="overflowQueueId" defaultValue={values.overflowQueueId}>
            <option value="">—</option>
            {options.queues
              .filter((q) => q.id !== values.id)
              .map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field id="queue-overflowBoxId" label="Voicemail box">
        {(input) => (
          <input {...input} name="overflowBoxId" defaultValue={values.overflowBoxId} autoComplete="off" />
        )}
      </Field>
      <Field
        id="queue-requiredSkills"
        label="Required skills (comma separated)"
        error={errors.requiredSkills}
      >
        {(input) => (
          <input {...input} name="requiredSkills" defaultValue={values.requiredSkills} autoComplete="off" />
        )}
      </Field>
      <Field
        id="queue-requiredLanguages"
        label="Required languages (comma separated)"
        error={errors.requiredLanguages}
      >
        {(input) => (
          <input
            {...input}
            name="requiredLanguages"
            defaultValue={values.requiredLanguages}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        id="queue-reservationTimeoutSeconds"
        label="Reservation timeout (seconds)"
        error={errors.reservationTimeoutSeconds}
      >
        {(input) => (
          <input
            {...input}
            name="reservationTimeoutSeconds"
            inputMode="numeric"
            defaultValue={values.reservationTimeoutSeconds}
          />
        )}
      </Field>
    </div>
    <fieldset aria-describedby={errors.agentIds ? 'queue-agentIds-error' : undefined}>
      <legend>Agents (none ticked: every agent)</legend>
      {options.agents.map((agent) => (
        <label key={agent.id} style={choice}>
          <input
            type="checkbox"
            name="agentIds"
            value={agent.id}
            defaultChecked={values.agentIds.includes(agent.id)}
          />
          {agent.name}
        </label>
      ))}
      <FieldError id="queue-agentIds" error={errors.agentIds} />
    </fieldset>
    <fieldset>
      <legend>Rule steps, in order: each holds for its timeout, then the next widens</legend>
      <p className="muted">
        e.g. <code>agent.skills has "welsh" and agent.languages has call.language</code> for 20 s, then{' '}
        <code>true</code> (any agent). Blank timeout: the step never ends (last step only).
      </p>
      <FieldError id="queue-steps" error={errors.steps} />
      {values.steps.map((step, index) => {
        const expression = `steps.${index}.expression`
        const timeout = `steps.${index}.timeoutSeconds`
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a step is its position
          <div className="filters" key={index}>
            <Field
              id={`queue-step-${index}-expression`}
              label={`Step ${index + 1} expression`}
              error={errors[expression]}
            >
              {(input) => (
                <input
                  {...input}
                  name={expression}
                  defaultValue={step.expression}
                  size={60}
                  autoComplete="off"
                />
              )}
            </Field>
            <Field
              id={`queue-step-${index}-timeout`}
              label={`Step ${index + 1} timeout (seconds)`}
              error={errors[timeout]}
            >
              {(input) => (
                <input {...input} name={timeout} inputMode="numeric" defaultValue={step.timeoutSeconds} />
              )}
            </Field>
          </div>
        )
      })}
    </fieldset>
  </div>
)
