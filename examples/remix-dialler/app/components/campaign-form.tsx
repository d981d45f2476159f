import type { CampaignFormOptions, CampaignFormValues } from '../server/campaigns.server'
import { Field, FieldError, type FieldErrors } from './forms'

/** What a new campaign's form starts with: preview under Ofcom's rules, the house defaults elsewhere. */
export const newCampaignValues = (options: CampaignFormOptions): CampaignFormValues => {
  const base = options.bases.find((b) => b.id === 'uk-ofcom') ?? options.bases[0]
  return {
    id: '',
    name: '',
    queues: [],
    dialMode: 'preview',
    complianceProfile: base?.id ?? '',
    complianceOverlays: [],
    abandonTargetPercent:
      base?.maxAbandonPercent != null ? String(Math.min(2.5, base.maxAbandonPercent)) : '2.5',
    abandonWindowHours: String(base?.windowHours ?? 24),
    maxLinesPerAgent: '1',
    minAgentsForPredictive: '5',
    ringTimeoutSeconds: String(Math.max(20, base?.minRingSeconds ?? 15)),
    callerId: '',
    answeringMachine: 'hang-up',
    abandonMessage: '',
    machineMessage: '',
    wrapUpSeconds: '',
    inboundFirst: false,
    status: 'active',
  }
}

/** A checkbox beside its label, on one line. */
const choice = { display: 'flex', gap: '0.4rem', alignItems: 'center', fontWeight: 'normal' } as const

/**
 * Every field of a campaign as a form (inside the caller's `<Form>`), each error beside its field.
 * The hints say the bounds the chosen profile sets; the SDK enforces them when the form is saved.
 */
