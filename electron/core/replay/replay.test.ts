import assert from 'node:assert/strict'
import { createHmac, randomBytes } from 'node:crypto'
import { after, before, test } from 'node:test'
import type { HeaderPair } from '../../../shared/types'
import type { Resigner } from './build-request'
import { Replayer } from './replayer'
import { openTestStore, SELF, startTarget, type Target, type TestStore } from './test-helpers'

let store: TestStore
let target: Target
let replayer: Replayer

before(async () => {
  store = openTestStore()
  target = await startTarget()
  replayer = new Replayer({ deliveries: store.deliveries, attempts: store.attempts, self: () => SELF })
})
after(async () => {
  await target.close()
  store.close()
})

const last = () => target.seen[target.seen.length - 1]!

test('bodies arrive byte for byte: binary, invalid UTF-8, several megabytes', async () => {
  const bodies = [
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x00, 0xf0, 0x90]),
    randomBytes(5 * 1024 * 1024 + 7),
  ]
  for (const body of bodies) {
    const d = store.add({ body, headers: [['Content-Type', 'application/octet-stream']] })
    const attempt = await replayer.replay(d.id, { target: target.url })
    assert.equal(attempt.status, 200)
    assert.equal(attempt.error, null)
    assert.ok(last().body.equals(body), `body of ${body.length} bytes differs`)
    assert.deepEqual(last().rawHeaders.find(([n]) => n === 'Content-Length'), ['Content-Length', String(body.length)])
  }
})

const CAPTURED: HeaderPair[] = [
  ['Host', 'abc.trycloudflare.com'],
  ['User-Agent', 'GitHub-Hookshot/1'],
  ['X-Dup', 'one'],
  ['content-type', 'application/json'],
  ['x-dup', 'two'],
  ['CF-Ray', '8a1b2c3d4e5f-AMS'],
  ['Connection', 'keep-alive'],
  ['Keep-Alive', 'timeout=5'],
  ['Transfer-Encoding', 'chunked'],
  ['TE', 'trailers'],
  ['Trailer', 'X-Checksum'],
  ['Upgrade', 'h2c'],
  ['Proxy-Authorization', 'Basic eDp5'],
  ['Proxy-Connection', 'keep-alive'],
  ['cf-connecting-ip', '203.0.113.9'],
  ['CDN-Loop', 'cloudflare'],
  ['X-Forwarded-For', '203.0.113.9'],
  ['x-forwarded-proto', 'https'],
  ['X-DUP', 'three'],
  ['Content-Length', '999'],
  ['X-Last', 'end'],
]

test('headers keep order, case and duplicates; hop-by-hop, tunnel headers and the old Host are dropped', async () => {
  const body = Buffer.from('{"action":"opened"}')
  const d = store.add({ headers: CAPTURED, body })
  await replayer.replay(d.id, { target: target.url })
  // Node itself closes the fresh connection it opened; that is the only header it adds.
  assert.deepEqual(last().rawHeaders, [
    ['Host', `127.0.0.1:${target.port}`],
    ['User-Agent', 'GitHub-Hookshot/1'],
    ['X-Dup', 'one'],
    ['content-type', 'application/json'],
    ['x-dup', 'two'],
    ['X-DUP', 'three'],
    ['Content-Length', String(body.length)],
    ['X-Last', 'end'],
    ['Connection', 'close'],
  ])
  assert.ok(last().body.equals(body))
})

test('keepTunnelHeaders sends cf-*, cdn-loop and x-forwarded-* in place', async () => {
  const d = store.add({ headers: CAPTURED })
  await replayer.replay(d.id, { target: target.url, keepTunnelHeaders: true })
  const names = last().rawHeaders.map(([n]) => n)
  assert.deepEqual(names, [
    'Host', 'User-Agent', 'X-Dup', 'content-type', 'x-dup', 'CF-Ray', 'cf-connecting-ip', 'CDN-Loop',
    'X-Forwarded-For', 'x-forwarded-proto', 'X-DUP', 'Content-Length', 'X-Last', 'Connection',
  ])
  assert.ok(!names.some((n) => /^(proxy-|te$|trailer$|upgrade$|keep-alive$|transfer-encoding$)/i.test(n)))
})

