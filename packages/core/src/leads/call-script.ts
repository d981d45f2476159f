import type { LeadProfile } from './lead.js'

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g

const pick = (value: unknown, path: ReadonlyArray<string>): unknown =>
  path.reduce<unknown>(
    (at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
    value,
  )

/**
 * A call script with the lead's fields filled in: `{{firstName}}`, `{{lastName}}`, `{{fullName}}`,
 * `{{phone}}`, `{{email}}`, `{{postalCode}}`, and `{{details.<path>}}` into the use case's details
 * (arrays by index, e.g. `{{details.claims.0.reference}}`). A field the lead does not have reads as
 * `[field]`, so the agent sees the gap instead of a blank.
 */
export const fillCallScript = (
  template: string,
  lead: { readonly profile: LeadProfile<unknown>; readonly phone: string },
): string => {
  const { profile } = lead
  const known: Record<string, unknown> = {
    firstName: profile.firstName,
    lastName: profile.lastName,
    fullName: `${profile.firstName} ${profile.lastName}`.trim(),
    phone: lead.phone,
    email: profile.email,
    postalCode: profile.address?.postalCode,
  }
  return template.replace(PLACEHOLDER, (_, field: string) => {
    const [head, ...rest] = field.split('.')
    const value =
      head === 'details' ? pick(profile.details, rest) : rest.length === 0 ? known[field] : undefined
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : `[${field}]`
  })
}
