import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, stopTestApp } from '../server/app.test.support'
import { signIn } from '../server/auth.server'
import type { DiallerApp } from '../server/dialler.server'
import { run } from '../server/run.server'
import { action, loader, type SettingsNow, type SettingsResult } from './supervisor.settings.server'

let dir: string
let running: DiallerApp

/** A signed-in browser: its session cookie and whose it is. */
interface Browser {
  readonly cookie: string
  readonly id: string
  readonly name: string
}
let sue: Browser
let ada: Browser

const browserOf = async (role: 'supervisor' | 'admin'): Promise<Browser> => {
  const login = running.demoLogins.find((l) => l.role === role)
  if (!login) throw new Error(`the embedded demo has a ${role} login`)
  const signedIn = await signIn(running, running.publicBaseUrl, { ...login, ip: '127.0.0.1' })
  return {
    cookie: signedIn.setCookie.split(';')[0] ?? '',
    id: signedIn.agent.id,
    name: signedIn.agent.displayName,
  }
}

beforeAll(async () => {
  ;({ dir, running } = await startTestApp('settings', '3992'))
  sue = await browserOf('supervisor')
  ada = await browserOf('admin')
})
afterAll(() => stopTestApp(dir, running))

type Page = Awaited<ReturnType<typeof loader>>

/** Opens the settings page as the browser does. */
const open = (who: Browser): Promise<Page> =>
  loader({
    request: new Request(new URL('/supervisor/settings', running.publicBaseUrl), {
      headers: { cookie: who.cookie },
    }),
    params: {},
    context: {},
  })

