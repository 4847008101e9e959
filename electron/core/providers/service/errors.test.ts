// Failures as the documents define them: 401/403 on the connection, the provider's 4xx text word
// for word, a half-made MyCirrus group kept track of, bad input refused, secrets never shown.
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { ApiError } from '../../../../shared/contract'
import { startSimulator as startAi, AI_SIM_TOKEN } from '../simulators/aggregate-intelligence'
import { startSimulator as startDroplit, DROPLIT_SIM_DELETED_ECOSYSTEM, DROPLIT_SIM_TOKEN } from '../simulators/droplit'
import { startSimulator as startMyCirrus, MYCIRRUS_SIM_KEY } from '../simulators/mycirrus'
import { startSimulator as startWebhooksApi, WEBHOOKS_API_SIM_KEY } from '../simulators/webhooks-api'
import { serialised, startHarness } from './test-harness'

const URL_ONE = 'https://one.example.test'
const rejects = (p: Promise<unknown>, status: number, re: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof ApiError && e.status === status && re.test(e.message))

test('401 from MyCirrus is a credentials problem on the connection; new credentials retry and clear it', async () => {
  const sim = await startMyCirrus({ keys: { [MYCIRRUS_SIM_KEY]: { scopes: ['webhooks:write', 'webhooks:read'] }, 'expired-key-0001': { scopes: ['webhooks:write'], expired: true } } })
  const h = startHarness(URL_ONE)
  try {
    const conn = await h.call('createConnection', { provider: 'mycirrus', name: 'Lab', baseUrl: sim.url, credentials: { apiKey: 'expired-key-0001' } })
    const reg = await h.call('createRegistration', { connectionId: conn.id, options: { instrument: 'QT123456' } })
    const text = 'Your access token is invalid or has expired. Try refreshing the token.'
    assert.deepEqual([reg.state, reg.errorKind, reg.error], ['failed', 'credentials', text])
    assert.match(reg.notice ?? '', /connection "Lab"/)
    await h.service.idle()
    assert.equal((await h.call('listConnections', {})).items[0]!.credentialsError, text)

    const fixed = await h.call('updateConnection', { id: conn.id, credentials: { apiKey: MYCIRRUS_SIM_KEY } })
    assert.equal(fixed.credentialsError, null)
    await h.service.idle()
    const after = await h.call('getRegistration', { id: reg.id })
    assert.deepEqual([after.state, after.error], ['registered', null])
    assert.equal(sim.state.webhooks.size, 1)
  } finally {
    await h.close()
    await sim.close()
  }
})

test("each provider's 4xx text is shown word for word", async () => {
  const mc = await startMyCirrus()
  const dl = await startDroplit()
  const wa = await startWebhooksApi()
  const ai = await startAi()
  const h = startHarness(null)
  try {
    const mcConn = await h.call('createConnection', { provider: 'mycirrus', name: 'm', baseUrl: mc.url, credentials: { apiKey: MYCIRRUS_SIM_KEY } })
    const dlConn = await h.call('createConnection', { provider: 'droplit', name: 'd', baseUrl: dl.url, credentials: { token: DROPLIT_SIM_TOKEN } })
    const waConn = await h.call('createConnection', { provider: 'webhooks-api', name: 'w', baseUrl: wa.url, credentials: { token: WEBHOOKS_API_SIM_KEY } })
    const aiConn = await h.call('createConnection', { provider: 'aggregate-intelligence', name: 'a', baseUrl: ai.url, credentials: { accessToken: 'wrong-token-000' } })
    const mcReg = await h.call('createRegistration', { connectionId: mcConn.id, options: { instrument: 'QT000000' } })
    const dlReg = await h.call('createRegistration', { connectionId: dlConn.id, options: { ecosystemId: DROPLIT_SIM_DELETED_ECOSYSTEM } })
    const waReg = await h.call('createRegistration', { connectionId: waConn.id, options: { events: ['a'] } })
    const aiReg = await h.call('createRegistration', { connectionId: aiConn.id, options: { authType: 'bearer' } })
    // Another client already registered the very URL this registration will get: 409.
    wa.state.webhooks.set('6f0c1b8e-1b1a-4c1e-9d7e-000000000001', { id: '6f0c1b8e-1b1a-4c1e-9d7e-000000000001', callbackUrl: `${URL_ONE}${waReg.receiverPath}`, events: [], createdAt: '2025-01-01T00:00:00Z' })
    await h.setPublicUrl(URL_ONE)

    const get = (id: string) => h.call('getRegistration', { id })
    const mcAfter = await get(mcReg.id)
    assert.deepEqual([mcAfter.state, mcAfter.errorKind, mcAfter.error], ['failed', 'rejected', 'The instrument QT000000 could not be found.'])
    const dlAfter = await get(dlReg.id)
    assert.deepEqual([dlAfter.state, dlAfter.errorKind], ['failed', 'rejected'])
    assert.equal(dlAfter.error, dl.requests.at(-1)!.responseBody, 'Droplit documents no error text field: the whole body')
    assert.match(dlAfter.error ?? '', /Ecosystem Not Found/)
    const waAfter = await get(waReg.id)
    assert.equal(waAfter.error, wa.requests.filter((r) => r.method === 'POST').at(-1)!.responseBody)
    assert.match(waAfter.error ?? '', /already registered/)
    const aiAfter = await get(aiReg.id)
    assert.deepEqual([aiAfter.state, aiAfter.errorKind], ['failed', 'credentials'])
    assert.equal(aiAfter.error, ai.requests.at(-1)!.responseBody)
    assert.equal((await h.call('listConnections', {})).items.find((c) => c.id === aiConn.id)!.credentialsError, aiAfter.error)
  } finally {
    await h.close()
    await Promise.all([mc.close(), dl.close(), wa.close(), ai.close()])
  }
})

