import { Form, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { CALL_CENTRE_TIME_ZONE } from '../../utils/dates'
import { Field, FieldError, invalidProps } from '../forms'
import { KeyHint, shortcut } from './shortcuts'
import { type Desk, type DeskResult, fieldsOf } from './types'

/**
 * After the call: how it went, notes, when to call back (for a callback), and a magic link to text,
 * all in one post that also frees the desk for the next lead.
 */
export const OutcomeForm = ({
  sessionId,
  suggested,
  dispositions,
  linkTypes,
  result,
}: {
  sessionId: string
  /** The outcome the call's result tells (busy, no answer...), pre-selected until the agent picks. */
  suggested: string | null
  dispositions: Desk['dispositions']
  linkTypes: Desk['linkTypes']
  result: DeskResult
}) => {
  const busy = useNavigation().state !== 'idle'
  const [disposition, setDisposition] = useState(suggested ?? '')
  const [picked, setPicked] = useState(false)
  // The call may end after the form is shown: its result fills in what the agent has not chosen.
  useEffect(() => {
    if (!picked && suggested) setDisposition(suggested)
  }, [suggested, picked])
  const fields = fieldsOf(result, 'outcome')
  // The callback time is typed on the agent's clock: the page sends the browser's zone, and without
  // JavaScript the call centre's, so the server reads the time the agent meant.
  const [timeZone, setTimeZone] = useState(CALL_CENTRE_TIME_ZONE)
  useEffect(() => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone
    if (browser) setTimeZone(browser)
  }, [])
  return (
    <section className="panel" aria-label="Outcome">
      <h2>Outcome</h2>
      <Form method="post">
        <input type="hidden" name="sessionId" value={sessionId} />
        <input type="hidden" name="timeZone" value={timeZone} />
        <Field id="disposition" label="How did it go?" error={fields.disposition}>
          {(input) => (
            <select
              {...input}
              name="disposition"
              value={disposition}
              onChange={(e) => {
                setPicked(true)
                setDisposition(e.target.value)
              }}
              required
            >
              <option value="">Choose…</option>
              {dispositions.map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="notes" label="Notes" error={fields.notes}>
          {(input) => <textarea {...input} name="notes" maxLength={5000} />}
        </Field>
        {disposition === 'callback_requested' && (
          <>
            <Field id="callbackAt" label={`Call back at (your time, ${timeZone})`} error={fields.callbackAt}>
              {(input) => <input {...input} name="callbackAt" type="datetime-local" required />}
            </Field>
            <Field id="callbackFor" label="Who calls back">
              {(input) => (
                <select {...input} name="callbackFor" defaultValue="me">
                  <option value="me">Me</option>
                  <option value="anyone">Whoever is free</option>
                </select>
              )}
            </Field>
          </>
        )}
        <p className="row">
          <input id="sendLink" name="sendLink" type="checkbox" style={{ width: 'auto' }} />
          <label htmlFor="sendLink">Text a magic link</label>
          <label htmlFor="linkType" className="sr-only">
            Link to text
          </label>
          <select
            id="linkType"
            name="linkType"
            style={{ width: 'auto' }}
            {...invalidProps('linkType', fields.linkType)}
          >
            {linkTypes.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </p>
        <FieldError id="linkType" error={fields.linkType} />
        <p>
          <button type="submit" name="intent" value="outcome" disabled={busy} {...shortcut('S')}>
            Save outcome and finish <KeyHint k="S" />
          </button>
        </p>
      </Form>
    </section>
  )
}