export const CampaignFields = ({
  options,
  values,
  errors,
  isNew,
}: {
  options: CampaignFormOptions
  values: CampaignFormValues
  errors: FieldErrors
  isNew: boolean
}) => {
  const base = options.bases.find((b) => b.id === values.complianceProfile)
  const hint = (text: string | null) => (text ? <span className="muted"> ({text})</span> : null)
  return (
    <div className="filters">
      {isNew && (
        <Field id="campaign-id" label="Id" error={errors.id}>
          {(input) => (
            <input {...input} name="id" defaultValue={values.id} autoComplete="off" placeholder="renewals" />
          )}
        </Field>
      )}
      <Field id="campaign-name" label="Name" error={errors.name}>
        {(input) => <input {...input} name="name" defaultValue={values.name} autoComplete="off" />}
      </Field>
      <Field id="campaign-dialMode" label="Dial mode" error={errors.dialMode}>
        {(input) => (
          <select {...input} name="dialMode" defaultValue={values.dialMode}>
            <option value="preview">Preview (the agent dials)</option>
            <option value="progressive">Progressive (one line per free agent)</option>
            <option value="predictive">Predictive (dials ahead)</option>
          </select>
        )}
      </Field>
      <fieldset aria-describedby={errors.queues ? 'campaign-queues-error' : undefined}>
        <legend>Queues it dials</legend>
        {options.queues.map((q) => (
          <label key={q.id} style={choice}>
            <input
              type="checkbox"
              name="queues"
              value={q.id}
              defaultChecked={values.queues.includes(q.id)}
              style={{ width: 'auto' }}
            />
            {q.label}
          </label>
        ))}
        <FieldError id="campaign-queues" error={errors.queues} />
      </fieldset>
      <Field id="campaign-complianceProfile" label="Compliance profile" error={errors.complianceProfiles}>
        {(input) => (
          <select {...input} name="complianceProfile" defaultValue={values.complianceProfile}>
            {options.bases.map((b) => (
              <option key={b.id} value={b.id}>
                {b.id}: {b.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {options.overlays.length > 0 && (
        <fieldset>
          <legend>Overlays</legend>
          {options.overlays.map((o) => (
            <label key={o.id} style={choice}>
              <input
                type="checkbox"
                name="complianceOverlays"
                value={o.id}
                defaultChecked={values.complianceOverlays.includes(o.id)}
                style={{ width: 'auto' }}
              />
              {o.id}
            </label>
          ))}
        </fieldset>
      )}
      <Field
        id="campaign-abandonTargetPercent"
        label={
          <>
            Target abandon rate (%)
            {hint(base?.maxAbandonPercent != null ? `cap ${base.maxAbandonPercent}%` : null)}
          </>
        }
        error={errors.abandonTargetPercent}
      >
        {(input) => (
          <input
            {...input}
            name="abandonTargetPercent"
            inputMode="decimal"
            defaultValue={values.abandonTargetPercent}
          />
        )}
      </Field>
      <Field
        id="campaign-abandonWindowHours"
        label={
          <>Abandon window (hours){hint(base?.windowHours ? `regulator: ${base.windowHours} h` : null)}</>
        }
        error={errors.abandonWindowHours}
      >
        {(input) => (
          <input
            {...input}
            name="abandonWindowHours"
            inputMode="numeric"
            defaultValue={values.abandonWindowHours}
          />
        )}
      </Field>
      <Field
        id="campaign-maxLinesPerAgent"
        label={<>Lines per agent{hint(`1 to ${options.linesPerAgentLimit}`)}</>}
        error={errors.maxLinesPerAgent}
      >
        {(input) => (
          <input
            {...input}
            name="maxLinesPerAgent"
            inputMode="decimal"
            defaultValue={values.maxLinesPerAgent}
          />
        )}
      </Field>
      <Field
        id="campaign-minAgentsForPredictive"
        label="Fewest agents for predictive"
        error={errors.minAgentsForPredictive}
      >
        {(input) => (
          <input
            {...input}
            name="minAgentsForPredictive"
            inputMode="numeric"
            defaultValue={values.minAgentsForPredictive}
          />
        )}
      </Field>
      <Field
        id="campaign-ringTimeoutSeconds"
        label={<>Ring timeout (seconds){hint(`at least ${base?.minRingSeconds ?? 15}`)}</>}
        error={errors.ringTimeoutSeconds}
      >
        {(input) => (
          <input
            {...input}
            name="ringTimeoutSeconds"
            inputMode="numeric"
            defaultValue={values.ringTimeoutSeconds}
          />
        )}
      </Field>
      <Field id="campaign-callerId" label="Caller ID (E.164)" error={errors.callerId}>
        {(input) => (
          <input
            {...input}
            name="callerId"
            type="tel"
            defaultValue={values.callerId}
            placeholder="+441632960001"
            autoComplete="off"
          />
        )}
      </Field>
      <Field id="campaign-answeringMachine" label="Answering machines" error={errors.answeringMachine}>
        {(input) => (
          <select {...input} name="answeringMachine" defaultValue={values.answeringMachine}>
            <option value="hang-up">Hang up</option>
            <option value="leave-message">Leave a message</option>
            <option value="hand-to-agent">Hand to an agent</option>
          </select>
        )}
      </Field>
      <Field
        id="campaign-wrapUpSeconds"
        label="Wrap-up (seconds, blank: until the agent is ready)"
        error={errors.wrapUpSeconds}
      >
        {(input) => (
          <input {...input} name="wrapUpSeconds" inputMode="numeric" defaultValue={values.wrapUpSeconds} />
        )}
      </Field>
      <div>
        <label style={choice}>
          <input
            type="checkbox"
            name="inboundFirst"
            defaultChecked={values.inboundFirst}
            style={{ width: 'auto' }}
          />
          Agents take waiting inbound calls before the engine dials for them
        </label>
        <FieldError id="campaign-inboundFirst" error={errors.inboundFirst} />
      </div>
      <Field
        id="campaign-abandonMessage"
        label="Abandon message (spoken text, or an https:// audio link)"
        error={errors.abandonMessage}
      >
        {(input) => (
          <textarea {...input} name="abandonMessage" rows={3} defaultValue={values.abandonMessage} />
        )}
      </Field>
      <Field
        id="campaign-machineMessage"
        label="Answering-machine message (when leaving one)"
        error={errors.machineMessage}
      >
        {(input) => (
          <textarea {...input} name="machineMessage" rows={3} defaultValue={values.machineMessage} />
        )}
      </Field>
    </div>
  )
}
