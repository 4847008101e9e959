// The registration lifecycle against the real simulators: pending until a public URL exists,
// the URL change flow per provider capability, removal and unregister-on-quit.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startSimulator as startAi, AI_SIM_TOKEN } from '../simulators/aggregate-intelligence'
import { rewriteOrigin } from '../simulators/deliver'
import { startSimulator as startDroplit, DROPLIT_SIM_ECOSYSTEM, DROPLIT_SIM_TOKEN } from '../simulators/droplit'
import { startSimulator as startMyCirrus, MYCIRRUS_SIM_KEY } from '../simulators/mycirrus'
import { startSimulator as startWebhooksApi, WEBHOOKS_API_SIM_KEY } from '../simulators/webhooks-api'
import { startCapture } from '../testing/capture'
import { serialised, startHarness } from './test-harness'

const ONE = 'https://one.example.test'
const TWO = 'https://two.example.test'

test('MyCirrus: pending without a URL, a group of webhooks once there is one, re-created with the same secret and the old group stale on a URL change', async () => {
  const sim = await startMyCirrus()
  const h = startHarness(null)
  try {
    const conn = await h.call('createConnection', { provider: 'mycirrus', name: 'Lab', baseUrl: sim.url, credentials: { apiKey: MYCIRRUS_SIM_KEY } })
    assert.deepEqual(conn.credentials, { apiKey: 'sim-…-key' })
    assert.deepEqual(conn.capabilities, { update: false, unregister: false, list: true, sendTest: false })
    const pending = await h.call('createRegistration', { connectionId: conn.id, options: { instrument: 'QT123456', types: ['NewMeasurement', 'InstrumentStatus'] } })
    assert.equal(pending.state, 'pending')
    assert.match(pending.receiverPath, /^\/h\/[a-z2-9]{10}$/)
    assert.match(pending.notice ?? '', /public URL/)
    assert.equal(sim.requests.filter((r) => r.method === 'POST').length, 0, 'nothing is sent without a public URL')

    await h.setPublicUrl(ONE)
    const first = await h.call('getRegistration', { id: pending.id })
    assert.equal(first.state, 'registered')
    assert.equal(first.targetUrl, `${ONE}${pending.receiverPath}`)
    assert.equal(first.remoteIds.length, 2)
    const hooks = first.remoteIds.map((id) => sim.state.webhooks.get(id)!)
    assert.deepEqual(hooks.map((w) => w.type), ['NewMeasurement', 'InstrumentStatus'])
    const secret = hooks[0]!.secret
    assert.ok(hooks.every((w) => w.url === first.targetUrl && w.secret === secret))
    assert.equal(first.verify?.scheme, 'hmac')
    assert.equal(first.verify?.secret, `${secret.slice(0, 4)}••••`)

    await h.setPublicUrl(TWO)
    const second = await h.call('getRegistration', { id: pending.id })
    assert.equal(second.state, 'registered')
    assert.equal(second.targetUrl, `${TWO}${pending.receiverPath}`)
    assert.equal(second.remoteIds.length, 2)
    assert.ok(second.remoteIds.every((id) => !first.remoteIds.includes(id)))
    assert.equal(sim.state.webhooks.size, 4, 'MyCirrus cannot delete: the old group is still there')
    assert.ok(second.remoteIds.every((id) => sim.state.webhooks.get(id)?.secret === secret), 're-created with the same secret')
    const posts = sim.requests.filter((r) => r.method === 'POST').slice(2).map((r) => JSON.parse(r.body) as { secret?: string })
    assert.ok(posts.every((p) => p.secret === secret), 'the stored secret was sent, not a new blank one')

    const all = await h.call('listRegistrations', {})
    const stale = all.items.filter((r) => r.state === 'stale')
    assert.equal(stale.length, 1)
    assert.deepEqual(stale[0]!.remoteIds, first.remoteIds)
    assert.equal(stale[0]!.targetUrl, first.targetUrl)
    assert.match(stale[0]!.notice ?? '', /cannot change or delete webhooks/)

    // The same URL again changes nothing.
    const before = sim.requests.length
    await h.setPublicUrl(TWO)
    assert.equal(sim.requests.length, before)

    const removed = await h.call('deleteRegistration', { id: pending.id })
    assert.equal(removed.state, 'removed')
    assert.match(removed.notice ?? '', /cannot delete webhooks/)
    assert.equal(serialised([all, h.events]).includes(secret), false, 'the secret never leaves in full')
  } finally {
    await h.close()
    await sim.close()
  }
})

