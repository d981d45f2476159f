import type { useActionData, useLoaderData } from '@remix-run/react'
import type { action, loader } from '../../routes/agent._index.server'

/** What the desk's loader sends the page. */
export type Desk = ReturnType<typeof useLoaderData<typeof loader>>
/** The lead the agent holds, with its context and calls. */
export type HeldLead = NonNullable<Desk['lead']>
/** What the desk's last action answered, if anything. */
export type DeskResult = ReturnType<typeof useActionData<typeof action>>

/** The field errors of the desk's last action, when it was this intent and failed. */
export const fieldsOf = (result: DeskResult, intent: string): Readonly<Record<string, string>> =>
  (result && !result.ok && result.intent === intent && result.fields) || {}
