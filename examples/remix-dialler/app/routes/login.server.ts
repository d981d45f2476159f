import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Either, ParseResult, Schema } from 'effect'
import { app } from '../server/app.server'
import { checkOrigin, currentAgent, LoginRefused, signIn } from '../server/auth.server'
import { clientIp } from '../server/client-ip.server'
import { readForm } from '../server/forms.server'

// Control characters (NUL above all) are never part of an email or a password: they are refused here
// as a form error, before anything reaches the database (Postgres refuses NUL in text) or scrypt.
const LoginForm = Schema.Struct({
  email: Schema.String.pipe(
    Schema.trimmed(),
    Schema.pattern(/^[^\p{Cc}]*$/u, { message: () => 'Email cannot contain control characters' }),
    Schema.pattern(/^[^\s@]+@[^\s@]+$/, { message: () => 'Enter your email address' }),
  ),
  password: Schema.String.pipe(
    Schema.minLength(1, { message: () => 'Enter your password' }),
    Schema.pattern(/^[^\0]*$/, { message: () => 'Password cannot contain a NUL character' }),
  ),
  next: Schema.optionalWith(Schema.String, { default: () => '/' }),
})

/** Someone already signed in goes to their start page. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const running = await app()
  const { publicBaseUrl } = running
  if (await currentAgent(running, publicBaseUrl, request)) throw redirect('/')
  return null
}

/**
 * Only our own paths: a login link cannot send people elsewhere. Control characters (NUL, CR, LF) cannot
 * be in a Location header at all, and a backslash turns `/\\host` into another site in browsers.
 */
const safeNext = (next: string) =>
  next.startsWith('/') && !next.startsWith('//') && !/[\p{Cc}\\]/u.test(next) ? next : '/'

/** Signs in (rate-limited per address and account), then goes where the login link asked. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const running = await app()
  const { publicBaseUrl } = running
  checkOrigin(request, publicBaseUrl)
  const form = Object.fromEntries(await readForm(request))
  const decoded = ParseResult.decodeUnknownEither(LoginForm)(form, { errors: 'all' })
  if (Either.isLeft(decoded)) {
    const fields = Object.fromEntries(
      ParseResult.ArrayFormatter.formatIssueSync(decoded.left).map((i) => [String(i.path[0]), i.message]),
    )
    return data({ fields, error: null }, { status: 400 })
  }
  try {
    const { setCookie } = await signIn(running, publicBaseUrl, {
      ...decoded.right,
      ip: clientIp(request, context, running.env.TRUST_PROXY),
    })
    return redirect(safeNext(decoded.right.next), { headers: { 'Set-Cookie': setCookie } })
  } catch (error) {
    if (error instanceof LoginRefused) return data({ fields: {}, error: error.message }, { status: 401 })
    throw error
  }
}
