import { Form } from '@remix-run/react'
import { Field } from '../forms'
import { KeyHint, shortcut } from './shortcuts'
import { type DeskResult, fieldsOf } from './types'

/** Before calling: skip the lead with a reason (it waits a while), or give it back to its queue. */
export const SkipForm = ({ entryId, result }: { entryId: string; result: DeskResult }) => {
  const fields = fieldsOf(result, 'skip')
  return (
    <section className="panel" aria-label="Skip or release">
      <Form method="post">
        <input type="hidden" name="entryId" value={entryId} />
        <Field id="skip-reason" label="Skip this lead because…" error={fields.reason}>
          {(input) => <input {...input} name="reason" {...shortcut('K')} />}
        </Field>
        <p className="row">
          <button type="submit" name="intent" value="skip" className="secondary">
            Skip <KeyHint k="K" />
          </button>
          <button type="submit" name="intent" value="release" className="secondary" formNoValidate>
            Give back
          </button>
        </p>
      </Form>
    </section>
  )
}
