import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import type { loader } from './l.$linkType.server'

export { loader } from './l.$linkType.server'

export const meta: MetaFunction = () => [{ title: 'Your link' }, { name: 'robots', content: 'noindex' }]

/**
 * The customer's side of a magic link. An integrator replaces this page with their own portal (set
 * `MAGIC_LINK_BASE_URL`); here it says the link opened, or why it did not.
 */
export default function MagicLinkLanding() {
  const result = useLoaderData<typeof loader>()
  return (
    <section className="panel" aria-label="Your link">
      <h1>{result.label ?? 'Your link'}</h1>
      {result.ok ? (
        <p role="status" data-testid="link-opened">
          Your link is open. We have let your claims handler know; they will be in touch about what comes
          next.
        </p>
      ) : (
        <p className="notice bad" role="alert" data-testid="link-refused">
          {result.message}
        </p>
      )}
    </section>
  )
}