test('WebhooksApi: a URL change is a PUT on the same webhook; send test, delete and unregister on quit really delete', async () => {
  const capture = await startCapture()
  const sim = await startWebhooksApi({ secretField: 'secret', deliverTo: rewriteOrigin(capture.url) })
  const h = startHarness(ONE)
  try {
    const conn = await h.call('createConnection', {
      provider: 'webhooks-api',
      name: 'Shop',
      baseUrl: sim.url,
      credentials: { token: WEBHOOKS_API_SIM_KEY },
      options: { secretField: 'secret' },
    })
    const reg = await h.call('createRegistration', { connectionId: conn.id, options: { events: ['order.created'] } })
    assert.equal(reg.state, 'registered', reg.error ?? '')
    const [id] = reg.remoteIds
    const secret = sim.state.webhooks.get(id!)!.secret
    assert.ok(secret)

    await h.setPublicUrl(TWO)
    const moved = await h.call('getRegistration', { id: reg.id })
    assert.deepEqual(moved.remoteIds, [id], 'updated in place: same id')
    assert.equal(sim.state.webhooks.size, 1)
    assert.equal(sim.state.webhooks.get(id!)!.callbackUrl, `${TWO}${reg.receiverPath}`)
    assert.equal(sim.state.webhooks.get(id!)!.secret, secret, 'same secret after the update')
    const put = sim.requests.find((r) => r.method === 'PUT')
    assert.equal(put?.path, `/api/web/v1/webhooks/${id}`)
    assert.equal((await h.call('listRegistrations', {})).items.filter((r) => r.state === 'stale').length, 0)

    const tested = await h.call('testRegistration', { id: reg.id })
    assert.deepEqual([tested.via, tested.ok], ['provider', true])
    assert.equal(capture.requests.length, 1)
    assert.equal(capture.requests[0]!.path, reg.receiverPath)

    // Deleted behind our back: the next URL change creates it anew instead of failing on 404.
    sim.state.webhooks.delete(id!)
    await h.setPublicUrl(ONE)
    const recreated = await h.call('getRegistration', { id: reg.id })
    assert.equal(recreated.state, 'registered')
    assert.notDeepEqual(recreated.remoteIds, [id])
    assert.equal(sim.state.webhooks.get(recreated.remoteIds[0]!)?.secret, secret)

    const removed = await h.call('deleteRegistration', { id: reg.id })
    assert.equal(removed.state, 'removed')
    assert.equal(sim.state.webhooks.size, 0)
    assert.equal((await h.call('listRegistrations', {})).items.length, 0, 'removed ones are hidden by default')
    assert.equal((await h.call('listRegistrations', { includeRemoved: true })).items.length, 1)

    const temp = await h.call('createRegistration', { connectionId: conn.id, options: { events: [] }, unregisterOnQuit: true })
    const keep = await h.call('createRegistration', { connectionId: conn.id, options: { events: ['x'] } })
    assert.equal(sim.state.webhooks.size, 2)
    await h.service.shutdown()
    assert.deepEqual([...sim.state.webhooks.keys()], keep.remoteIds, 'only the one marked "unregister on quit" was deleted')
    const after = h.service.env.registrations.get(temp.id)!
    assert.deepEqual([after.state, after.remoteIds, after.targetUrl], ['pending', [], null])
  } finally {
    await h.close()
    await Promise.all([sim.close(), capture.close()])
  }
})

