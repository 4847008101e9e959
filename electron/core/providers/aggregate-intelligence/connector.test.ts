import assert from 'node:assert/strict'
import { after, before, beforeEach, test } from 'node:test'
import { authTypes, verifyDelivery, type AuthType } from '../../verify'
import { CredentialsError, ProviderError, ProviderUnavailableError } from '../errors'
import { startSimulator, AI_SIM_TOKEN, type AiSimulator } from '../simulators/aggregate-intelligence'
import { rewriteOrigin } from '../simulators/deliver'
import { asVerifyRequest, PUBLIC_URL, recordingHttp, startCapture, type CaptureServer } from '../testing/capture'
import { aggregateIntelligenceConnector as c, type AggregateIntelligenceOptions } from './connector'

let sim: AiSimulator
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

function ctx(options: Partial<AggregateIntelligenceOptions> = {}, apiKey = AI_SIM_TOKEN, overrides = {}) {
  const rec = recordingHttp(overrides)
  const opts = c.validateOptions({ baseUrl: sim.url, ...options })
  return { ctx: { options: { ...opts, ...options }, apiKey, http: rec.http, publicUrl: PUBLIC_URL, receiverPath: '/hooks/ai' }, sleeps: rec.sleeps }
}
const failure = (p: Promise<unknown>) => p.then(() => assert.fail('expected a rejection'), (e: unknown) => e)
const onlyHook = () => [...sim.state.webhooks.values()][0]!

test('each authType registers a generated credential that real deliveries carry and verify', async () => {
  for (const authType of authTypes.filter((t) => t !== 'none')) {
    sim.state.webhooks.clear()
    capture.requests.length = 0
    const reg = await c.register(ctx({ authType, isAlertHook: true }).ctx)
    assert.deepEqual(reg.remoteIds, [], 'the 201 body carries no id')
    const sent = JSON.parse(sim.requests.at(-1)!.body) as Record<string, unknown>
    assert.equal(sim.requests.at(-1)?.headers.authorization, `Bearer ${AI_SIM_TOKEN}`)
    assert.equal(sim.requests.at(-1)?.responseBody, '{"message":"Webhook created successfully"}')
    assert.equal(sent.endpoint, `${PUBLIC_URL}/hooks/ai`)
    assert.equal(sent.isAlertHook, true)
    if (authType === 'basic') assert.ok(typeof sent.userName === 'string' && typeof sent.password === 'string' && !('token' in sent))
    else assert.ok(typeof sent.token === 'string' && !('userName' in sent) && !('password' in sent))
    const hook = onlyHook()
    await sim.deliver(hook.id)
    await sim.deliver(hook.id, { tamper: true })
    const [good, bad] = capture.requests
    assert.equal(good?.path, '/hooks/ai')
    assert.deepEqual(verifyDelivery(reg.verify, asVerifyRequest(good!)), { result: 'verified' }, authType)
    assert.equal(verifyDelivery(reg.verify, asVerifyRequest(bad!)).result, 'failed', authType)
    assert.equal(verifyDelivery(reg.verify, { headers: [['Content-Type', 'application/json']], body: good!.body, query: '' }).result, 'failed')
  }
})

test('the credential lands exactly where each authType puts it', async () => {
  const where: Record<Exclude<AuthType, 'none'>, (r: NonNullable<typeof capture.requests[0]>) => string | undefined> = {
    basic: (r) => r.headers.find(([n]) => n === 'Authorization')?.[1].split(' ')[0],
    querystring: (r) => (new URLSearchParams(r.query).has('token') ? 'token' : undefined),
    authheader: (r) => (r.headers.find(([n]) => n === 'Authorization')?.[1].includes(' ') ? 'spaced' : 'raw'),
    header: (r) => r.headers.find(([n]) => n === 'X-Webhook-Token')?.[0],
    bearer: (r) => r.headers.find(([n]) => n === 'Authorization')?.[1].split(' ')[0],
  }
  const expected = { basic: 'Basic', querystring: 'token', authheader: 'raw', header: 'X-Webhook-Token', bearer: 'Bearer' }
  for (const authType of Object.keys(where) as (keyof typeof where)[]) {
    sim.state.webhooks.clear()
    capture.requests.length = 0
    await c.register(ctx({ authType }).ctx)
    await sim.deliver(onlyHook().id)
    assert.equal(where[authType](capture.requests[0]!), expected[authType], authType)
  }
})

