import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  applyCredential,
  computeHmac,
  mask,
  maskVerifyConfig,
  safeEqual,
  signDelivery,
  signHmac,
  signMyCirrus,
  verifyCredential,
  verifyDelivery,
  verifyHmac,
  verifyMyCirrus,
  type HmacScheme,
  type ReceiverCredential,
  type VerifyConfig,
} from '.'

const FOX = 'The quick brown fox jumps over the lazy dog'

test('HMAC digests match the published test vectors (key "key")', () => {
  assert.equal(computeHmac(FOX, 'key', 'sha256', 'hex'), 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8')
  assert.equal(computeHmac(FOX, 'key', 'sha1', 'hex'), 'de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9')
  assert.equal(
    computeHmac(FOX, 'key', 'sha512', 'hex'),
    'b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a',
  )
  assert.equal(computeHmac(FOX, 'key', 'sha256', 'base64'), Buffer.from('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8', 'hex').toString('base64'))
})

test('safeEqual: equal, different, different lengths, empty', () => {
  assert.equal(safeEqual('abc', 'abc'), true)
  assert.equal(safeEqual('abc', 'abd'), false)
  assert.equal(safeEqual('abc', 'abcd'), false)
  assert.equal(safeEqual('', ''), true)
  assert.equal(safeEqual('', 'a'), false)
  assert.equal(safeEqual(Buffer.from([1, 2]), Buffer.from([1, 2])), true)
})

test('MyCirrus signature: hex by default, base64 selectable, raw bytes not re-serialised', () => {
  const body = Buffer.from('{"type":"NewMeasurement", "instrument":"QT123456"}')
  const [name, hex] = signMyCirrus(body, 's3cret')
  assert.equal(name, 'X-Webhook-Signature')
  assert.equal(hex, computeHmac(body, 's3cret', 'sha256', 'hex'))
  assert.deepEqual(verifyMyCirrus({ headers: [[name, hex]], body }, 's3cret'), { result: 'verified' })
  assert.deepEqual(verifyMyCirrus({ headers: { 'x-webhook-signature': hex.toUpperCase() }, body }, 's3cret'), { result: 'verified' })
  const [, b64] = signMyCirrus(body, 's3cret', 'base64')
  assert.equal(verifyMyCirrus({ headers: [[name, b64]], body }, 's3cret', 'base64').result, 'verified')
  assert.equal(verifyMyCirrus({ headers: [[name, b64]], body }, 's3cret', 'hex').result, 'failed')
  const reformatted = Buffer.from(JSON.stringify(JSON.parse(body.toString())))
  assert.equal(verifyMyCirrus({ headers: [[name, hex]], body: reformatted }, 's3cret').result, 'failed')
  assert.equal(verifyMyCirrus({ headers: [[name, hex]], body }, 'other').result, 'failed')
  assert.deepEqual(verifyMyCirrus({ headers: [], body }, 's3cret'), { result: 'failed', reason: 'missing X-Webhook-Signature header' })
  assert.equal(verifyMyCirrus({ headers: [[name, hex]], body }, undefined).result, 'not-configured')
  assert.equal(verifyMyCirrus({ headers: [[name, hex], [name, hex]], body }, 's3cret').result, 'failed')
})

test('generic HMAC: header name, algorithm, encoding and prefix are all honoured', () => {
  const body = '{"a":1}'
  for (const algorithm of ['sha256', 'sha1', 'sha512'] as const) {
    for (const encoding of ['hex', 'base64'] as const) {
      const scheme: HmacScheme = { header: 'X-Hub-Signature', algorithm, encoding, prefix: `${algorithm}=` }
      const [name, value] = signHmac(body, 'k', scheme)
      assert.ok(value.startsWith(`${algorithm}=`))
      assert.equal(verifyHmac({ headers: [[name, value]], body }, 'k', scheme).result, 'verified', `${algorithm}/${encoding}`)
      assert.equal(verifyHmac({ headers: [[name, value.slice(algorithm.length + 1)]], body }, 'k', scheme).result, 'failed')
      assert.equal(verifyHmac({ headers: [[name, value]], body: `${body} ` }, 'k', scheme).result, 'failed')
    }
  }
})

const CREDS: ReceiverCredential[] = [
  { authType: 'basic', userName: 'hook-user', password: 'p4ss:word' },
  { authType: 'querystring', token: 'q-token-123' },
  { authType: 'authheader', token: 'raw-auth-value' },
  { authType: 'header', token: 'header-token' },
  { authType: 'bearer', token: 'bearer-token' },
]

test('credentials: what applyCredential adds verifies; wrong and missing ones fail', () => {
  for (const cred of CREDS) {
    const applied = applyCredential(cred)
    const req = { headers: applied.headers, body: '', query: new URLSearchParams(applied.query).toString() }
    assert.deepEqual(verifyCredential(req, cred), { result: 'verified' }, cred.authType)
    const wrong: ReceiverCredential =
      cred.authType === 'basic' ? { ...cred, password: 'nope' } : cred.authType === 'none' ? cred : { ...cred, token: 'nope' }
    assert.equal(verifyCredential(req, wrong).result, 'failed', cred.authType)
    assert.equal(verifyCredential({ headers: [], body: '', query: '' }, cred).result, 'failed', cred.authType)
  }
  assert.equal(verifyCredential({ headers: [], body: '' }, { authType: 'none' }).result, 'not-configured')
  assert.equal(verifyCredential({ headers: [], body: '' }, null).result, 'not-configured')
})

test('credentials: exact shapes on the wire, configurable names, and scheme confusion rejected', () => {
  assert.deepEqual(applyCredential({ authType: 'basic', userName: 'u', password: 'p' }).headers, [['Authorization', `Basic ${Buffer.from('u:p').toString('base64')}`]])
  assert.deepEqual(applyCredential({ authType: 'bearer', token: 't' }).headers, [['Authorization', 'Bearer t']])
  assert.deepEqual(applyCredential({ authType: 'authheader', token: 't' }).headers, [['Authorization', 't']])
  assert.deepEqual(applyCredential({ authType: 'header', token: 't' }).headers, [['X-Webhook-Token', 't']])
  assert.deepEqual(applyCredential({ authType: 'querystring', token: 't' }).query, [['token', 't']])
  const names = { queryParam: 'key', headerName: 'X-Auth' }
  assert.equal(verifyCredential({ headers: [], body: '', query: 'key=t' }, { authType: 'querystring', token: 't' }, names).result, 'verified')
  assert.equal(verifyCredential({ headers: [], body: '', query: 'token=t' }, { authType: 'querystring', token: 't' }, names).result, 'failed')
  assert.equal(verifyCredential({ headers: [], body: '', query: 'key=t&key=x' }, { authType: 'querystring', token: 't' }, names).result, 'failed')
  assert.equal(verifyCredential({ headers: [['x-auth', 't']], body: '' }, { authType: 'header', token: 't' }, names).result, 'verified')
  // A Bearer header is not a raw Authorization value, and vice versa.
  assert.equal(verifyCredential({ headers: [['Authorization', 'Bearer t']], body: '' }, { authType: 'authheader', token: 't' }).result, 'failed')
  assert.equal(verifyCredential({ headers: [['Authorization', 't']], body: '' }, { authType: 'bearer', token: 't' }).result, 'failed')
  assert.equal(verifyCredential({ headers: [['Authorization', 'Bearer dTpw']], body: '' }, { authType: 'basic', userName: 'u', password: 'p' }).result, 'failed')
})

test('verifyDelivery / signDelivery round-trip for every config, and masking hides secrets', () => {
  const configs: VerifyConfig[] = [
    { scheme: 'hmac', secret: 'whsec-long-secret', header: 'X-Sig', algorithm: 'sha512', encoding: 'base64', prefix: 'v1=' },
    ...CREDS.map((credential): VerifyConfig => ({ scheme: 'credential', credential, queryParam: 'token', headerName: 'X-Webhook-Token' })),
  ]
  for (const config of configs) {
    const body = Buffer.from('{"x":true}')
    const s = signDelivery(config, body)
    const req = { headers: s.headers, body, query: new URLSearchParams(s.query).toString() }
    assert.equal(verifyDelivery(config, req).result, 'verified')
    assert.ok(!JSON.stringify(maskVerifyConfig(config)).includes('long-secret'))
  }
  assert.equal(verifyDelivery(null, { headers: [], body: '' }).result, 'not-configured')
  assert.equal(mask('abcdefghijkl'), 'abcd••••')
  assert.equal(mask('short'), '••••')
})