test('Aggregate Intelligence: the generated credential is reused when re-registering, and the unreachable old webhook is kept as stale', async () => {
  const sim = await startAi()
  const h = startHarness(ONE)
  try {
    const conn = await h.call('createConnection', { provider: 'aggregate-intelligence', name: 'Rates', baseUrl: sim.url, credentials: { accessToken: AI_SIM_TOKEN } })
    const reg = await h.call('createRegistration', { connectionId: conn.id, options: { authType: 'basic', isAlertHook: true } })
    assert.equal(reg.state, 'registered', reg.error ?? '')
    assert.deepEqual(reg.remoteIds, [])
    assert.equal(reg.verify?.scheme, 'credential')
    await h.setPublicUrl(TWO)
    const hooks = [...sim.state.webhooks.values()]
    assert.equal(hooks.length, 2)
    assert.deepEqual(hooks.map((w) => w.endpoint), [`${ONE}${reg.receiverPath}`, `${TWO}${reg.receiverPath}`])
    assert.equal(hooks[0]!.password, hooks[1]!.password)
    assert.equal(hooks[0]!.userName, hooks[1]!.userName)
    assert.equal(hooks[1]!.isAlertHook, true)
    const stale = (await h.call('listRegistrations', {})).items.filter((r) => r.state === 'stale')
    assert.equal(stale.length, 1)
    assert.equal(stale[0]!.targetUrl, `${ONE}${reg.receiverPath}`)
    assert.equal(serialised(await h.call('listRegistrations', {})).includes(hooks[0]!.password!), false)
  } finally {
    await h.close()
    await sim.close()
  }
})

test('Droplit: registers with a generated secret and a description; removal says the API cannot delete', async () => {
  const sim = await startDroplit()
  const h = startHarness(ONE)
  try {
    const conn = await h.call('createConnection', { provider: 'droplit', name: 'Home', baseUrl: sim.url, credentials: { token: DROPLIT_SIM_TOKEN } })
    const reg = await h.call('createRegistration', { connectionId: conn.id, options: { ecosystemId: DROPLIT_SIM_ECOSYSTEM, description: 'lights' } })
    assert.equal(reg.state, 'registered', reg.error ?? '')
    const hook = sim.state.webhooks.get(reg.remoteIds[0]!)!
    assert.equal(hook.description, 'lights')
    assert.ok(hook.secret && hook.secret.length >= 32)
    assert.equal(reg.verify?.scheme, 'hmac')
    const removed = await h.call('deleteRegistration', { id: reg.id })
    assert.equal(removed.state, 'removed')
    assert.match(removed.notice ?? '', /Droplit IoE's API cannot delete webhooks/)
    assert.equal(sim.state.webhooks.size, 1)
    // The notice stays until the user says they have read it.
    assert.equal((await h.call('listRegistrations', { includeRemoved: true })).items.find((r) => r.id === reg.id)?.notice, removed.notice)
    const dismissed = await h.call('updateRegistration', { id: reg.id, dismissNotice: true })
    assert.equal(dismissed.notice, null)
    assert.equal(dismissed.state, 'removed')
  } finally {
    await h.close()
    await sim.close()
  }
})

test('Generic REST with create/delete templates (no update): a URL change deletes the old webhook and creates a new one with the same secret', async () => {
  const sim = await startWebhooksApi({ secretField: 'secret' })
  const h = startHarness(ONE)
  try {
    const options = {
      label: 'My API',
      create: { path: '/api/web/v1/webhooks', body: '{"callbackUrl": "{{url}}", "events": ["all"], "secret": "{{secret}}"}' },
      delete: { path: '/api/web/v1/webhooks/{{id}}' },
      list: { path: '/api/web/v1/webhooks', urlPointer: '/callbackUrl' },
      verify: { scheme: 'hmac' },
    }
    const conn = await h.call('createConnection', { provider: 'generic', name: 'Mine', baseUrl: sim.url, credentials: { apiKey: WEBHOOKS_API_SIM_KEY }, options })
    assert.deepEqual(conn.capabilities, { update: false, unregister: true, list: true, sendTest: false })
    const reg = await h.call('createRegistration', { connectionId: conn.id, options: {} })
    assert.equal(reg.state, 'registered', reg.error ?? '')
    const secret = sim.state.webhooks.get(reg.remoteIds[0]!)!.secret
    await h.setPublicUrl(TWO)
    const moved = await h.call('getRegistration', { id: reg.id })
    assert.equal(sim.state.webhooks.size, 1, 'the old one was deleted')
    const hook = sim.state.webhooks.get(moved.remoteIds[0]!)!
    assert.deepEqual([hook.callbackUrl, hook.secret], [`${TWO}${reg.receiverPath}`, secret])
    assert.ok(sim.requests.some((r) => r.method === 'DELETE' && r.path === `/api/web/v1/webhooks/${reg.remoteIds[0]}`))
    assert.equal((await h.call('listRegistrations', {})).items.filter((r) => r.state === 'stale').length, 0)
  } finally {
    await h.close()
    await sim.close()
  }
})
