import { Form, Link } from '@remix-run/react'
import { formatShortDateTime } from '../utils/dates'
import { DataTable, numeric } from './data-table'

interface LinkRow {
  readonly id: string
  readonly leadId: string
  readonly type: string
  readonly sentBy: string
  readonly issuedAt: string
  readonly expiresAt: string
  readonly state: string
  readonly revokedReason: string | null
  readonly openings: number
  readonly lastOpenedAt: string | null
}

/**
 * Magic links sent, with where each stands and a Withdraw button (with a reason) for those that still
 * open. A plain form, so it works before hydration.
 */
export const MagicLinksTable = ({
  links,
  showLead = false,
  withdrawn,
}: {
  links: ReadonlyArray<LinkRow>
  showLead?: boolean
  /** What the Withdraw action answered, if it ran. */
  withdrawn?:
    | { readonly revoked: string | null; readonly fields: Readonly<Record<string, string>> }
    | undefined
}) => (
  <>
    {withdrawn && Object.values(withdrawn.fields).length > 0 && (
      <p className="notice bad" role="alert">
        {Object.values(withdrawn.fields).join('; ')}
      </p>
    )}
    {withdrawn?.revoked && (
      <p className="notice" role="status">
        The link is withdrawn: it no longer opens.
      </p>
    )}
    <DataTable
      columns={[
        'Sent',
        'Link',
        ...(showLead ? ['Lead'] : []),
        'Sent by',
        'Expires',
        'State',
        numeric('Openings'),
        'Last opened',
        'Withdraw',
      ]}
      rows={links}
      empty="No links."
      row={(link) => (
        <tr key={link.id} data-testid="magic-link-row">
          <td>{formatShortDateTime(link.issuedAt)}</td>
          <td>{link.type}</td>
          {showLead && (
            <td>
              <Link to={`/supervisor/leads/${link.leadId}`}>Lead’s page</Link>
            </td>
          )}
          <td>{link.sentBy}</td>
          <td>{formatShortDateTime(link.expiresAt)}</td>
          <td>
            <span
              className={link.state === 'open' ? 'pill' : 'pill warn'}
              title={link.revokedReason ?? undefined}
            >
              {link.state}
            </span>
          </td>
          <td className="num">{link.openings}</td>
          <td>{formatShortDateTime(link.lastOpenedAt)}</td>
          <td>
            {link.state === 'open' && (
              <Form method="post" className="row">
                <input type="hidden" name="linkId" value={link.id} />
                <label className="sr-only" htmlFor={`reason-${link.id}`}>
                  Why withdraw the {link.type} link of {formatShortDateTime(link.issuedAt)}
                </label>
                <input id={`reason-${link.id}`} name="reason" required maxLength={200} placeholder="Why" />
                <button type="submit" name="intent" value="revoke-link" className="secondary">
                  Withdraw
                </button>
              </Form>
            )}
          </td>
        </tr>
      )}
    />
  </>
)
