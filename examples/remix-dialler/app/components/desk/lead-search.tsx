import { Form } from '@remix-run/react'
import type { LeadSearchResult } from '../../server/lead-search.server'
import { DataTable } from '../data-table'
import { Field, FilterForm } from '../forms'

const matched = { name: 'name', phone: 'number', reference: 'case' } as const

/**
 * Find a lead by name, number or case reference, and take one onto the desk to dial it: the call then
 * goes through the same checks as a queued lead. Shown when the agent holds no lead.
 */
export const LeadSearch = ({ search }: { search: LeadSearchResult | null }) => (
  <section className="panel" aria-label="Find a lead">
    <h2>Find a lead</h2>
    <FilterForm label="Lead search" submit="Search">
      <Field id="lead-search" label="Name, number or case reference" error={search?.error ?? undefined}>
        {(input) => (
          <input {...input} name="q" type="search" defaultValue={search?.query ?? ''} maxLength={100} />
        )}
      </Field>
    </FilterForm>
    {search && !search.error && (
      <DataTable
        columns={['Name', 'Phone', 'Found by', '']}
        rows={search.matches}
        empty={`Nobody matches “${search.query}”.`}
        row={(match) => (
          <tr key={match.leadId}>
            <td>
              {match.firstName} {match.lastName}
            </td>
            <td>{match.phone}</td>
            <td>{match.detail ? `${matched[match.matchedBy]} ${match.detail}` : matched[match.matchedBy]}</td>
            <td>
              <Form method="post">
                <input type="hidden" name="leadId" value={match.leadId} />
                <button
                  type="submit"
                  name="intent"
                  value="take-lead"
                  className="secondary"
                  aria-label={`Take ${match.firstName} ${match.lastName} to dial`}
                >
                  Take to dial
                </button>
              </Form>
            </td>
          </tr>
        )}
      />
    )}
  </section>
)