/** Posts one of the page's forms as the browser does: the action's answer and its status. */
const save = async (who: Browser, fields: Record<string, string>) => {
  const result = await action({
    request: new Request(new URL('/supervisor/settings', running.publicBaseUrl), {
      method: 'POST',
      headers: {
        cookie: who.cookie,
        origin: running.publicBaseUrl,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(fields).toString(),
    }),
    params: {},
    context: {},
  })
  return { status: result.init?.status ?? 200, answer: result.data as SettingsResult }
}

/** The version field as the page renders it. */
const versionField = (version: number | null) => (version === null ? 'none' : String(version))

/** The retention form as rendered from `page`, with the days typed in. */
const retentionForm = (page: SettingsNow, days: number) => ({
  intent: 'retention',
  version: versionField(page.versions.retention),
  recordingDays: String(days),
})

/** A queue's form as rendered from `page`, with a new threshold typed in. */
const queueForm = (page: SettingsNow, queueId: string, threshold: number) => {
  const queue = page.queues.find((q) => q.id === queueId)
  if (!queue) throw new Error(`the demo has the ${queueId} queue`)
  return {
    intent: 'queue',
    queueId,
    version: versionField(page.versions.queues),
    threshold: String(threshold),
    coolingMinutes: String(queue.coolingMinutes),
    ...Object.fromEntries(
      Object.entries(queue.weights).map(([name, value]) => [`weights.${name}`, String(value)]),
    ),
    ...Object.fromEntries(queue.lastOutcome.map(([code, points]) => [`lastOutcome.${code}`, String(points)])),
  }
}

/** The dispositions form as rendered from `page`, with one label changed. */
const dispositionsForm = (page: SettingsNow, code: string, label: string) => {
  const fields: Record<string, string> = {
    intent: 'dispositions',
    rows: String(page.dispositions.length),
    version: versionField(page.versions.dispositions),
  }
  page.dispositions.forEach((d, row) => {
    fields[`code-${row}`] = d.code
    fields[`label-${row}`] = d.code === code ? label : d.label
    fields[`retry-${row}`] = d.retryAfterMinutes === null ? '' : String(d.retryAfterMinutes)
    for (const [name, on] of [
      ['contact', d.contact],
      ['converted', d.converted],
      ['callback', d.requiresCallback],
      ['optout', d.optOut],
    ] as const)
      if (on) fields[`${name}-${row}`] = 'on'
  })
  return fields
}

const settingChanges = () => run(running.audit.list({ action: 'settings.changed', limit: 50 }))

describe('two supervisors change the same settings', () => {
  it('answers the second save 409, naming who saved first and when, showing what is stored; redone, it lands', async () => {
    const suesPage = await open(sue)
    const adasPage = await open(ada)
    expect(suesPage.versions.retention).toBe(adasPage.versions.retention)

    const first = await save(ada, retentionForm(adasPage, 90))
    expect(first).toMatchObject({ status: 200, answer: { ok: true, form: 'retention' } })
    const stored = await running.ringlane.recordings.retentionSetting()
    expect(stored).toMatchObject({ retention: { recordingDays: 90 }, changedBy: ada.id })

    const second = await save(sue, retentionForm(suesPage, 30))
    expect(second.status).toBe(409)
    expect(second.answer).toMatchObject({
      ok: false,
      form: 'retention',
      field: 'version',
      changedMeanwhile: {
        by: ada.name,
        at: stored.changedAt?.toISOString(),
        version: stored.version,
        now: { retention: { recordingDays: 90 }, versions: { retention: stored.version } },
      },
    })
    expect(second.answer.message).toContain(ada.name)
    // Nothing of Sue's was stored or audited.
    expect(await running.ringlane.recordings.retentionSetting()).toEqual(stored)
    const audited = await settingChanges()
    const retentionChanges = audited.filter((e) => e.subject === 'settings:retention')
    expect(retentionChanges.map((e) => e.actor)).toEqual([ada.id])

    // Redone from what the 409 showed, her change lands over Ada's, audited from Ada's value.
    if (second.answer.ok || !('changedMeanwhile' in second.answer))
      throw new Error('a 409 shows the settings')
    const redone = await save(sue, retentionForm(second.answer.changedMeanwhile.now, 30))
    expect(redone).toMatchObject({ status: 200, answer: { ok: true } })
    const [latest] = await settingChanges()
    expect(latest).toMatchObject({ actor: sue.id, detail: { recordingDays: '90 → 30' } })
  })

  it('refuses a queue saved from a tuning another queue’s save replaced, and the dispositions likewise', async () => {
    const suesPage = await open(sue)
    const adasPage = await open(ada)
    expect(await save(ada, queueForm(adasPage, 'unsigned', 41))).toMatchObject({ status: 200 })
    const stale = await save(sue, queueForm(suesPage, 'outstanding', 7))
    expect(stale).toMatchObject({
      status: 409,
      answer: { form: 'queue-outstanding', field: 'version', changedMeanwhile: { by: ada.name } },
    })
    if (stale.answer.ok || !('changedMeanwhile' in stale.answer)) throw new Error('a 409 shows the settings')
    expect(stale.answer.changedMeanwhile.now.queues.find((q) => q.id === 'unsigned')?.threshold).toBe(41)
    const tuning = await running.ringlane.queues.tuning()
    expect(tuning.find((q) => q.queueId === 'outstanding')?.threshold).not.toBe(7)

    expect(await save(ada, dispositionsForm(adasPage, 'busy', 'Line busy'))).toMatchObject({ status: 200 })
    expect(await save(sue, dispositionsForm(suesPage, 'busy', 'Engaged'))).toMatchObject({
      status: 409,
      answer: { form: 'dispositions', field: 'version', changedMeanwhile: { by: ada.name } },
    })
    const busy = (await running.ringlane.calls.dispositions()).find((d) => d.code === 'busy')
    expect(busy?.label).toBe('Line busy')
  })

  it('answers 400 naming the version field when it is missing, not a version, or one never stored', async () => {
    const page = await open(sue)
    const before = await running.ringlane.recordings.retentionSetting()
    const audited = (await settingChanges()).length
    const never = String((page.versions.retention ?? 0) + 5)
    for (const version of [undefined, '', 'abc', '-1', '0', '1.5', '1e3', '9'.repeat(20), never]) {
      const { version: _, ...rest } = retentionForm(page, 45)
      const answer = await save(sue, version === undefined ? rest : { ...rest, version })
      expect(answer, `version ${version}`).toMatchObject({
        status: 400,
        answer: { ok: false, form: 'retention', field: 'version' },
      })
    }
    expect(await running.ringlane.recordings.retentionSetting()).toEqual(before)
    expect(await settingChanges()).toHaveLength(audited)
  })
})