test('Host is added first and Content-Length last when the capture had neither', async () => {
  const d = store.add({ headers: [['X-A', '1']], body: Buffer.from('abc') })
  await replayer.replay(d.id, { target: target.url })
  assert.deepEqual(last().rawHeaders, [
    ['Host', `127.0.0.1:${target.port}`],
    ['X-A', '1'],
    ['Content-Length', '3'],
    ['Connection', 'close'],
  ])
  const g = store.add({ method: 'GET', headers: [['Accept', '*/*']], body: Buffer.alloc(0) })
  await replayer.replay(g.id, { target: target.url })
  assert.equal(last().method, 'GET')
  assert.ok(!last().rawHeaders.some(([n]) => /^(content-length|transfer-encoding)$/i.test(n)))
  const p = store.add({ method: 'POST', headers: [], body: Buffer.alloc(0) })
  await replayer.replay(p.id, { target: target.url })
  assert.deepEqual(last().rawHeaders.slice(1), [['Content-Length', '0'], ['Connection', 'close']])
})

test('a target without a path gets the captured path and query; one with a path keeps it', async () => {
  const d = store.add({ path: '/github/events', query: 'x=1&y=%20' })
  await replayer.replay(d.id, { target: target.url })
  assert.equal(last().url, '/github/events?x=1&y=%20')
  await replayer.replay(d.id, { target: `${target.url}/` })
  assert.equal(last().url, '/github/events?x=1&y=%20')
  await replayer.replay(d.id, { target: `${target.url}/api/in` })
  assert.equal(last().url, '/api/in?x=1&y=%20')
  await replayer.replay(d.id, { target: `${target.url}/api/in?key=k` })
  assert.equal(last().url, '/api/in?key=k&x=1&y=%20')
  const noQuery = store.add({ path: '/a/b', query: '' })
  await replayer.replay(noQuery.id, { target: `${target.url}/in` })
  assert.equal(last().url, '/in')
})

test('edits change method, path, query, headers and body, and are recorded as sent', async () => {
  const d = store.add({ path: '/hook', query: 'a=1' })
  const attempt = await replayer.replay(d.id, {
    target: target.url,
    edits: {
      method: 'PUT',
      path: '/edited/path',
      query: 'b=2',
      headers: [['Content-Type', 'text/plain'], ['X-Edited', 'yes'], ['x-edited', 'again']],
      body: 'héllo',
    },
  })
  assert.equal(attempt.edited, true)
  assert.equal(last().method, 'PUT')
  assert.equal(last().url, '/edited/path?b=2')
  assert.deepEqual(last().rawHeaders, [
    ['Host', `127.0.0.1:${target.port}`],
    ['Content-Type', 'text/plain'],
    ['X-Edited', 'yes'],
    ['x-edited', 'again'],
    ['Content-Length', '6'],
    ['Connection', 'close'],
  ])
  assert.equal(last().body.toString('utf8'), 'héllo')
  const sent = store.attempts.sent(attempt.id)!
  assert.equal(sent.request.method, 'PUT')
  assert.equal(sent.request.path, '/edited/path')
  assert.equal(sent.request.query, 'b=2')
  assert.deepEqual(sent.request.headers, last().rawHeaders.slice(0, -1))
  assert.equal(sent.body!.toString('utf8'), 'héllo')

  const binary = Buffer.from([0, 1, 2, 0xff, 0xfe])
  const b = await replayer.replay(d.id, { target: target.url, edits: { bodyBase64: binary.toString('base64') } })
  assert.ok(last().body.equals(binary))
  assert.equal(b.edited, true)
})

test('edits equal to the capture are not an edit; an unedited replay records no sent copy', async () => {
  const d = store.add({ path: '/hook', query: 'q=1' })
  const same = await replayer.replay(d.id, {
    target: target.url,
    edits: { method: 'POST', path: '/hook', query: 'q=1', headers: d.headers, body: '{"hello":1}' },
  })
  assert.equal(same.edited, false)
  assert.equal(store.attempts.sent(same.id), null)
})

const SECRET = 'whsec_test_secret'
const sign = (body: Buffer) => createHmac('sha256', SECRET).update(body).digest('hex')

