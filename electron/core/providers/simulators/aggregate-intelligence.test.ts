// Seed 002's validation rules, checked one by one against the simulator over HTTP, so the
// connector tests above run against a server that really enforces them.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AI_SIM_TOKEN, startSimulator, type AiSimulator } from './aggregate-intelligence'

let sim: AiSimulator
before(async () => (sim = await startSimulator()))
after(() => sim.close())

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${AI_SIM_TOKEN}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as { message: string } }
}

const endpoint = 'https://example.com/webhook'
const cases: [string, Record<string, unknown>, number, string][] = [
  ['none with a token', { endpoint, authType: 'none', token: 't' }, 400, 'userName, password and token must not be provided when authType is none.'],
  ['none with userName', { endpoint, authType: 'none', userName: 'u' }, 400, 'userName, password and token must not be provided when authType is none.'],
  ['none with password', { endpoint, authType: 'none', password: 'p' }, 400, 'userName, password and token must not be provided when authType is none.'],
  ['basic without password', { endpoint, authType: 'basic', userName: 'u' }, 400, 'userName and password are required when authType is basic.'],
  ['basic without userName', { endpoint, authType: 'basic', password: 'p' }, 400, 'userName and password are required when authType is basic.'],
  ['basic with a token too', { endpoint, authType: 'basic', userName: 'u', password: 'p', token: 't' }, 400, 'Provide either user credentials (userName/password) or a token, but not both.'],
  ['bearer with userName too', { endpoint, authType: 'bearer', token: 't', userName: 'u' }, 400, 'Provide either user credentials (userName/password) or a token, but not both.'],
  ['querystring without token', { endpoint, authType: 'querystring' }, 400, 'token is required when authType is querystring.'],
  ['authheader without token', { endpoint, authType: 'authheader' }, 400, 'token is required when authType is authheader.'],
  ['header without token', { endpoint, authType: 'header' }, 400, 'token is required when authType is header.'],
  ['bearer without token', { endpoint, authType: 'bearer' }, 400, 'token is required when authType is bearer.'],
  ['unknown authType', { endpoint, authType: 'digest', token: 't' }, 400, 'authType must be one of none, basic, querystring, authheader, header, bearer.'],
  ['missing authType', { endpoint }, 400, 'authType is required.'],
  ['missing endpoint', { authType: 'none' }, 400, 'endpoint is required.'],
  ['endpoint not a URL', { endpoint: 'not a url', authType: 'none' }, 400, 'endpoint must be a valid URL.'],
  ['isAlertHook not boolean', { endpoint, authType: 'none', isAlertHook: 'yes' }, 400, 'isAlertHook must be a boolean.'],
  ['token not a string', { endpoint, authType: 'bearer', token: 42 }, 400, 'token must be a string.'],
  ['valid none', { endpoint, authType: 'none', isAlertHook: false }, 201, 'Webhook created successfully'],
  ['valid basic', { endpoint, authType: 'basic', userName: 'u', password: 'p' }, 201, 'Webhook created successfully'],
  ['valid header', { endpoint, authType: 'header', token: 't' }, 201, 'Webhook created successfully'],
]

for (const [name, body, status, message] of cases) {
  test(`POST /webhooks: ${name} → ${status}`, async () => {
    assert.deepEqual(await post(body), { status, body: { message } })
  })
}

test('auth: missing, wrong scheme and unknown tokens are 401; non-JSON body is 400', async () => {
  const ok = { endpoint, authType: 'none' }
  for (const authorization of ['', AI_SIM_TOKEN, `Basic ${AI_SIM_TOKEN}`, 'Bearer other']) {
    assert.equal((await post(ok, { authorization })).status, 401, authorization)
  }
  assert.equal((await post('not json')).status, 400)
  assert.equal((await fetch(`${sim.url}/webhooks`)).status, 405)
})