test('a MyCirrus group that fails half-way keeps the created webhooks on record as stale', async () => {
  const sim = await startMyCirrus()
  // A pass-through proxy that answers the second POST the way MyCirrus answers a bad request.
  let posts = 0
  const proxy = http.createServer((req, res) => {
    if (req.method === 'POST' && ++posts === 2) {
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'MissingParam', description: 'The required parameter type was missing from the request.' }))
      req.resume()
      return
    }
    const up = http.request(new URL(req.url!, new URL(sim.url).origin), { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers)
      r.pipe(res)
    })
    req.pipe(up)
  })
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r))
  const h = startHarness(URL_ONE)
  try {
    const base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v1`
    const conn = await h.call('createConnection', { provider: 'mycirrus', name: 'Lab', baseUrl: base, credentials: { apiKey: MYCIRRUS_SIM_KEY } })
    const reg = await h.call('createRegistration', { connectionId: conn.id, options: { instrument: 'QT123456', types: ['NewMeasurement', 'NewEvent', 'SicFinished'] } })
    assert.deepEqual([reg.state, reg.error], ['failed', 'The required parameter type was missing from the request.'])
    assert.equal(sim.state.webhooks.size, 1)
    const stale = (await h.call('listRegistrations', {})).items.filter((r) => r.state === 'stale')
    assert.deepEqual(stale.map((r) => r.remoteIds), [[...sim.state.webhooks.keys()]])
    await h.service.idle()
    const orphans = await h.call('findOrphans', { connectionId: conn.id })
    assert.deepEqual(orphans.items, [], 'tracked as stale, so not an orphan')
  } finally {
    await h.close()
    await sim.close()
    proxy.closeAllConnections()
    await new Promise((r) => proxy.close(r))
  }
})

test('bad input is refused before any request, naming the field', async () => {
  const h = startHarness(URL_ONE)
  try {
    await rejects(h.call('createConnection', { provider: 'mycirrus', name: 'x', credentials: {} }), 400, /credentials\.apiKey is required/)
    await rejects(h.call('createConnection', { provider: 'webhooks-api', name: 'x', credentials: { token: 't' } }), 400, /baseUrl is required/)
    await rejects(h.call('createConnection', { provider: 'droplit', name: 'x', baseUrl: 'ftp://x', credentials: { token: 't' } }), 400, /http\(s\) URL/)
    await rejects(h.call('createConnection', { provider: 'generic', name: 'x', baseUrl: 'http://127.0.0.1:9', credentials: { apiKey: 'k' } }), 400, /options: create/)
    await rejects(h.call('createConnection', { provider: 'nope' as 'generic', name: 'x', credentials: {} }), 400, /provider/)
    const conn = await h.call('createConnection', { provider: 'mycirrus', name: 'x', baseUrl: 'http://127.0.0.1:9/v1', credentials: { apiKey: 'k' } })
    await rejects(h.call('createRegistration', { connectionId: conn.id, options: {} }), 400, /options: instrument/)
    await rejects(h.call('createRegistration', { connectionId: conn.id, options: { instrument: 'QT1', types: ['Nope'] } }), 400, /types/)
    await rejects(h.call('createRegistration', { connectionId: conn.id, options: { instrument: 'QT1' }, forwardTo: 'localhost:3000' }), 400, /forwardTo/)
    await rejects(h.call('createRegistration', { connectionId: 'missing', options: {} }), 404, /connection missing/)
    await rejects(h.call('deleteRegistration', { id: 'missing' }), 404, /registration missing/)
    await rejects(h.call('setProviderSettings', { failedVerificationStatus: 99 }), 400, /failedVerificationStatus/)
    assert.equal((await h.call('listRegistrations', {})).items.length, 0)
  } finally {
    await h.close()
  }
})

test('credentials and secrets never leave the API in full, and are not stored in plain text', async () => {
  const mc = await startMyCirrus()
  const ai = await startAi()
  const h = startHarness(URL_ONE)
  try {
    const chosen = 'my-own-mycirrus-secret-0123456789'
    const mcConn = await h.call('createConnection', { provider: 'mycirrus', name: 'm', baseUrl: mc.url, credentials: { apiKey: MYCIRRUS_SIM_KEY } })
    const aiConn = await h.call('createConnection', { provider: 'aggregate-intelligence', name: 'a', baseUrl: ai.url, credentials: { accessToken: AI_SIM_TOKEN } })
    const mcReg = await h.call('createRegistration', { connectionId: mcConn.id, options: { instrument: 'QT123456', secret: chosen } })
    const aiReg = await h.call('createRegistration', { connectionId: aiConn.id, options: { authType: 'querystring' } })
    assert.equal(mcReg.state, 'registered')
    assert.equal(mc.state.webhooks.get(mcReg.remoteIds[0]!)!.secret, chosen, 'the chosen secret was registered')
    assert.equal(mcReg.options.secret, undefined)
    const token = [...ai.state.webhooks.values()][0]!.token!
    await h.service.idle()
    const output = serialised([
      await h.call('listConnections', {}),
      await h.call('listRegistrations', { includeRemoved: true }),
      await h.call('getRegistration', { id: aiReg.id }),
      h.events,
    ])
    for (const secret of [MYCIRRUS_SIM_KEY, AI_SIM_TOKEN, chosen, token]) assert.equal(output.includes(secret), false, `${secret.slice(0, 4)}… leaked`)
    assert.match(output, /sim-…-key/)
    const db = h.service.env.connections
    const raw = serialised(db.all().map((c) => c.credentials.toString('latin1')))
    for (const secret of [MYCIRRUS_SIM_KEY, AI_SIM_TOKEN]) assert.equal(raw.includes(secret), false)
    const material = h.service.env.registrations.get(mcReg.id)!.secrets!.toString('latin1')
    assert.equal(material.includes(chosen), false)
  } finally {
    await h.close()
    await Promise.all([mc.close(), ai.close()])
  }
})

test('registration options: MyCirrus `type` is one type; a misspelt field or a secret another provider generates is refused', async () => {
  const mc = await startMyCirrus()
  const dl = await startDroplit()
  const h = startHarness(URL_ONE)
  try {
    const mcConn = await h.call('createConnection', { provider: 'mycirrus', name: 'm', baseUrl: mc.url, credentials: { apiKey: MYCIRRUS_SIM_KEY } })
    const dlConn = await h.call('createConnection', { provider: 'droplit', name: 'd', baseUrl: dl.url, credentials: { token: DROPLIT_SIM_TOKEN } })
    const reg = await h.call('createRegistration', { connectionId: mcConn.id, options: { instrument: 'QT123456', type: 'NewEvent' } })
    assert.equal(reg.state, 'registered')
    assert.deepEqual(reg.options.types, ['NewEvent'])
    assert.deepEqual([...mc.state.webhooks.values()].map((w) => w.type), ['NewEvent'])
    await rejects(h.call('createRegistration', { connectionId: mcConn.id, options: { instrument: 'QT123456', type: 'NewEvent', types: ['NewEvent'] } }), 400, /either type or types/)
    await rejects(h.call('createRegistration', { connectionId: mcConn.id, options: { instrument: 'QT123456', tpye: 'NewEvent' } }), 400, /unknown field "tpye" for mycirrus/)
    const before = (await h.call('listRegistrations', {})).items.length
    await rejects(h.call('createRegistration', { connectionId: dlConn.id, options: { ecosystemId: 'eco-1', secret: 'my-own-secret-123' } }), 400, /options\.secret: droplit generates its own/)
    assert.equal((await h.call('listRegistrations', {})).items.length, before, 'nothing stored for a refused registration')
    assert.equal(JSON.stringify(await h.call('listRegistrations', {})).includes('my-own-secret-123'), false)
  } finally {
    await h.close()
    await mc.close()
    await dl.close()
  }
})
