// Every provider route of the headless API, against `hooktray serve --public-url` in-process and
// the WebhooksApi and MyCirrus simulators.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { ConnectionView, RegistrationView } from '../../shared/provider-schemas'
import { json, request, tempDir } from '../../tests/helpers/http'
import { rewriteOrigin } from '../core/providers/simulators/deliver'
import { startSimulator as startMyCirrus, MYCIRRUS_SIM_KEY, type MyCirrusSimulator } from '../core/providers/simulators/mycirrus'
import { startSimulator as startWebhooksApi, WEBHOOKS_API_SIM_KEY, type WebhooksApiSimulator } from '../core/providers/simulators/webhooks-api'
import { parseServeArgs } from './args'
import { startHeadless, type Headless } from './serve'

const TOKEN = 'provider-routes-token'
const PUBLIC = 'https://hooks.example.test'
let h: Headless
let dir: ReturnType<typeof tempDir>
let wa: WebhooksApiSimulator
let mc: MyCirrusSimulator
let base: string

before(async () => {
  dir = tempDir()
  h = await startHeadless({ ...parseServeArgs(['--port', '0', '--ui-port', '0', '--public-url', PUBLIC]), dataDir: dir.dir }, { token: TOKEN })
  await h.core.ready
  base = `http://127.0.0.1:${h.inspector.port}`
  wa = await startWebhooksApi({ secretField: 'secret', deliverTo: rewriteOrigin(h.core.receiver.url) })
  mc = await startMyCirrus()
})
after(async () => {
  await h.close()
  await Promise.all([wa.close(), mc.close()])
  dir.cleanup()
})

function call(method: string, path: string, body?: unknown) {
  return request(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

test('connections: POST creates (masked), GET lists, bad input is 400, DELETE removes', async () => {
  const created = await call('POST', '/api/connections', { provider: 'webhooks-api', name: 'Shop', baseUrl: wa.url, credentials: { token: WEBHOOKS_API_SIM_KEY }, options: { secretField: 'secret' } })
  assert.equal(created.status, 201)
  const conn = json<ConnectionView>(created)
  assert.deepEqual(conn.credentials, { token: 'sim-…-key' })
  assert.equal(created.body.includes(WEBHOOKS_API_SIM_KEY), false)

  const list = await call('GET', '/api/connections')
  assert.equal(list.status, 200)
  assert.deepEqual(json<{ items: ConnectionView[] }>(list).items.map((c) => c.id), [conn.id])
  assert.equal(list.body.includes(WEBHOOKS_API_SIM_KEY), false)

  const bad = await call('POST', '/api/connections', { provider: 'mycirrus', name: 'x', credentials: { token: 'wrong-field' } })
  assert.equal(bad.status, 400)
  assert.match(json<{ error: string }>(bad).error, /credentials\.apiKey is required/)
  assert.equal((await call('POST', '/api/connections', { provider: 'nope', name: 'x', credentials: {} })).status, 400)
  assert.equal((await request(`${base}/api/connections`)).status, 401, 'the token is required')

  const gone = await call('DELETE', `/api/connections/${conn.id}`)
  assert.equal(gone.status, 200)
  assert.equal(json<{ id: string }>(gone).id, conn.id)
  assert.equal((await call('DELETE', `/api/connections/${conn.id}`)).status, 404)
  assert.deepEqual(json<{ items: unknown[] }>(await call('GET', '/api/connections')).items, [])
})

test('registrations: POST with { options } registers at the public URL, GET lists, test sends one, DELETE unregisters', async () => {
  const conn = json<ConnectionView>(await call('POST', '/api/connections', { provider: 'webhooks-api', name: 'Shop', baseUrl: wa.url, credentials: { token: WEBHOOKS_API_SIM_KEY }, options: { secretField: 'secret' } }))
  const res = await call('POST', `/api/connections/${conn.id}/registrations`, { options: { events: ['order.created'] } })
  assert.equal(res.status, 201)
  const reg = json<RegistrationView>(res)
  assert.equal(reg.state, 'registered', reg.error ?? '')
  assert.equal(reg.targetUrl, `${PUBLIC}${reg.receiverPath}`)
  assert.equal(wa.state.webhooks.get(reg.remoteIds[0]!)?.callbackUrl, reg.targetUrl)

  const listed = json<{ items: RegistrationView[] }>(await call('GET', `/api/registrations?connectionId=${conn.id}`))
  assert.deepEqual(listed.items.map((r) => r.id), [reg.id])
  assert.deepEqual(json<{ items: RegistrationView[] }>(await call('GET', '/api/registrations')).items.map((r) => r.id), [reg.id])

  const tested = await call('POST', `/api/registrations/${reg.id}/test`)
  assert.equal(tested.status, 200)
  assert.deepEqual(json<{ via: string; ok: boolean }>(tested), { via: 'provider', ok: true, status: null, message: json<{ message: string }>(tested).message })
  // The provider's test delivery came through the receiver and was verified.
  const deliveries = json<{ items: { registrationId: string; verification: string }[] }>(await call('GET', `/api/deliveries?registrationId=${reg.id}`))
  assert.deepEqual(deliveries.items.map((d) => [d.registrationId, d.verification]), [[reg.id, 'verified']])

  assert.equal((await call('POST', `/api/connections/${conn.id}/registrations`, { options: { events: 'nope' } })).status, 400)
  assert.equal((await call('POST', '/api/connections/missing/registrations', { options: {} })).status, 404)

  const removed = await call('DELETE', `/api/registrations/${reg.id}`)
  assert.equal(removed.status, 200)
  assert.equal(json<RegistrationView>(removed).state, 'removed')
  assert.equal(wa.state.webhooks.size, 0)
  assert.equal((await call('POST', `/api/registrations/${reg.id}/test`)).status, 409)
  assert.equal((await call('DELETE', '/api/registrations/missing')).status, 404)
})

test('a provider error comes back in the registration, word for word; orphans and settings routes work', async () => {
  const conn = json<ConnectionView>(await call('POST', '/api/connections', { provider: 'mycirrus', name: 'Lab', baseUrl: mc.url, credentials: { apiKey: MYCIRRUS_SIM_KEY } }))
  const reg = json<RegistrationView>(await call('POST', `/api/connections/${conn.id}/registrations`, { options: { instrument: 'QT999999', types: ['NewEvent'] } }))
  assert.deepEqual([reg.state, reg.error], ['failed', 'The instrument QT999999 could not be found.'])
  mc.state.webhooks.set('ffffffffffff', { id: 'ffffffffffff', url: 'https://old.example/h/abcdefghjk', type: 'NewEvent', secret: 's', instrument: 'QT123456' })
  const orphans = await call('GET', `/api/connections/${conn.id}/orphans`)
  assert.equal(orphans.status, 200)
  assert.deepEqual(json<{ items: { remoteId: string }[] }>(orphans).items.map((o) => o.remoteId), ['ffffffffffff'])
  const refused = await call('POST', `/api/connections/${conn.id}/orphans/remove`, { remoteIds: ['ffffffffffff'] })
  assert.equal(refused.status, 400)
  const settings = await call('PUT', '/api/provider-settings', { failedVerificationStatus: 403 })
  assert.deepEqual(json(settings), { failedVerificationStatus: 403 })
  assert.deepEqual(json(await call('GET', '/api/provider-settings')), { failedVerificationStatus: 403 })
})
