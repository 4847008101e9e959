// The generic REST connector driven entirely by templates, proven against the WebhooksApi
// simulator (a different API shape than any template default).
import assert from 'node:assert/strict'
import { after, before, beforeEach, test } from 'node:test'
import { verifyDelivery } from '../../verify'
import { ProviderError } from '../errors'
import { capabilitiesOf } from '../index'
import { rewriteOrigin } from '../simulators/deliver'
import { startSimulator, WEBHOOKS_API_SIM_KEY, type WebhooksApiSimulator } from '../simulators/webhooks-api'
import { asVerifyRequest, PUBLIC_URL, recordingHttp, startCapture, type CaptureServer } from '../testing/capture'
import { genericConnector as c } from './connector'
import { fill, fillBody } from './template'

let sim: WebhooksApiSimulator
let capture: CaptureServer

before(async () => {
  capture = await startCapture()
  sim = await startSimulator({ secretField: 'signingKey', deliverTo: rewriteOrigin(capture.url) })
})
after(async () => Promise.all([sim.close(), capture.close()]))
beforeEach(() => {
  sim.state.webhooks.clear()
  capture.requests.length = 0
})

const P = '/api/web/v1/webhooks'
function ctx(extra: Record<string, unknown> = {}) {
  const options = c.validateOptions({
    label: 'Acme',
    baseUrl: sim.url,
    create: { path: P, body: '{"callbackUrl":"{{url}}","events":["a","b"],"signingKey":"{{secret}}"}' },
    update: { path: `${P}/{{id}}`, body: '{"callbackUrl":"{{url}}","signingKey":"{{secret}}"}' },
    delete: { path: `${P}/{{id}}` },
    list: { path: P, urlPointer: '/callbackUrl' },
    verify: { scheme: 'hmac' },
    ...extra,
  })
  return { options, apiKey: WEBHOOKS_API_SIM_KEY, http: recordingHttp().http, publicUrl: PUBLIC_URL, receiverPath: '/hooks/generic' }
}

test('templates: create, list, update, delete; the HMAC secret from {{secret}} verifies deliveries', async () => {
  const reg = await c.register(ctx())
  const sent = sim.requests.at(-1)!
  assert.equal(sent.headers.authorization, `Bearer ${WEBHOOKS_API_SIM_KEY}`)
  assert.equal(sent.headers['content-type'], 'application/json')
  assert.deepEqual(JSON.parse(sent.body), { callbackUrl: `${PUBLIC_URL}/hooks/generic`, events: ['a', 'b'], signingKey: reg.secret })
  const id = reg.remoteIds[0]!
  assert.equal(sim.state.webhooks.get(id)?.secret, reg.secret)

  await sim.deliver(id)
  assert.deepEqual(verifyDelivery(reg.verify, asVerifyRequest(capture.requests[0]!)), { result: 'verified' })
  await sim.deliver(id, { tamper: true })
  assert.equal(verifyDelivery(reg.verify, asVerifyRequest(capture.requests[1]!)).result, 'failed')

  const moved = await c.update!({ ...ctx(), publicUrl: 'https://moved.example' }, reg)
  assert.equal(moved.secret, reg.secret)
  assert.equal(sim.state.webhooks.get(id)?.callbackUrl, 'https://moved.example/hooks/generic')
  assert.deepEqual((await c.list!(ctx())).map((w) => [w.id, w.url]), [[id, 'https://moved.example/hooks/generic']])
  await c.unregister!(ctx(), [id, id])
  assert.equal(sim.state.webhooks.size, 0)
})

test("the provider's 409 reaches the user word for word", async () => {
  await c.register(ctx())
  const e = await c.register(ctx()).then(() => null, (x: unknown) => x)
  assert.ok(e instanceof ProviderError && e.status === 409 && e.provider === 'Acme')
  assert.match(e.providerText, /"message":"A webhook with callbackUrl https:\/\/hooks-test\.trycloudflare\.com\/hooks\/generic is already registered\."/)
})

test('capabilities follow the configured templates; token verification yields a credential', async () => {
  assert.deepEqual(capabilitiesOf('generic', { baseUrl: sim.url, create: { path: P } }), { update: false, unregister: false, list: false, sendTest: false })
  assert.deepEqual(capabilitiesOf('generic', ctx().options), { update: true, unregister: true, list: true, sendTest: false })
  const reg = await c.register(ctx({ verify: { scheme: 'token', authType: 'header', headerName: 'X-Token' } }))
  assert.equal(reg.credential?.authType, 'header')
  assert.equal(reg.verify?.scheme, 'credential')
  const token = reg.credential && 'token' in reg.credential ? reg.credential.token : ''
  assert.equal(verifyDelivery(reg.verify, { headers: [['X-Token', token]], body: '' }).result, 'verified')
  assert.equal(verifyDelivery(reg.verify, { headers: [['X-Token', 'x']], body: '' }).result, 'failed')
})

test('template filling cannot break out of JSON strings or URL path segments', () => {
  const evil = 'https://x.example/?a="b"}, "admin": true, "z":"'
  const { text, json } = fillBody('{"callbackUrl":"{{url}}","n":1,"nested":["{{ secret }}"]}', { url: evil, secret: 's' })
  assert.equal(json, true)
  assert.deepEqual(JSON.parse(text), { callbackUrl: evil, n: 1, nested: ['s'] })
  assert.deepEqual(fillBody('url={{url}}', { url: 'u' }), { text: 'url=u', json: false })
  assert.equal(fill('/hooks/{{id}}', { id: 'a/b?c' }, encodeURIComponent), '/hooks/a%2Fb%3Fc')
  assert.throws(() => fill('{{token}}', {}), /no value is available/)
})
