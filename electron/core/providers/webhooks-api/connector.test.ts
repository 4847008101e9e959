import assert from 'node:assert/strict'
import { after, before, beforeEach, test } from 'node:test'
import { verifyDelivery } from '../../verify'
import { CredentialsError, ProviderError, ProviderUnavailableError } from '../errors'
import { rewriteOrigin } from '../simulators/deliver'
import { startSimulator, WEBHOOKS_API_SIM_KEY, type WebhooksApiSimulator, type WebhooksPermission } from '../simulators/webhooks-api'
import { asVerifyRequest, PUBLIC_URL, recordingHttp, startCapture, withoutHeader, type CaptureServer } from '../testing/capture'
import { webhooksApiConnector as c, type WebhooksApiOptions } from './connector'

let sim: WebhooksApiSimulator
let capture: CaptureServer
const only = (...permissions: WebhooksPermission[]) => ({ permissions })
const KEYS = {
  [WEBHOOKS_API_SIM_KEY]: only('WEBHOOKS:ADD', 'WEBHOOKS:VIEW', 'WEBHOOKS:EDIT', 'WEBHOOKS:REMOVE'),
  'key-view-only-0001': only('WEBHOOKS:VIEW'),
  'key-add-only-00001': only('WEBHOOKS:ADD'),
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

before(async () => {
  capture = await startCapture()
  sim = await startSimulator({ keys: KEYS, secretField: 'secret', deliverTo: rewriteOrigin(capture.url) })
})
after(async () => Promise.all([sim.close(), capture.close()]))
beforeEach(() => {
  sim.state.webhooks.clear()
  capture.requests.length = 0
})

function ctx(options: Partial<WebhooksApiOptions> = {}, apiKey = WEBHOOKS_API_SIM_KEY, overrides = {}) {
  const rec = recordingHttp(overrides)
  const opts = c.validateOptions({ baseUrl: sim.url, events: ['order.created'], secretField: 'secret', ...options })
  return { ctx: { options: opts, apiKey, http: rec.http, publicUrl: PUBLIC_URL, receiverPath: '/hooks/wa' }, sleeps: rec.sleeps }
}
const failure = (p: Promise<unknown>) => p.then(() => assert.fail('expected a rejection'), (e: unknown) => e)

test('register → get → list → update (PUT) → unregister, against the seed paths', async () => {
  const reg = await c.register(ctx().ctx)
  assert.match(reg.remoteIds[0]!, UUID)
  const req = sim.requests.at(-1)!
  assert.deepEqual([req.method, req.path, req.headers.authorization], ['POST', '/api/web/v1/webhooks', `Bearer ${WEBHOOKS_API_SIM_KEY}`])
  assert.deepEqual(JSON.parse(req.body), { callbackUrl: `${PUBLIC_URL}/hooks/wa`, events: ['order.created'], secret: reg.secret })
  const id = reg.remoteIds[0]!
  assert.deepEqual(await c.get!(ctx().ctx, id), { id, url: `${PUBLIC_URL}/hooks/wa`, events: ['order.created'] })

  const moved = await c.update!({ ...ctx().ctx, publicUrl: 'https://new-name.trycloudflare.com' }, reg)
  assert.deepEqual(moved.remoteIds, [id])
  assert.equal(moved.secret, reg.secret)
  assert.deepEqual([sim.requests.at(-1)?.method, sim.requests.at(-1)?.path], ['PUT', `/api/web/v1/webhooks/${id}`])
  assert.equal(sim.state.webhooks.get(id)?.callbackUrl, 'https://new-name.trycloudflare.com/hooks/wa')

  const listed = await c.list!(ctx().ctx)
  assert.deepEqual(listed.map((w) => [w.id, w.url]), [[id, 'https://new-name.trycloudflare.com/hooks/wa']])

  await c.unregister!(ctx().ctx, [id])
  assert.equal(sim.state.webhooks.size, 0)
  await c.unregister!(ctx().ctx, [id]) // already gone (404) counts as deleted
  assert.equal(sim.requests.at(-1)?.status, 404)
})

test('sendTest makes the provider POST a dummy payload that verifies; tampered/unsigned fail', async () => {
  const reg = await c.register(ctx().ctx)
  await c.sendTest!(ctx().ctx, reg.remoteIds[0]!)
  assert.deepEqual([sim.requests.at(-1)?.method, sim.requests.at(-1)?.path], ['POST', `/api/web/v1/webhooks/test/${reg.remoteIds[0]}`])
  const got = capture.requests[0]!
  assert.equal(got.path, '/hooks/wa')
  assert.equal((JSON.parse(got.body.toString()) as { event: string }).event, 'webhook.test')
  assert.deepEqual(verifyDelivery(reg.verify, asVerifyRequest(got)), { result: 'verified' })
  assert.equal(verifyDelivery(reg.verify, withoutHeader(got, 'X-Webhook-Signature')).result, 'failed')
  await sim.deliver(reg.remoteIds[0]!, { tamper: true })
  assert.equal(verifyDelivery(reg.verify, asVerifyRequest(capture.requests[1]!)).result, 'failed')
})

test('without a secret field no secret is sent and verification is not configured', async () => {
  const reg = await c.register(ctx({ secretField: undefined }).ctx)
  assert.equal('secret' in (JSON.parse(sim.requests.at(-1)!.body) as object), false)
  assert.equal(reg.verify, null)
})

test('409 when the same callback is already registered, word for word', async () => {
  await c.register(ctx().ctx)
  const e = await failure(c.register(ctx().ctx))
  assert.ok(e instanceof ProviderError && e.status === 409)
  assert.equal(
    e.providerText,
    `{"status":409,"error":"Conflict","message":"A webhook with callbackUrl ${PUBLIC_URL}/hooks/wa is already registered.","path":"/api/web/v1/webhooks"}`,
  )
})

test('404 for an unknown UUID, 400 for a malformed id or an invalid body', async () => {
  const unknown = '3f2b8c1e-0000-4000-8000-000000000000'
  const nf = await failure(c.get!(ctx().ctx, unknown))
  assert.ok(nf instanceof ProviderError && nf.status === 404)
  assert.match(nf.providerText, new RegExp(`"message":"Webhook ${unknown} not found."`))
  const bad = await failure(c.sendTest!(ctx().ctx, 'not-a-uuid'))
  assert.ok(bad instanceof ProviderError && bad.status === 400)
  assert.match(bad.providerText, /"message":"not-a-uuid is not a valid UUID."/)
  // The field name is a setting: a connector configured with the wrong one gets the 400 verdict.
  const body = await failure(c.register(ctx({ callbackField: 'url' }).ctx))
  assert.ok(body instanceof ProviderError && body.status === 400)
  assert.match(body.providerText, /"message":"callbackUrl is required."/)
  const upd = await failure(c.update!(ctx().ctx, { remoteIds: [unknown], targetUrl: '', verify: null, remote: [] }))
  assert.ok(upd instanceof ProviderError && upd.status === 404)
})

test('401 for an unknown key, 403 for each missing permission', async () => {
  const e401 = await failure(c.list!(ctx({}, 'key-nobody-000001').ctx))
  assert.ok(e401 instanceof CredentialsError && e401.status === 401)
  const reg = await c.register(ctx().ctx)
  const id = reg.remoteIds[0]!
  const checks: [string, () => Promise<unknown>, string][] = [
    ['create', () => c.register(ctx({}, 'key-view-only-0001').ctx), 'WEBHOOKS:ADD'],
    ['update', () => c.update!(ctx({}, 'key-view-only-0001').ctx, reg), 'WEBHOOKS:EDIT'],
    ['test', () => c.sendTest!(ctx({}, 'key-view-only-0001').ctx, id), 'WEBHOOKS:EDIT'],
    ['delete', () => c.unregister!(ctx({}, 'key-view-only-0001').ctx, [id]), 'WEBHOOKS:REMOVE'],
    ['list', () => c.list!(ctx({}, 'key-add-only-00001').ctx), 'WEBHOOKS:VIEW'],
    ['get', () => c.get!(ctx({}, 'key-add-only-00001').ctx, id), 'WEBHOOKS:VIEW'],
  ]
  for (const [name, p, permission] of checks) {
    const e = await failure(p())
    assert.ok(e instanceof CredentialsError && e.status === 403, name)
    assert.match(e.message, new RegExp(`Caller is required to have ${permission} permission`), name)
  }
  assert.equal(sim.state.webhooks.size, 1)
})

test('429 with Retry-After and 5xx are retried; exhaustion is ProviderUnavailableError', async () => {
  sim.failNext(2, { status: 429, retryAfter: 2 })
  const a = ctx()
  await c.register(a.ctx)
  assert.deepEqual(a.sleeps, [2000, 2000])
  sim.failNext(4, { status: 500 })
  const e = await failure(c.list!(ctx({}, WEBHOOKS_API_SIM_KEY, { maxRetries: 3 }).ctx))
  assert.ok(e instanceof ProviderUnavailableError && e.attempts === 4)
})