test('authType none sends no credential; verification is not configured', async () => {
  const reg = await c.register(ctx({ authType: 'none' }).ctx)
  const sent = JSON.parse(sim.requests.at(-1)!.body) as Record<string, unknown>
  assert.deepEqual(Object.keys(sent).sort(), ['authType', 'endpoint'])
  assert.equal(reg.verify, null)
  assert.equal(reg.credential, undefined)
  await sim.deliver(onlyHook().id)
  assert.equal(verifyDelivery(reg.verify, asVerifyRequest(capture.requests[0]!)).result, 'not-configured')
})

test('custom query parameter and header names are honoured on both sides', async () => {
  const capture2 = await startCapture()
  const sim2 = await startSimulator({ queryParam: 'key', headerName: 'X-Auth', deliverTo: rewriteOrigin(capture2.url) })
  try {
    for (const authType of ['querystring', 'header'] as const) {
      const reg = await c.register(ctx({ baseUrl: sim2.url, authType, queryParam: 'key', headerName: 'X-Auth' }).ctx)
      await sim2.deliver([...sim2.state.webhooks.keys()].at(-1)!)
      assert.equal(verifyDelivery(reg.verify, asVerifyRequest(capture2.requests.at(-1)!)).result, 'verified')
    }
    assert.ok(new URLSearchParams(capture2.requests[0]!.query).has('key'))
  } finally {
    await Promise.all([sim2.close(), capture2.close()])
  }
})

test('a credential from an earlier registration is reused when the authType matches', async () => {
  const first = await c.register(ctx({ authType: 'header' }).ctx)
  const again = await c.register({ ...ctx({ authType: 'header' }).ctx, generated: { credential: first.credential! } })
  assert.deepEqual(again.credential, first.credential)
  const changed = await c.register({ ...ctx({ authType: 'basic' }).ctx, generated: { credential: first.credential! } })
  assert.equal(changed.credential?.authType, 'basic')
})

test('401 for a bad access token is a CredentialsError', async () => {
  const e = await failure(c.register(ctx({}, 'wrong-token-value').ctx))
  assert.ok(e instanceof CredentialsError && e.status === 401)
  assert.equal(e.message, '{"message":"Unauthorized – Authentication credentials are invalid or missing."}')
})

test('a 400 verdict reaches the user word for word', async () => {
  const { ctx: x } = ctx()
  const e = await failure(c.register({ ...x, options: { ...x.options, authType: 'digest' as AuthType } }))
  assert.ok(e instanceof ProviderError && e.status === 400)
  assert.equal(e.providerText, '{"message":"authType must be one of none, basic, querystring, authheader, header, bearer."}')
})

test('429 and 500 are retried; the generated token never appears in the final error', async () => {
  sim.failNext(1, { status: 429, retryAfter: 5 })
  sim.failNext(1, { status: 500 })
  const a = ctx({}, AI_SIM_TOKEN, { baseDelayMs: 10 })
  await c.register(a.ctx)
  assert.deepEqual(a.sleeps, [5000, 20])
  sim.failNext(2, { status: 500 })
  const e = await failure(c.register(ctx({}, AI_SIM_TOKEN, { maxRetries: 1 }).ctx))
  assert.ok(e instanceof ProviderUnavailableError)
  assert.equal(e.message.includes(AI_SIM_TOKEN), false)
  assert.match(e.message, /Internal Server Error/)
})
