import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Replayer } from './replayer'
import { parseTarget, resolvePath, stripPrefix, TARGET_MESSAGE } from './target'
import { openTestStore, startTarget, type Target, type TestStore } from './test-helpers'

let store: TestStore
let target: Target
let replayer: Replayer
const PORT = 38_123
const self = { receiverPort: PORT, receiverHost: '127.0.0.1', publicUrl: 'https://abc.trycloudflare.com' }

before(async () => {
  store = openTestStore()
  target = await startTarget()
  replayer = new Replayer({ deliveries: store.deliveries, attempts: store.attempts, self: () => self })
})
after(async () => {
  // Nothing invalid may ever have been sent.
  assert.equal(target.seen.length, 0)
  await target.close()
  store.close()
})

test('targets that are not absolute http(s) URLs are refused', async () => {
  const d = store.add()
  for (const bad of ['', '/relative/path', 'localhost:3000', 'ftp://example.com/x', 'file:///etc/passwd', 'http://', 'not a url']) {
    await assert.rejects(replayer.replay(d.id, { target: bad }), { status: 400, message: TARGET_MESSAGE }, bad)
  }
  await assert.rejects(replayer.replay(d.id, { target: 'http://u:p@127.0.0.1:9/' }), { status: 400, message: /user name or password/ })
  assert.deepEqual(store.attempts.listByDelivery(d.id), [])
})

test("targets that reach Hooktray's own receiver are refused as loops", async () => {
  const d = store.add()
  const loops = [
    `http://127.0.0.1:${PORT}`,
    `http://127.5.6.7:${PORT}/x`,
    `http://127.1:${PORT}/`,
    `http://localhost:${PORT}`,
    `http://LOCALHOST.:${PORT}/a?b=c`,
    `http://app.localhost:${PORT}`,
    `http://[::1]:${PORT}`,
    `http://[::ffff:127.0.0.1]:${PORT}`,
    `http://0.0.0.0:${PORT}`,
    'https://abc.trycloudflare.com',
    'https://ABC.trycloudflare.com:443/github',
  ]
  for (const t of loops) {
    await assert.rejects(replayer.replay(d.id, { target: t }), {
      status: 400,
      message: `would loop: ${t} is Hooktray's own receiver`,
    })
  }
  for (const ok of [`http://127.0.0.1:${PORT + 1}`, 'http://localhost:3000', 'http://abc.trycloudflare.com', 'https://other.trycloudflare.com']) {
    assert.doesNotThrow(() => parseTarget(ok, self), ok)
  }
  // A receiver bound to a specific LAN address loops through that address too.
  assert.throws(() => parseTarget(`http://192.168.7.7:${PORT}`, { ...self, receiverHost: '192.168.7.7' }), /would loop/)
})

test('invalid edits are refused with a message naming what is wrong', async () => {
  const d = store.add()
  const cases: [object, string | RegExp][] = [
    [{ headers: [['X Bad', '1']] }, 'header name "X Bad" is not a valid HTTP header name'],
    [{ headers: [['X:Colon', '1']] }, 'header name "X:Colon" is not a valid HTTP header name'],
    [{ headers: [['X-Ok', '1'], ['X-Inject', 'a\r\nX-Evil: 1']] }, 'header "X-Inject": value must not contain CR or LF'],
    [{ headers: [['X-Lf', 'a\nb']] }, 'header "X-Lf": value must not contain CR or LF'],
    [{ headers: [['X-Wide', 'price €5']] }, 'header "X-Wide": value contains characters not allowed in an HTTP header'],
    [{ headers: [['X-Nul', 'a\u0000b']] }, 'header "X-Nul": value contains characters not allowed in an HTTP header'],
    [{ body: 'a', bodyBase64: 'YQ==' }, 'give either body or bodyBase64, not both'],
    [{ bodyBase64: 'not*base64' }, 'bodyBase64 is not valid base64'],
    [{ method: 'GE T' }, 'method "GE T" is not a valid HTTP method'],
    [{ path: 'no-slash' }, /^path must start with "\/"/],
    [{ path: '/a b' }, /^path must start with "\/"/],
    [{ path: '/a?b=1' }, /^path must start with "\/"/],
    [{ query: 'a=1#frag' }, /^query must contain no spaces/],
  ]
  for (const [edits, message] of cases) {
    await assert.rejects(replayer.replay(d.id, { target: target.url, edits }), { status: 400, message }, JSON.stringify(edits))
  }
})

test('path joining and registration prefix stripping', () => {
  const captured = { path: '/github/events', query: 'x=1' }
  assert.deepEqual(resolvePath(new URL('http://localhost:3000'), captured), { path: '/github/events', query: 'x=1' })
  assert.deepEqual(resolvePath(new URL('http://localhost:3000/'), captured, '/github'), { path: '/events', query: 'x=1' })
  assert.deepEqual(resolvePath(new URL('http://localhost:3000/hooks'), captured, '/github'), { path: '/hooks', query: 'x=1' })
  assert.deepEqual(resolvePath(new URL('http://localhost:3000/?t=1'), { path: '/a', query: '' }), { path: '/a', query: 't=1' })
  assert.equal(stripPrefix('/github/events', '/github/'), '/events')
  assert.equal(stripPrefix('/github', '/github'), '/')
  assert.equal(stripPrefix('/githubber/x', '/github'), '/githubber/x')
  assert.equal(stripPrefix('/x', undefined), '/x')
})
