import assert from 'node:assert/strict'
import { after, before, beforeEach, test } from 'node:test'
import { verifyDelivery } from '../../verify'
import { CredentialsError, ProviderError, ProviderUnavailableError } from '../errors'
import { rewriteOrigin } from '../simulators/deliver'
import { startSimulator, MYCIRRUS_SIM_KEY, type MyCirrusSimulator } from '../simulators/mycirrus'
import { asVerifyRequest, PUBLIC_URL, recordingHttp, startCapture, withoutHeader, type CaptureServer } from '../testing/capture'
import type { Registration } from '../types'
import { myCirrusConnector as c, type MyCirrusOptions } from './connector'

let sim: MyCirrusSimulator
let capture: CaptureServer
const KEYS = {
  [MYCIRRUS_SIM_KEY]: { scopes: ['webhooks:write', 'webhooks:read'] as ('webhooks:write' | 'webhooks:read')[] },
  'read-only': { scopes: ['webhooks:read'] as 'webhooks:read'[] },
  'write-only': { scopes: ['webhooks:write'] as 'webhooks:write'[] },
  'expired-key-0001': { scopes: ['webhooks:write', 'webhooks:read'] as ('webhooks:write' | 'webhooks:read')[], expired: true },
}

before(async () => {
  capture = await startCapture()
  sim = await startSimulator({ keys: KEYS, instruments: ['QT123456', 'QT999999'], deliverTo: rewriteOrigin(capture.url) })
})
after(async () => Promise.all([sim.close(), capture.close()]))
beforeEach(() => sim.state.webhooks.clear())

function ctx(options: Partial<MyCirrusOptions> = {}, apiKey = MYCIRRUS_SIM_KEY, overrides = {}) {
  const rec = recordingHttp(overrides)
  const opts = c.validateOptions({ baseUrl: sim.url, instrument: 'QT123456', ...options })
  return { ctx: { options: { ...opts, ...options }, apiKey, http: rec.http, publicUrl: PUBLIC_URL, receiverPath: '/hooks/mc' }, sleeps: rec.sleeps }
}

const failure = (p: Promise<unknown>) => p.then(() => assert.fail('expected a rejection'), (e: unknown) => e)

test('options: defaults, and a bad type or empty instrument is refused before any request', () => {
  const o = c.validateOptions({ instrument: 'QT123456' })
  assert.equal(o.baseUrl, 'https://api.mycirrus.cloud/v1')
  assert.deepEqual(o.types, ['NewMeasurement'])
  assert.equal(o.signatureEncoding, 'hex')
  assert.throws(() => c.validateOptions({ instrument: 'QT1', types: ['Nope'] }))
  assert.throws(() => c.validateOptions({ instrument: ' ' }))
  assert.throws(() => c.validateOptions({ instrument: 'QT1', baseUrl: 'ftp://api.example/v1' }))
  assert.throws(() => c.validateOptions({ instrument: 'QT1', types: ['NewEvent', 'NewEvent'] }))
})

test('several types register a group of webhooks sharing the server-generated secret', async () => {
  const { ctx: x } = ctx({ types: ['NewMeasurement', 'InstrumentStatus', 'SicFinished'] })
  const reg = await c.register(x)
  assert.equal(reg.remoteIds.length, 3)
  assert.equal(reg.targetUrl, `${PUBLIC_URL}/hooks/mc`)
  const stored = reg.remoteIds.map((id) => sim.state.webhooks.get(id))
  assert.deepEqual(stored.map((w) => w?.type), ['NewMeasurement', 'InstrumentStatus', 'SicFinished'])
  assert.ok(stored.every((w) => w?.url === reg.targetUrl && w.instrument === 'QT123456'))
  // The first POST had no secret (server generated one); the rest reused it.
  const posts = sim.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body) as Record<string, unknown>)
  assert.equal(posts[0]?.secret, undefined)
  assert.ok(reg.secret && posts.slice(1).every((p) => p.secret === reg.secret))
  assert.ok(stored.every((w) => w?.secret === reg.secret))
  assert.equal(posts[0]?.id, undefined)
  assert.equal(sim.requests.at(-1)?.headers['x-api-key'], MYCIRRUS_SIM_KEY)
  assert.deepEqual(reg.verify, { scheme: 'hmac', secret: reg.secret, header: 'X-Webhook-Signature', algorithm: 'sha256', encoding: 'hex', prefix: '' })
})

