import { DataTable, numeric } from './data-table'

/** One of a lead's claims, as the desk and the lead page list them. */
export interface ClaimSummary {
  readonly id: string
  readonly reference: string
  readonly lender: string
  readonly status: string
  readonly value: number
  /** Requirements still pending, of `requirements` in all. */
  readonly pending: number
  readonly requirements: number
}

/** Counts a claim's requirements for the table. */
export const summariseClaim = (claim: {
  readonly id: string
  readonly reference: string
  readonly lender: string
  readonly status: string
  readonly value: number
  readonly requirements: ReadonlyArray<{ readonly status: string }>
}): ClaimSummary => ({
  id: claim.id,
  reference: claim.reference,
  lender: claim.lender,
  status: claim.status,
  value: claim.value,
  pending: claim.requirements.filter((r) => r.status === 'PENDING').length,
  requirements: claim.requirements.length,
})

/** A lead's claims: lender, where each stands, its value and what is still needed. */
export const ClaimsTable = ({ claims }: { claims: ReadonlyArray<ClaimSummary> }) => (
  <DataTable
    columns={['Claim', 'Lender', 'Status', numeric('Value'), 'Requirements']}
    rows={claims}
    row={(claim) => (
      <tr key={claim.id}>
        <td>{claim.reference}</td>
        <td>{claim.lender}</td>
        <td>{claim.status.replaceAll('_', ' ').toLowerCase()}</td>
        <td className="num">£{claim.value.toLocaleString('en-GB')}</td>
        <td>
          {claim.pending} pending of {claim.requirements}
        </td>
      </tr>
    )}
  />
)
