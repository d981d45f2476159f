import { Form } from '@remix-run/react'
import { Field } from '../forms'
import { type Desk, type DeskResult, fieldsOf } from './types'

type Control = NonNullable<Desk['control']>

/**
 * What the agent can do with a call the dialler connected: hold, transfer to a colleague (cold now, or
 * warm after speaking to them with the caller on hold), add a colleague or a number to the call. Plain
 * forms, so each works from the keyboard and before the page is interactive.
 */
export const CallControls = ({ control, result }: { control: Control; result: DeskResult }) => (
  <section className="panel" aria-label="Call control">
    <h2>Call control</h2>
    <Form method="post" className="row">
      <span className={`pill ${control.held ? 'warn' : 'good'}`} data-testid="caller-hold">
        {control.held ? 'caller on hold' : 'caller with you'}
      </span>
      <button type="submit" name="intent" value={control.held ? 'resume' : 'hold'} className="secondary">
        {control.held ? 'Resume' : 'Hold'}
      </button>
    </Form>
    {control.otherAgent ? (
      <OtherAgent name={control.otherAgent.name} />
    ) : (
      <TransferForm control={control} result={result} />
    )}
    {control.queues.length > 0 && !control.otherAgent && (
      <QueueTransferForm control={control} result={result} />
    )}
    <AddToCallForm control={control} result={result} />
    {control.guests.map((guest) => (
      <Form method="post" className="row" key={guest.label}>
        <input type="hidden" name="label" value={guest.label} />
        <span>{guest.phone} is on the call</span>
        <button type="submit" name="intent" value="remove-from-call" className="secondary">
          Take {guest.phone} off
        </button>
      </Form>
    ))}
  </section>
)

/** A colleague is on the call (a warm transfer, or a three-way call): hand it to them, or send them back. */
const OtherAgent = ({ name }: { name: string }) => (
  <Form method="post" className="row" aria-label="Transfer in progress">
    <span data-testid="other-agent">{name} is on the call</span>
    <button type="submit" name="intent" value="complete-transfer">
      Complete transfer to {name}
    </button>
    <button type="submit" name="intent" value="cancel-transfer" className="secondary">
      Cancel transfer
    </button>
  </Form>
)

/** Colleagues by name with their state now: only an available one can take the call. */
const Colleagues = ({ control }: { control: Control }) =>
  control.colleagues.map((agent) => (
    <option key={agent.id} value={agent.id}>
      {agent.name} ({agent.state})
    </option>
  ))

const TransferForm = ({ control, result }: { control: Control; result: DeskResult }) => {
  const fields = fieldsOf(result, 'transfer')
  return (
    <Form method="post" aria-label="Transfer">
      <Field id="transfer-to" label="Transfer to" error={fields.toAgentId}>
        {(input) => (
          <select {...input} name="toAgentId" defaultValue="">
            <option value="" disabled>
              {control.colleagues.length > 0 ? 'Choose a colleague' : 'Nobody else is signed in'}
            </option>
            <Colleagues control={control} />
          </select>
        )}
      </Field>
      <fieldset className="row">
        <legend>How</legend>
        <label>
          <input type="radio" name="mode" value="cold" defaultChecked /> Cold: hand over now
        </label>
        <label>
          <input type="radio" name="mode" value="warm" /> Warm: speak to them first
        </label>
      </fieldset>
      <button type="submit" name="intent" value="transfer">
        Transfer
      </button>
    </Form>
  )
}

const QueueTransferForm = ({ control, result }: { control: Control; result: DeskResult }) => {
  const fields = fieldsOf(result, 'transfer-to-queue')
  return (
    <Form method="post" aria-label="Transfer to a queue" className="row">
      <Field id="transfer-queue" label="Or to a queue" error={fields.queueId}>
        {(input) => (
          <select {...input} name="queueId" defaultValue="">
            <option value="" disabled>
              Choose a queue
            </option>
            {control.queues.map((queue) => (
              <option key={queue.id} value={queue.id}>
                {queue.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" name="intent" value="transfer-to-queue" className="secondary">
        Send to queue
      </button>
    </Form>
  )
}

const AddToCallForm = ({ control, result }: { control: Control; result: DeskResult }) => {
  const fields = fieldsOf(result, 'add-to-call')
  return (
    <Form method="post" aria-label="Add to call">
      <div className="row">
        <Field id="add-agent" label="Add a colleague" error={fields.addAgentId}>
          {(input) => (
            <select {...input} name="addAgentId" defaultValue="">
              <option value="">Nobody</option>
              <Colleagues control={control} />
            </select>
          )}
        </Field>
        <Field id="add-phone" label="or a number" error={fields.phone}>
          {(input) => <input {...input} name="phone" type="tel" autoComplete="off" />}
        </Field>
      </div>
      <button type="submit" name="intent" value="add-to-call" className="secondary">
        Add to call
      </button>
    </Form>
  )
}
