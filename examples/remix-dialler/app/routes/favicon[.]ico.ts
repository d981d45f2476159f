import { redirect } from '@remix-run/node'

/**
 * Browsers ask for /favicon.ico whatever the page links; the icon is an SVG. A redirect, so the
 * request is answered and not logged as a route that does not exist.
 */
export const loader = () => redirect('/favicon.svg', 301)
