import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { app } from '../server/app.server'
import { checkOrigin, signOut } from '../server/auth.server'
import { readForm } from '../server/forms.server'

/** Signs out this browser, or every session of the agent with `everywhere=1`. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const running = await app()
  const { publicBaseUrl } = running
  checkOrigin(request, publicBaseUrl)
  const everywhere = (await readForm(request)).get('everywhere') === '1'
  return redirect('/login', {
    headers: { 'Set-Cookie': await signOut(running, publicBaseUrl, request, everywhere) },
  })
}

export const loader = () => redirect('/')
