import { describe, expect, it } from 'vitest'
import { readForm } from './forms.server'

const post = (contentType: string, body: string) =>
  new Request('http://localhost/agent', { method: 'POST', headers: { 'content-type': contentType }, body })

describe('readForm', () => {
  it('reads a urlencoded form', async () => {
    const form = await readForm(post('application/x-www-form-urlencoded', 'intent=skip&reason=x'))
    expect(Object.fromEntries(form)).toEqual({ intent: 'skip', reason: 'x' })
  })

  it.each([
    ['JSON', 'application/json', '{"intent":"skip"}'],
    ['plain text', 'text/plain', 'intent=skip'],
    ['broken multipart', 'multipart/form-data; boundary=x', '--x\r\nnot a header\r\n'],
  ])('answers 400, not 500, to a body that is not a form (%s)', async (_, contentType, body) => {
    const thrown = await readForm(post(contentType, body)).catch((error: unknown) => error)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(400)
    expect(await (thrown as Response).text()).toMatch(/not a form/)
  })
})
