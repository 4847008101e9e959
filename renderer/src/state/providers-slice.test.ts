// The providers slice against a real core with a manual public URL and the MyCirrus simulator:
// the page's data follows the core's events, and the registration filter narrows the list.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { HooktrayEvent } from '../../../shared/contract'
import { createCore, type Core } from '../../../electron/core/core'
import { rewriteOrigin } from '../../../electron/core/providers/simulators/deliver'
import { startSimulator, MYCIRRUS_SIM_KEY, type MyCirrusSimulator } from '../../../electron/core/providers/simulators/mycirrus'
import { request, tempDir } from '../../../tests/helpers/http'
import { createAppStore, type AppStore } from './store'
import { coreClient } from './core-client.test-helper'

let core: Core
let sim: MyCirrusSimulator
let store: AppStore
let cleanup: () => void
const pending: HooktrayEvent[] = []

before(async () => {
  const tmp = tempDir('hooktray-renderer-providers-')
  cleanup = tmp.cleanup
  core = await createCore({ dataDir: tmp.dir, tunnel: { mode: 'manual', url: 'https://ui.example.test' } })
  await core.ready
  sim = await startSimulator({ deliverTo: rewriteOrigin(core.receiver.url) })
  const client = coreClient(core)
  client.onEvent((e) => pending.push(e))
  store = createAppStore(client)
  await store.getState().init()
  await store.getState().loadProviders()
})

after(async () => {
  await core.close()
  await sim.close()
  cleanup()
})

function flush(): void {
  const events = pending.splice(0)
  store.getState().applyEvents(events)
  store.getState().applyProviderEvents(events)
}

test('connections and registrations made elsewhere arrive through events; errors stay word for word', async () => {
  assert.deepEqual(store.getState().connections, [])
  const conn = await core.api.createConnection({ provider: 'mycirrus', name: 'Lab', baseUrl: sim.url, credentials: { apiKey: MYCIRRUS_SIM_KEY } })
  const bad = await core.api.createRegistration({ connectionId: conn.id, options: { instrument: 'QT000000' } })
  flush()
  const s = store.getState()
  assert.deepEqual(s.connections.map((c) => [c.id, c.credentials.apiKey]), [[conn.id, 'sim-…-key']])
  assert.equal(s.registrations.find((r) => r.id === bad.id)?.error, 'The instrument QT000000 could not be found.')

  await store.getState().deleteRegistration(bad.id)
  assert.equal(store.getState().registrations.find((r) => r.id === bad.id)?.state, 'removed')
  await assert.rejects(store.getState().createRegistration({ connectionId: conn.id, options: {} }), /instrument/)
})

test('unregistering where the API cannot delete keeps the notice until it is dismissed', async () => {
  const conn = store.getState().connections[0]!
  const reg = await store.getState().createRegistration({ connectionId: conn.id, options: { instrument: 'QT123456', types: ['NewEvent'] } })
  assert.equal(reg.state, 'registered', reg.error ?? '')
  await store.getState().deleteRegistration(reg.id)
  const removed = store.getState().registrations.find((r) => r.id === reg.id)
  assert.equal(removed?.state, 'removed')
  assert.match(removed?.notice ?? '', /MyCirrus's API cannot delete webhooks: webhook .* still exists at MyCirrus/)
  await store.getState().dismissRegistrationNotice(reg.id)
  assert.equal(store.getState().registrations.find((r) => r.id === reg.id)?.notice, null)
  assert.equal(store.getState().providersError, null)
})

test('the list filter shows one registration’s deliveries, live ones included', async () => {
  const conn = store.getState().connections[0]!
  const reg = await store.getState().createRegistration({ connectionId: conn.id, options: { instrument: 'QT123456' } })
  assert.equal(reg.state, 'registered')
  await request(`${core.receiver.url}/elsewhere`, { method: 'POST', body: '{}' })
  await sim.deliver(reg.remoteIds[0]!)
  flush()
  assert.ok(store.getState().items.length >= 2)

  store.getState().setRegistrationFilter(reg.id)
  await store.getState().init()
  assert.deepEqual(store.getState().items.map((d) => [d.registrationId, d.verification]), [[reg.id, 'verified']])
  await request(`${core.receiver.url}/elsewhere-again`, { method: 'POST', body: '{}' })
  await sim.deliver(reg.remoteIds[0]!, { tamper: true })
  flush()
  assert.deepEqual(store.getState().items.map((d) => d.verification), ['failed', 'verified'])

  store.getState().setRegistrationFilter(null)
  await store.getState().init()
  assert.ok(store.getState().items.some((d) => d.path === '/elsewhere-again'))
})
