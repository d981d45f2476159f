import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { Either, ParseResult, Schema } from 'effect'
import { app } from '../server/app.server'
import { checkOrigin, currentAgent, LoginRefused, signIn } from '../server/auth.server'

export const meta: MetaFunction = () => [{ title: 'Sign in · Ringlane' }]

const LoginForm = Schema.Struct({
  email: Schema.String.pipe(
    Schema.trimmed(),
    Schema.pattern(/^[^\s@]+@[^\s@]+$/, { message: () => 'Enter your email address' }),
  ),
  password: Schema.String.pipe(Schema.minLength(1, { message: () => 'Enter your password' })),
  next: Schema.optionalWith(Schema.String, { default: () => '/' }),
})

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { db, publicBaseUrl } = await app()
  if (await currentAgent(db, publicBaseUrl, request)) throw redirect('/')
  return null
}

const clientIp = (request: Request) =>
  request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'local'
/** Only our own paths: a login link cannot send people elsewhere. */
const safeNext = (next: string) => (next.startsWith('/') && !next.startsWith('//') ? next : '/')

export const action = async ({ request }: ActionFunctionArgs) => {
  const { db, publicBaseUrl } = await app()
  checkOrigin(request, publicBaseUrl)
  const form = Object.fromEntries(await request.formData())
  const decoded = ParseResult.decodeUnknownEither(LoginForm)(form, { errors: 'all' })
  if (Either.isLeft(decoded)) {
    const fields = Object.fromEntries(
      ParseResult.ArrayFormatter.formatIssueSync(decoded.left).map((i) => [String(i.path[0]), i.message]),
    )
    return data({ fields, error: null }, { status: 400 })
  }
  try {
    const { setCookie } = await signIn(db, publicBaseUrl, { ...decoded.right, ip: clientIp(request) })
    return redirect(safeNext(decoded.right.next), { headers: { 'Set-Cookie': setCookie } })
  } catch (error) {
    if (error instanceof LoginRefused) return data({ fields: {}, error: error.message }, { status: 401 })
    throw error
  }
}

export default function Login() {
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const busy = useNavigation().state !== 'idle'
  const fields: Record<string, string> = result?.fields ?? {}
  return (
    <div className="login panel">
      <h1>Sign in</h1>
      {result?.error && (
        <p className="notice bad" role="alert">
          {result.error}
        </p>
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="next" value={params.get('next') ?? '/'} />
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-invalid={!!fields.email}
          aria-describedby="email-error"
        />
        {fields.email && (
          <p id="email-error" className="field-error">
            {fields.email}
          </p>
        )}
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={!!fields.password}
          aria-describedby="password-error"
        />
        {fields.password && (
          <p id="password-error" className="field-error">
            {fields.password}
          </p>
        )}
        <p>
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </p>
      </Form>
    </div>
  )
}
