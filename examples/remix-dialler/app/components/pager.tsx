import { Link } from '@remix-run/react'

/**
 * Under a paged list: back to the first page, the next page, and the whole list as CSV. Plain links,
 * so they work before hydration and the URL says what is shown.
 */
export const Pager = ({
  pages,
  csvHref,
  label,
}: {
  pages: { readonly next: string | null; readonly first: string | null }
  csvHref?: string | null
  /** What is listed, for the links' accessible names ("calls"). */
  label: string
}) => (
  <nav className="row pager" aria-label={`Pages of ${label}`}>
    {pages.first && <Link to={pages.first}>First page</Link>}
    {pages.next && (
      <Link to={pages.next} rel="next">
        Next page
      </Link>
    )}
    {csvHref && (
      <a href={csvHref} download>
        Export all {label} as CSV
      </a>
    )}
  </nav>
)
