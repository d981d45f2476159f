import type { MetaFunction } from '@remix-run/node'
import type { ShouldRevalidateFunction } from '@remix-run/react'
import { useActionData, useLoaderData } from '@remix-run/react'
import { CallHistory } from '../components/call-history'
import { AutoMode } from '../components/desk/auto-mode'
import { CallControls } from '../components/desk/call-controls'
import { CallPanel, EngineCallPanel } from '../components/desk/call-panel'
import { InboundCallDesk, InboundLine } from '../components/desk/inbound-call'
import { CallScript, LeadCard, LeadClaims, WhyThisLead } from '../components/desk/lead-card'
import { LeadSearch } from '../components/desk/lead-search'
import { OutcomeForm } from '../components/desk/outcome-form'
import { ServerCall } from '../components/desk/server-call'
import { ShortcutList, useDeskShortcuts } from '../components/desk/shortcuts'
import { SkipForm } from '../components/desk/skip-form'
import { DeskStateBar } from '../components/desk/state-bar'
import type { Desk, DeskResult, HeldLead } from '../components/desk/types'
import { SmsThread } from '../components/sms-thread'
import { AgentSoftphone } from '../components/softphone'
import type { action, loader } from './agent._index.server'

export { action, loader } from './agent._index.server'

/**
 * After any action, refused ones too: the desk's state can change under the agent (in auto mode the
 * engine may give them a call as they pause), so a refusal must show where they really are.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === 'POST' ? true : defaultShouldRevalidate

export const meta: MetaFunction = () => [{ title: 'Dialler · Ringlane' }]

export default function AgentDesk() {
  const desk = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  useDeskShortcuts()
  return (
    <AgentSoftphone>
      <div className="grid">
        <DeskStateBar
          state={desk.state}
          pauseReason={desk.pauseReason}
          levels={desk.levels}
          holdsLead={!!desk.lead}
          auto={!!desk.auto}
          pauseReasons={desk.pauseReasons}
        />
        {desk.auto && <AutoMode auto={desk.auto} state={desk.state} onLead={!!desk.lead} />}
        {!desk.auto && desk.inboundLine && (
          <InboundLine state={desk.state} line={desk.inboundLine} onCall={!!desk.inbound} />
        )}
        {result && !result.ok && result.error && (
          <p className="notice bad" role="alert">
            {result.error}
          </p>
        )}
        {result?.ok && result.notice && (
          <p className="notice" role="status" data-testid="desk-notice">
            {result.notice}
          </p>
        )}
        {desk.inbound ? (
          <InboundCallDesk desk={desk} inbound={desk.inbound} result={result} />
        ) : desk.lead ? (
          <LeadDesk desk={desk} lead={desk.lead} result={result} />
        ) : (
          <>
            {desk.openCall && <ServerCall call={desk.openCall} />}
            {desk.control && <CallControls control={desk.control} result={result} />}
            {!desk.auto && <EmptyDesk state={desk.state} />}
            {!desk.auto && !desk.openCall && <LeadSearch search={desk.search} />}
          </>
        )}
        <ShortcutList />
      </div>
    </AgentSoftphone>
  )
}

const EmptyDesk = ({ state }: { state: string }) => (
  <section className="panel">
    <h1>No lead yet</h1>
    <p className="muted">
      {state === 'available' ? 'Take the next lead when you are ready.' : 'Go available to get leads.'}
    </p>
  </section>
)

/** The held lead: everything about them on the left, the call and what to do next on the right. */
const LeadDesk = ({ desk, lead, result }: { desk: Desk; lead: HeldLead; result: DeskResult }) => (
  <div className="grid two">
    <div className="grid">
      <LeadCard lead={lead} />
      {lead.script && <CallScript script={lead.script} />}
      <WhyThisLead reasons={lead.entry.reasons} />
      <LeadClaims claims={lead.context.profile.details.claims} />
      <CallHistory calls={lead.history} />
      <SmsThread thread={desk.thread ?? undefined} label="Texts with this lead" />
    </div>
    <div className="grid" style={{ alignContent: 'start' }}>
      {desk.call?.engine ? (
        <EngineCallPanel call={desk.call} />
      ) : (
        <CallPanel lead={lead} call={desk.call} result={result} />
      )}
      {desk.control && <CallControls control={desk.control} result={result} />}
      {desk.call ? (
        <OutcomeForm
          sessionId={desk.call.sessionId}
          suggested={desk.call.suggested}
          dispositions={desk.dispositions}
          linkTypes={desk.linkTypes}
          result={result}
        />
      ) : (
        <SkipForm entryId={lead.entry.id} result={result} />
      )}
    </div>
  </div>
)