test('a user-chosen secret (or one kept from an earlier registration) is sent and kept', async () => {
  const a = await c.register(ctx({ secret: 'my-own-secret' }).ctx)
  assert.equal(a.secret, 'my-own-secret')
  assert.equal(sim.state.webhooks.get(a.remoteIds[0] ?? '')?.secret, 'my-own-secret')
  const b = await c.register({ ...ctx().ctx, generated: { secret: 'kept-from-before' } })
  assert.equal(b.secret, 'kept-from-before')
})

async function deliveriesFor(reg: Registration, tamper = false) {
  capture.requests.length = 0
  for (const id of reg.remoteIds) await sim.deliver(id, { tamper })
  return capture.requests.slice()
}

test('real deliveries verify; tampered and unsigned ones fail; bodies follow the documented examples', async () => {
  const reg = await c.register(ctx({ types: ['NewMeasurement', 'InstrumentStatus'] }).ctx)
  const got = await deliveriesFor(reg)
  assert.equal(got.length, 2)
  assert.ok(sim.deliveries.slice(-2).every((d) => d.status === 200 && d.registeredUrl.startsWith('https://')))
  assert.ok(got.every((r) => r.path === '/hooks/mc' && r.method === 'POST'))
  const bodies = got.map((r) => JSON.parse(r.body.toString()) as Record<string, unknown>)
  assert.deepEqual(Object.keys(bodies[0] ?? {}), ['type', 'instrument', 'time', 'endTime'])
  assert.match(String(bodies[0]?.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  assert.equal(bodies[1]?.online, true)
  const ids = got.map((r) => r.headers.find(([n]) => n === 'X-Webhook-Id')?.[1])
  assert.deepEqual(ids, reg.remoteIds)
  for (const r of got) assert.deepEqual(verifyDelivery(reg.verify, asVerifyRequest(r)), { result: 'verified' })
  for (const r of got) assert.equal(verifyDelivery(reg.verify, withoutHeader(r, 'X-Webhook-Signature')).result, 'failed')
  for (const r of await deliveriesFor(reg, true)) assert.equal(verifyDelivery(reg.verify, asVerifyRequest(r)).result, 'failed')
})

test('base64 signatures verify when both sides use base64, fail when the setting disagrees', async () => {
  const capture2 = await startCapture()
  const sim2 = await startSimulator({ signatureEncoding: 'base64', deliverTo: rewriteOrigin(capture2.url) })
  try {
    const reg = await c.register({ ...ctx({ baseUrl: sim2.url, signatureEncoding: 'base64' }).ctx })
    await sim2.deliver(reg.remoteIds[0] ?? '')
    const r = capture2.requests[0]!
    assert.equal(verifyDelivery(reg.verify, asVerifyRequest(r)).result, 'verified')
    const asHex = reg.verify && reg.verify.scheme === 'hmac' ? { ...reg.verify, encoding: 'hex' as const } : null
    assert.equal(verifyDelivery(asHex, asVerifyRequest(r)).result, 'failed')
  } finally {
    await Promise.all([sim2.close(), capture2.close()])
  }
})

test('list and get serve orphan detection', async () => {
  const mine = await c.register(ctx({ types: ['NewEvent'] }).ctx)
  const other = await c.register({ ...ctx({ instrument: 'QT999999' }).ctx, receiverPath: '/hooks/old' })
  const listed = await c.list!(ctx().ctx)
  assert.deepEqual(listed.map((w) => w.id).sort(), [...mine.remoteIds, ...other.remoteIds].sort())
  const orphan = listed.find((w) => !mine.remoteIds.includes(w.id))
  assert.equal(orphan?.url, `${PUBLIC_URL}/hooks/old`)
  assert.deepEqual(await c.get!(ctx().ctx, mine.remoteIds[0] ?? ''), { id: mine.remoteIds[0], url: mine.targetUrl, events: ['NewEvent'] })
  const e = await failure(c.get!(ctx().ctx, 'doesnotexist'))
  assert.ok(e instanceof ProviderError && e.status === 404)
  assert.equal(e.message, 'The webhook doesnotexist could not be found.')
})

test('401 TokenExpired for an expired or unknown key, 403 AccessDenied for a missing scope', async () => {
  for (const key of ['expired-key-0001', 'unknown-key-0001']) {
    const e = await failure(c.register(ctx({}, key).ctx))
    assert.ok(e instanceof CredentialsError && e.status === 401)
    assert.equal(e.message, 'Your access token is invalid or has expired. Try refreshing the token.')
  }
  const w = await failure(c.register(ctx({}, 'read-only').ctx))
  assert.ok(w instanceof CredentialsError && w.status === 403)
  assert.equal(w.message, 'You do not have permission to access this data.')
  const r = await failure(c.list!(ctx({}, 'write-only').ctx))
  assert.ok(r instanceof CredentialsError && r.status === 403)
  assert.equal(sim.state.webhooks.size, 0)
})

test('400s show the description word for word: unknown instrument, missing param, non-HTTPS url', async () => {
  const nf = await failure(c.register(ctx({ instrument: 'QT000000' }).ctx))
  assert.ok(nf instanceof ProviderError && nf.status === 400)
  assert.equal(nf.message, 'The instrument QT000000 could not be found.')
  const { ctx: blank } = ctx()
  const mp = await failure(c.register({ ...blank, options: { ...blank.options, instrument: '' } }))
  assert.equal((mp as ProviderError).providerText, 'The required parameter instrument was missing from the request.')
  const http = await failure(c.register({ ...ctx().ctx, publicUrl: 'http://plain.example' }))
  assert.equal((http as ProviderError).providerText, 'The parameter url must be a valid URL that uses HTTPS.')
})

test('a group failing half-way reports what already exists remotely', async () => {
  const { ctx: x } = ctx()
  const e = await failure(c.register({ ...x, options: { ...x.options, types: ['NewMeasurement', 'Bogus' as 'NewEvent'] } }))
  assert.ok(e instanceof ProviderError)
  assert.equal(e.partial?.remoteIds.length, 1)
  assert.ok(sim.state.webhooks.has(e.partial?.remoteIds[0] ?? ''))
  assert.equal(e.partial?.secret, sim.state.webhooks.get(e.partial?.remoteIds[0] ?? '')?.secret)
})

test('429 (documented body, Retry-After) and 5xx are retried; giving up names TooManyRequests text', async () => {
  sim.failNext(2, { status: 429, retryAfter: 3 })
  const a = ctx()
  await c.register(a.ctx)
  assert.deepEqual(a.sleeps, [3000, 3000])
  sim.failNext(1, { status: 503 })
  const b = ctx({}, MYCIRRUS_SIM_KEY, { baseDelayMs: 40 })
  await c.register(b.ctx)
  assert.deepEqual(b.sleeps, [40])
  sim.failNext(3, { status: 429 })
  const e = await failure(c.register(ctx({}, MYCIRRUS_SIM_KEY, { maxRetries: 2 }).ctx))
  assert.ok(e instanceof ProviderUnavailableError)
  assert.match(e.message, /You have made too many requests in a short time\. Please wait before trying again\./)
  assert.equal(sim.state.webhooks.size, 2)
})
