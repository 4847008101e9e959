import assert from 'node:assert/strict'
import { after, before, beforeEach, test } from 'node:test'
import { verifyDelivery } from '../../verify'
import { CredentialsError, ProviderError } from '../errors'
import { rewriteOrigin } from '../simulators/deliver'
import { DROPLIT_SIM_DELETED_ECOSYSTEM, DROPLIT_SIM_ECOSYSTEM, DROPLIT_SIM_TOKEN, startSimulator, type DroplitSimulator } from '../simulators/droplit'
import { asVerifyRequest, PUBLIC_URL, recordingHttp, startCapture, withoutHeader, type CaptureServer } from '../testing/capture'
import { droplitConnector as c, droplitDescription, type DroplitOptions } from './connector'

let sim: DroplitSimulator
let capture: CaptureServer

before(async () => {
  capture = await startCapture()
  sim = await startSimulator({ deliverTo: rewriteOrigin(capture.url) })
})
after(async () => Promise.all([sim.close(), capture.close()]))
beforeEach(() => {
  sim.state.webhooks.clear()
  capture.requests.length = 0
})

function ctx(options: Partial<DroplitOptions> = {}, apiKey = DROPLIT_SIM_TOKEN, overrides = {}) {
  const rec = recordingHttp(overrides)
  const opts = c.validateOptions({ baseUrl: sim.url, ecosystemId: DROPLIT_SIM_ECOSYSTEM, ...options })
  return { ctx: { options: opts, apiKey, http: rec.http, publicUrl: PUBLIC_URL, receiverPath: '/hooks/droplit' }, sleeps: rec.sleeps }
}
const failure = (p: Promise<unknown>) => p.then(() => assert.fail('expected a rejection'), (e: unknown) => e)

test('options: documented base URL and the public-docs signature as defaults', () => {
  const o = c.validateOptions({ ecosystemId: 'E1' })
  assert.equal(o.baseUrl, 'https://ioe.droplit.io/api')
  assert.deepEqual(o.signature, { header: 'x-droplit-signature', algorithm: 'sha256', encoding: 'hex', prefix: '' })
  assert.equal(o.useSecret, true)
})

test('register: raw token, JSON content type, generated secret; the `desription` answer is read', async () => {
  const reg = await c.register(ctx({ description: 'Hooktray dev' }).ctx)
  const req = sim.requests.at(-1)!
  assert.equal(req.path, '/api/webhooks')
  assert.equal(req.headers.authorization, DROPLIT_SIM_TOKEN)
  assert.equal(req.headers['content-type'], 'application/json')
  const sent = JSON.parse(req.body) as Record<string, unknown>
  assert.deepEqual(Object.keys(sent).sort(), ['description', 'ecosystemId', 'secret', 'url'])
  assert.ok(req.responseBody.includes('"desription":"Hooktray dev"'))
  assert.equal(reg.remoteIds.length, 1)
  assert.equal(sim.state.webhooks.get(reg.remoteIds[0]!)?.secret, reg.secret)
  assert.deepEqual(reg.remote, [{ id: reg.remoteIds[0], url: `${PUBLIC_URL}/hooks/droplit`, events: [], disabled: false, description: 'Hooktray dev' }])
  assert.equal(droplitDescription({ description: 'x' }), 'x')
  assert.equal(droplitDescription({ desription: 'y' }), 'y')
})

test('signed deliveries verify; tampered and unsigned fail; no secret means nothing to verify', async () => {
  const reg = await c.register(ctx().ctx)
  await sim.deliver(reg.remoteIds[0]!)
  await sim.deliver(reg.remoteIds[0]!, { tamper: true })
  const [good, bad] = capture.requests
  const body = JSON.parse(good!.body.toString()) as { items: unknown[] }
  assert.equal(body.items.length, 1)
  assert.ok(good!.headers.some(([n]) => n === 'x-droplit-signature'))
  assert.deepEqual(verifyDelivery(reg.verify, asVerifyRequest(good!)), { result: 'verified' })
  assert.equal(verifyDelivery(reg.verify, asVerifyRequest(bad!)).result, 'failed')
  assert.equal(verifyDelivery(reg.verify, withoutHeader(good!, 'x-droplit-signature')).result, 'failed')

  const plain = await c.register({ ...ctx({ useSecret: false }).ctx, receiverPath: '/hooks/plain' })
  assert.equal(plain.verify, null)
  assert.equal('secret' in (JSON.parse(sim.requests.at(-1)!.body) as object), false)
  await sim.deliver(plain.remoteIds[0]!)
  const unsigned = capture.requests.at(-1)!
  assert.equal(unsigned.headers.some(([n]) => n === 'x-droplit-signature'), false)
  assert.equal(verifyDelivery(plain.verify, asVerifyRequest(unsigned)).result, 'not-configured')
})

test('a wrong token is a CredentialsError', async () => {
  const e = await failure(c.register(ctx({}, 'not-the-token').ctx))
  assert.ok(e instanceof CredentialsError && e.status === 401)
})

test('400 Ecosystem Invalid and 404 Ecosystem Not Found reach the user word for word', async () => {
  const inv = await failure(c.register(ctx({ ecosystemId: 'E-never-existed' }).ctx))
  assert.ok(inv instanceof ProviderError && inv.status === 400)
  assert.equal(inv.providerText, '{"error":"Ecosystem Invalid","message":"The ID given for an ecosystem was not valid."}')
  const gone = await failure(c.register(ctx({ ecosystemId: DROPLIT_SIM_DELETED_ECOSYSTEM }).ctx))
  assert.ok(gone instanceof ProviderError && gone.status === 404)
  assert.equal(gone.providerText, '{"error":"Ecosystem Not Found","message":"An ecosystem with the given ID was not found."}')
})

test('429 and 5xx are retried', async () => {
  sim.failNext(1, { status: 429, retryAfter: 1 })
  sim.failNext(1, { status: 502 })
  const a = ctx({}, DROPLIT_SIM_TOKEN, { baseDelayMs: 7 })
  const reg = await c.register(a.ctx)
  assert.deepEqual(a.sleeps, [1000, 14])
  assert.equal(sim.state.webhooks.size, 1)
  assert.ok(sim.state.webhooks.has(reg.remoteIds[0]!))
})
