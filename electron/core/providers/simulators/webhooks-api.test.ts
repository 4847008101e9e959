// Seed 004 against the WebhooksApi simulator over plain HTTP.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startSimulator, WEBHOOKS_API_SIM_KEY, type WebhooksApiSimulator } from './webhooks-api'

let sim: WebhooksApiSimulator
before(async () => (sim = await startSimulator()))
after(() => sim.close())

const BASE = '/api/web/v1/webhooks'
async function call(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${WEBHOOKS_API_SIM_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body }),
  })
  const text = await res.text()
  return { status: res.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined }
}

test('every operation answers 200 on success; delete and test have empty bodies; ids are UUIDs', async () => {
  const created = await call('POST', '', JSON.stringify({ callbackUrl: 'https://a.example/cb', events: ['x'] }))
  assert.equal(created.status, 200)
  const id = String(created.json?.id)
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  assert.equal((await call('GET', '')).status, 200)
  assert.equal((await call('GET', `/${id}`)).json?.callbackUrl, 'https://a.example/cb')
  assert.equal((await call('PUT', `/${id}`, JSON.stringify({ callbackUrl: 'https://b.example/cb' }))).json?.callbackUrl, 'https://b.example/cb')
  const test = await call('POST', `/test/${id}`)
  assert.deepEqual([test.status, test.text], [200, ''])
  assert.equal(sim.deliveries.at(-1)?.registeredUrl, 'https://b.example/cb')
  const del = await call('DELETE', `/${id}`)
  assert.deepEqual([del.status, del.text], [200, ''])
  assert.equal((await call('GET', `/${id}`)).status, 404)
})

test('400 for invalid bodies (missing/invalid callback, events not strings, wrong content type)', async () => {
  for (const body of ['{}', '[]', 'nope', '{"callbackUrl":"not a url"}', '{"callbackUrl":"https://x.example","events":[1]}']) {
    assert.equal((await call('POST', '', body)).status, 400, body)
  }
  const wrongType = await call('POST', '', '{"callbackUrl":"https://x.example"}', { 'content-type': 'text/plain' })
  assert.equal(wrongType.status, 400)
})

test('409 for a callback already registered, on create and on update', async () => {
  const a = await call('POST', '', JSON.stringify({ callbackUrl: 'https://dup.example/cb' }))
  const b = await call('POST', '', JSON.stringify({ callbackUrl: 'https://other.example/cb' }))
  assert.equal((await call('POST', '', JSON.stringify({ callbackUrl: 'https://dup.example/cb' }))).status, 409)
  assert.equal((await call('PUT', `/${String(b.json?.id)}`, JSON.stringify({ callbackUrl: 'https://dup.example/cb' }))).status, 409)
  // Re-sending a webhook's own callback in an update is not a conflict.
  assert.equal((await call('PUT', `/${String(a.json?.id)}`, JSON.stringify({ callbackUrl: 'https://dup.example/cb' }))).status, 200)
})

test('401 without a valid token, checked before anything else', async () => {
  for (const authorization of ['', WEBHOOKS_API_SIM_KEY, 'Bearer wrong']) {
    assert.equal((await call('GET', '/not-a-uuid', undefined, { authorization })).status, 401, authorization)
  }
})
