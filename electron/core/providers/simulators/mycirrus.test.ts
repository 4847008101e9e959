// Seeds 000/001 against the MyCirrus simulator over plain HTTP: what the connector tests rely on.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { MYCIRRUS_SIM_KEY, startSimulator, type MyCirrusSimulator } from './mycirrus'

let sim: MyCirrusSimulator
before(async () => (sim = await startSimulator({ keys: { [MYCIRRUS_SIM_KEY]: { scopes: ['webhooks:write', 'webhooks:read'] } } })))
after(() => sim.close())

async function call(method: string, path: string, body?: unknown, key = MYCIRRUS_SIM_KEY) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'X-Api-Key': key, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
const hook = { type: 'NewMeasurement', instrument: 'QT123456', url: 'https://example.com/mywebhook' }

test('201 returns the webhook object; the id is server-assigned; a blank secret is generated', async () => {
  const r = await call('POST', '/webhooks', { ...hook, id: 'client-chosen', secret: '' })
  assert.equal(r.status, 201)
  assert.deepEqual(Object.keys(r.body).sort(), ['id', 'instrument', 'secret', 'type', 'url'])
  assert.notEqual(r.body.id, 'client-chosen')
  assert.match(String(r.body.id), /^[0-9a-f]{12}$/)
  assert.match(String(r.body.secret), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  const got = await call('GET', `/webhooks/${String(r.body.id)}`)
  assert.deepEqual(got, { status: 200, body: r.body })
})

test('every documented 400: each missing parameter, unknown instrument, non-HTTPS url, bad type', async () => {
  for (const p of ['type', 'instrument', 'url'] as const) {
    const r = await call('POST', '/webhooks', { ...hook, [p]: undefined })
    assert.deepEqual(r, { status: 400, body: { error: 'MissingParam', description: `The required parameter ${p} was missing from the request.` } })
  }
  assert.deepEqual((await call('POST', '/webhooks', { ...hook, instrument: 'QT000001' })).body, {
    error: 'NotFound',
    description: 'The instrument QT000001 could not be found.',
  })
  assert.equal((await call('POST', '/webhooks', { ...hook, url: 'http://example.com/x' })).status, 400)
  assert.equal((await call('POST', '/webhooks', { ...hook, url: 'not a url' })).status, 400)
  assert.equal((await call('POST', '/webhooks', { ...hook, type: 'Other' })).status, 400)
})

test('401 TokenExpired without a valid key; no DELETE or PUT exists', async () => {
  assert.deepEqual(await call('GET', '/webhooks', undefined, 'wrong'), {
    status: 401,
    body: { error: 'TokenExpired', description: 'Your access token is invalid or has expired. Try refreshing the token.' },
  })
  assert.equal((await call('DELETE', '/webhooks/abc')).status, 405)
  assert.equal((await call('PUT', '/webhooks/abc', hook)).status, 405)
})

test('injected faults: documented 429 body with Retry-After, then 5xx, then normal service', async () => {
  sim.failNext(1, { retryAfter: 9 })
  sim.failNext(1, { status: 503 })
  const r429 = await fetch(`${sim.url}/webhooks`, { headers: { 'X-Api-Key': MYCIRRUS_SIM_KEY } })
  assert.equal(r429.status, 429)
  assert.equal(r429.headers.get('retry-after'), '9')
  assert.deepEqual(await r429.json(), { error: 'TooManyRequests', description: 'You have made too many requests in a short time. Please wait before trying again.' })
  assert.equal((await call('GET', '/webhooks')).status, 503)
  assert.equal((await call('GET', '/webhooks')).status, 200)
})
