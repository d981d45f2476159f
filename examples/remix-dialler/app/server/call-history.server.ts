import type { PastCall } from '../components/call-history'

/** Outcome labels by code, from the dialler's settings: pages say "Spoke to them", not `contacted`. */
export const dispositionLabels = (config: {
  readonly settings: {
    readonly dispositions: ReadonlyArray<{ readonly code: string; readonly label: string }>
  }
}): Readonly<Record<string, string>> =>
  Object.fromEntries(config.settings.dispositions.map((d) => [d.code, d.label]))

/** A lead's calls (the dialler's call history) as the history tables list them. */
export const pastCalls = (
  history: ReadonlyArray<{
    readonly session: {
      readonly id: string
      readonly startedAt: Date
      readonly status: string
      readonly talkSeconds: number | null
    }
    readonly outcome: { readonly disposition: string; readonly notes: string | null } | null
  }>,
  labels: Readonly<Record<string, string>>,
): PastCall[] =>
  history.map(({ session, outcome }) => ({
    id: session.id,
    startedAt: new Date(session.startedAt).toISOString(),
    status: session.status,
    talkSeconds: session.talkSeconds,
    outcome: outcome ? (labels[outcome.disposition] ?? outcome.disposition) : null,
    notes: outcome?.notes ?? null,
  }))
