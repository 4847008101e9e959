// Orphans: webhooks at the provider that no registration knows (an earlier run's leftovers).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from '../../../../shared/contract'
import { startSimulator as startDroplit, DROPLIT_SIM_TOKEN } from '../simulators/droplit'
import { startSimulator as startMyCirrus, MYCIRRUS_SIM_KEY } from '../simulators/mycirrus'
import { startSimulator as startWebhooksApi, WEBHOOKS_API_SIM_KEY } from '../simulators/webhooks-api'
import { startHarness } from './test-harness'

const LEFTOVER = { id: '0b5e1f8a-3c2d-4e6f-8a9b-000000000001', callbackUrl: 'https://old-run.trycloudflare.com/h/abcdefghjk', events: [], createdAt: '2025-01-01T00:00:00Z' }
const FOREIGN = { id: '0b5e1f8a-3c2d-4e6f-8a9b-000000000002', callbackUrl: 'https://other-app.example/webhooks', events: ['x'], createdAt: '2025-01-01T00:00:00Z' }

test('WebhooksApi: found at start-up, listed with a hint, removed on request; our own webhooks are never orphans', async () => {
  const sim = await startWebhooksApi()
  const h = startHarness('https://now.example.test')
  try {
    const conn = await h.call('createConnection', { provider: 'webhooks-api', name: 'Shop', baseUrl: sim.url, credentials: { token: WEBHOOKS_API_SIM_KEY } })
    const reg = await h.call('createRegistration', { connectionId: conn.id, options: { events: ['a'] } })
    assert.equal(reg.state, 'registered')
    sim.state.webhooks.set(LEFTOVER.id, LEFTOVER)
    sim.state.webhooks.set(FOREIGN.id, FOREIGN)

    await h.service.idle()
    await h.service.start()
    assert.equal((await h.call('listConnections', {})).items[0]!.orphanCount, 2, 'the start-up check counted them')

    const report = await h.call('findOrphans', { connectionId: conn.id })
    assert.deepEqual([report.supported, report.removable, report.error], [true, true, null])
    assert.deepEqual(
      report.items.map((o) => [o.remoteId, o.url, o.looksLikeHooktray]),
      [
        [LEFTOVER.id, LEFTOVER.callbackUrl, true],
        [FOREIGN.id, FOREIGN.callbackUrl, false],
      ],
    )
    await assert.rejects(
      h.call('removeOrphans', { connectionId: conn.id, remoteIds: [reg.remoteIds[0]!] }),
      (e: unknown) => e instanceof ApiError && e.status === 400 && /belongs to registration/.test(e.message),
    )
    assert.equal(sim.state.webhooks.size, 3, 'nothing deleted by the refused request')

    const done = await h.call('removeOrphans', { connectionId: conn.id, remoteIds: [LEFTOVER.id] })
    assert.deepEqual(done, { removed: [LEFTOVER.id], failed: [] })
    assert.deepEqual([...sim.state.webhooks.keys()].sort(), [FOREIGN.id, reg.remoteIds[0]!].sort())
    assert.equal((await h.call('listConnections', {})).items[0]!.orphanCount, 1)
    assert.ok(sim.requests.some((r) => r.method === 'DELETE' && r.path === `/api/web/v1/webhooks/${LEFTOVER.id}`))
  } finally {
    await h.close()
    await sim.close()
  }
})

test('MyCirrus: orphans are listed but cannot be deleted through its API; Droplit cannot list at all', async () => {
  const mc = await startMyCirrus()
  const dl = await startDroplit()
  const h = startHarness(null)
  try {
    mc.state.webhooks.set('a1b2c3d4e5f6', { id: 'a1b2c3d4e5f6', url: 'https://old.trycloudflare.com/h/abcdefghjk', type: 'NewEvent', secret: 's', instrument: 'QT123456' })
    const conn = await h.call('createConnection', { provider: 'mycirrus', name: 'Lab', baseUrl: mc.url, credentials: { apiKey: MYCIRRUS_SIM_KEY } })
    const report = await h.call('findOrphans', { connectionId: conn.id })
    assert.deepEqual([report.supported, report.removable], [true, false])
    assert.deepEqual(report.items, [{ remoteId: 'a1b2c3d4e5f6', url: 'https://old.trycloudflare.com/h/abcdefghjk', events: ['NewEvent'], looksLikeHooktray: true }])
    await assert.rejects(
      h.call('removeOrphans', { connectionId: conn.id, remoteIds: ['a1b2c3d4e5f6'] }),
      (e: unknown) => e instanceof ApiError && e.status === 400 && /MyCirrus's API cannot delete webhooks/.test(e.message),
    )
    const dlConn = await h.call('createConnection', { provider: 'droplit', name: 'Home', baseUrl: dl.url, credentials: { token: DROPLIT_SIM_TOKEN } })
    const none = await h.call('findOrphans', { connectionId: dlConn.id })
    assert.deepEqual([none.supported, none.items], [false, []])
    assert.equal(dl.requests.length, 0)
  } finally {
    await h.close()
    await Promise.all([mc.close(), dl.close()])
  }
})