test('an edited body is re-signed by default; resign=false sends the captured signature', async () => {
  const calls: number[] = []
  const resigner: Resigner = (id, body, headers) => {
    calls.push(id)
    if (!headers.some(([n]) => n.toLowerCase() === 'x-webhook-signature')) return null
    return headers.map(([n, v]): HeaderPair => (n.toLowerCase() === 'x-webhook-signature' ? [n, sign(body)] : [n, v]))
  }
  const signing = new Replayer({ deliveries: store.deliveries, attempts: store.attempts, self: () => SELF, resign: resigner })
  const original = Buffer.from('{"type":"NewMeasurement","instrument":"QT123456"}')
  const d = store.add({
    body: original,
    headers: [['Content-Type', 'application/json'], ['X-Webhook-Id', 'wh_1'], ['X-Webhook-Signature', sign(original)]],
  })
  const sigAtTarget = () => last().rawHeaders.find(([n]) => n === 'X-Webhook-Signature')![1]

  const edited = '{"type":"NewMeasurement","instrument":"QT999999"}'
  const a = await signing.replay(d.id, { target: target.url, edits: { body: edited } })
  assert.equal(sigAtTarget(), sign(last().body))
  assert.equal(last().body.toString(), edited)
  assert.equal(store.attempts.sent(a.id)!.request.resigned, true)
  assert.deepEqual(calls, [d.id])

  const b = await signing.replay(d.id, { target: target.url, edits: { body: edited }, resign: false })
  assert.equal(sigAtTarget(), sign(original))
  assert.equal(store.attempts.sent(b.id)!.request.resigned, false)
  assert.equal(calls.length, 1)

  // An unchanged body keeps its (still valid) signature without asking the resigner.
  await signing.replay(d.id, { target: target.url, edits: { headers: [...d.headers, ['X-Extra', '1']] } })
  assert.equal(sigAtTarget(), sign(original))
  assert.equal(calls.length, 1)

  // No known scheme: the resigner declines and the headers go as they were.
  const plain = store.add({ headers: [['Content-Type', 'text/plain']] })
  const c = await signing.replay(plain.id, { target: target.url, edits: { body: 'changed' } })
  assert.equal(store.attempts.sent(c.id)!.request.resigned, false)
  assert.deepEqual(last().rawHeaders.map(([n]) => n), ['Host', 'Content-Type', 'Content-Length', 'Connection'])
})

test('a redirect is recorded as the answer and not followed; the response is kept', async () => {
  const redirecting = await startTarget((_req, res) => {
    res.writeHead(302, [['Location', '/elsewhere'], ['X-Reply', 'a'], ['x-reply', 'b']])
    res.end('moved')
  })
  try {
    const d = store.add()
    const attempt = await replayer.replay(d.id, { target: redirecting.url })
    assert.equal(attempt.status, 302)
    assert.equal(attempt.error, null)
    assert.equal(redirecting.seen.length, 1)
    assert.deepEqual(attempt.responseHeaders.filter(([n]) => /^(location|x-reply)$/i.test(n)), [
      ['Location', '/elsewhere'],
      ['X-Reply', 'a'],
      ['x-reply', 'b'],
    ])
    assert.equal(store.attempts.body(attempt.id)!.toString(), 'moved')
    assert.equal(attempt.responseBodySize, 5)
    assert.equal(attempt.truncated, false)
    assert.equal(attempt.kind, 'replay')
    assert.equal(attempt.target, redirecting.url)
    assert.deepEqual(store.attempts.listByDelivery(d.id).map((a) => a.id), [attempt.id])
  } finally {
    await redirecting.close()
  }
})

test('unknown deliveries are 404 and unparsable ones cannot be sent', async () => {
  await assert.rejects(replayer.replay(999_999, { target: target.url }), { status: 404, message: 'delivery 999999 not found' })
  const bad = store.add({ method: '', path: '', parseError: 'HPE_INVALID_METHOD: Invalid method', body: Buffer.from('garbage') })
  await assert.rejects(replayer.replay(bad.id, { target: target.url }), { status: 400, message: /not valid HTTP/ })
})
