// Seed 003's rules against the Droplit simulator over HTTP, including the content-type rule.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { DROPLIT_SIM_DELETED_ECOSYSTEM as GONE, DROPLIT_SIM_ECOSYSTEM as ECO, DROPLIT_SIM_TOKEN, startSimulator, type DroplitSimulator } from './droplit'

let sim: DroplitSimulator
before(async () => (sim = await startSimulator()))
after(() => sim.close())

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}/webhooks`, { method: 'POST', headers: { authorization: DROPLIT_SIM_TOKEN, 'content-type': 'application/json', ...headers }, body })
  return { status: res.status, body: (await res.json()) as { error?: string; id?: string } }
}
const ok = JSON.stringify({ ecosystemId: ECO, url: 'https://example.com/cb' })

test('valid JSON with a wrong content type is 400 Body Parameters Missing; the same body as JSON is 201', async () => {
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', '']) {
    const r = await post(ok, { 'content-type': ct })
    assert.deepEqual([r.status, r.body.error], [400, 'Body Parameters Missing'], ct)
  }
  const created = await post(ok, { 'content-type': 'application/json; charset=utf-8' })
  assert.equal(created.status, 201)
  assert.deepEqual(Object.keys(created.body).sort(), ['createdAt', 'desription', 'disabled', 'ecosystemId', 'id', 'url'])
})

const cases: [string, unknown, number, string][] = [
  ['empty body object', {}, 400, 'Body Parameters Missing'],
  ['ecosystem missing', { url: 'https://example.com/cb' }, 400, 'Ecosystem Missing'],
  ['ecosystem invalid', { ecosystemId: 'nope', url: 'https://example.com/cb' }, 400, 'Ecosystem Invalid'],
  ['ecosystem not a string', { ecosystemId: 7, url: 'https://example.com/cb' }, 400, 'Ecosystem Invalid'],
  ['ecosystem no longer exists', { ecosystemId: GONE, url: 'https://example.com/cb' }, 404, 'Ecosystem Not Found'],
  ['callback missing', { ecosystemId: ECO }, 400, 'Webhook Callback Missing'],
  ['callback invalid', { ecosystemId: ECO, url: 'not a uri' }, 400, 'Webhook Callback Invalid'],
  ['callback with a non-http scheme', { ecosystemId: ECO, url: 'ftp://example.com/x' }, 400, 'Webhook Callback Invalid'],
]
for (const [name, body, status, error] of cases) {
  test(`POST /webhooks: ${name} → ${status} ${error}`, async () => {
    const r = await post(JSON.stringify(body))
    assert.deepEqual([r.status, r.body.error], [status, error])
  })
}

test('the token goes in raw: a Bearer-prefixed, missing or unknown token is refused', async () => {
  for (const authorization of [`Bearer ${DROPLIT_SIM_TOKEN}`, '', 'other-token']) {
    assert.equal((await post(ok, { authorization })).status, 401, authorization)
  }
  assert.equal((await post('{not json')).body.error, 'Body Parameters Missing')
})
