import assert from 'node:assert/strict'
import type http from 'node:http'
import { after, afterEach, before, test } from 'node:test'
import { json, request } from '../../../tests/helpers/http'
import { jsonAnswer, startReceiver, type Receiver } from '../receiver/receiver'
import { Forwarder, QUEUE_FULL, type ForwarderDeps, type ForwardRoute } from './forwarder'
import { closedPort, openTestStore, startTarget, type Target, type TestStore } from './test-helpers'

let store: TestStore
let receiver: Receiver
let forwarder: Forwarder
let routes: Record<string, ForwardRoute> = {}
const targets: Target[] = []

const self = () => ({ receiverPort: receiver.port, receiverHost: '127.0.0.1', publicUrl: null })

function makeForwarder(extra: Partial<ForwarderDeps> = {}): Forwarder {
  return new Forwarder({ settings: store.settings, attempts: store.attempts, self, ...extra })
}

// The receiver wired the way core.ts will wire it: store first, then forward.
before(async () => {
  store = openTestStore()
  receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    handle: async (req) => {
      const [summary] = store.deliveries.insertBatch([{ ...req, responseStatus: 200 }])
      const delivery = { ...summary!, headers: req.headers, httpVersion: req.httpVersion }
      const route = Object.entries(routes).find(([prefix]) => req.path.startsWith(prefix))?.[1] ?? null
      if (forwarder.respondsWithTarget(route)) {
        const answer = await forwarder.forwardAndAnswer(delivery, req.body, route)
        if (answer) return answer
      }
      forwarder.afterStored(delivery, req.body, route)
      return jsonAnswer(200, { ok: true, id: summary!.id })
    },
  })
  forwarder = makeForwarder()
})
afterEach(async () => {
  await forwarder.idle()
  routes = {}
  for (const t of targets.splice(0)) await t.close()
})
after(async () => {
  await receiver.close()
  store.close()
})

async function target(respond?: Parameters<typeof startTarget>[0]): Promise<Target> {
  const t = await startTarget(respond)
  targets.push(t)
  return t
}

test('immediately: the sender is answered while the target is still busy; the forward is recorded', async () => {
  const held: http.ServerResponse[] = []
  const slow = await target((_req, res) => held.push(res))
  forwarder.setSettings({ target: slow.url, enabled: true, respond: 'immediately' })
  const body = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7b])
  const reply = await request(`${receiver.url}/github/events?x=1`, {
    method: 'POST',
    headers: [['Content-Type', 'application/octet-stream'], ['X-GitHub-Event', 'push']],
    body,
  })
  assert.equal(reply.status, 200)
  const { id } = json<{ id: number }>(reply)
  await slow.waitFor(1)
  assert.equal(slow.seen[0]!.url, '/github/events?x=1')
  assert.ok(slow.seen[0]!.body.equals(body))
  assert.deepEqual(slow.seen[0]!.rawHeaders.map(([n]) => n), ['Host', 'Content-Type', 'X-GitHub-Event', 'Content-Length', 'Connection'])
  assert.deepEqual(store.attempts.listByDelivery(id), [])
  held[0]!.writeHead(201).end('done')
  await forwarder.idle()
  const [attempt] = store.attempts.listByDelivery(id)
  assert.equal(attempt!.kind, 'forward')
  assert.equal(attempt!.status, 201)
  assert.equal(attempt!.target, slow.url)
  assert.deepEqual(store.attempts.lastForwardByDeliveries([id]).map((a) => a.id), [attempt!.id])
})

test('with-target: the sender gets the target status, headers and body; the delivery is stored', async () => {
  const answering = await target((_req, res) => {
    res.writeHead(202, [['X-Target', 'yes'], ['x-target', 'again'], ['Content-Type', 'text/plain']])
    res.end('from target')
  })
  forwarder.setSettings({ target: `${answering.url}/in`, enabled: true, respond: 'with-target' })
  const before = store.deliveries.count()
  const reply = await request(`${receiver.url}/hook?q=2`, { method: 'POST', body: 'payload' })
  assert.equal(reply.status, 202)
  assert.equal(reply.body.toString(), 'from target')
  assert.equal(reply.headers['x-target'], 'yes, again')
  assert.equal(answering.seen[0]!.url, '/in?q=2')
  assert.equal(store.deliveries.count(), before + 1)
  const newest = store.deliveries.list(1).items[0]!
  assert.equal(store.attempts.listByDelivery(newest.id)[0]!.status, 202)
})

test('with-target: an unreachable target gives the sender a 502, and the delivery is still stored', async () => {
  const port = await closedPort()
  forwarder.setSettings({ target: `http://127.0.0.1:${port}`, enabled: true, respond: 'with-target' })
  const before = store.deliveries.count()
  const reply = await request(`${receiver.url}/hook`, { method: 'POST', body: 'x' })
  assert.equal(reply.status, 502)
  const answer = json<{ ok: boolean; id: number; error: string }>(reply)
  assert.equal(answer.ok, false)
  assert.match(answer.error, /connection refused \(ECONNREFUSED\)/)
  assert.equal(store.deliveries.count(), before + 1)
  assert.equal(store.attempts.listByDelivery(answer.id)[0]!.error, 'connection refused (ECONNREFUSED)')
})

test("a registration's own target wins over the global one, with its prefix stripped", async () => {
  const global = await target()
  const own = await target()
  forwarder.setSettings({ target: global.url, enabled: true, respond: 'immediately' })
  routes = { '/github': { target: own.url, pathPrefix: '/github' } }
  await request(`${receiver.url}/github/events?x=1`, { method: 'POST', body: '{}' })
  await request(`${receiver.url}/other`, { method: 'POST', body: '{}' })
  await forwarder.idle()
  assert.deepEqual(own.seen.map((s) => s.url), ['/events?x=1'])
  assert.deepEqual(global.seen.map((s) => s.url), ['/other'])
})

test('disabled forwarding forwards nothing and records nothing', async () => {
  const t = await target()
  forwarder.setSettings({ target: t.url, enabled: false, respond: 'with-target' })
  routes = { '/': { target: t.url } }
  const reply = await request(`${receiver.url}/x`, { method: 'POST', body: 'x' })
  assert.equal(reply.status, 200)
  await forwarder.idle()
  assert.equal(t.seen.length, 0)
  assert.deepEqual(store.attempts.listByDelivery(json<{ id: number }>(reply).id), [])
})

test('a full queue records the forward as failed instead of buffering it', async () => {
  const held: http.ServerResponse[] = []
  const slow = await target((_req, res) => held.push(res))
  const small = makeForwarder({ concurrency: 1, maxQueued: 1 })
  small.setSettings({ target: slow.url, enabled: true, respond: 'immediately' })
  const ids = [store.add(), store.add(), store.add()].map((d) => {
    small.afterStored(d, Buffer.from('{"hello":1}'))
    return d.id
  })
  // One running, one waiting, the third refused at once.
  assert.equal(store.attempts.listByDelivery(ids[2]!)[0]!.error, QUEUE_FULL)
  await slow.waitFor(1)
  held.shift()!.end('ok')
  await slow.waitFor(2)
  held.shift()!.end('ok')
  await small.idle()
  assert.deepEqual(ids.map((id) => store.attempts.listByDelivery(id)[0]!.status), [200, 200, null])
  assert.equal(slow.seen.length, 2)

  // The byte budget bounds it too: a second large body waits for room that is not there.
  const bytes = makeForwarder({ concurrency: 1, maxQueuedBytes: 1000 })
  bytes.setSettings({ target: slow.url, enabled: true, respond: 'immediately' })
  const a = store.add()
  const b = store.add()
  bytes.afterStored(a, Buffer.alloc(800))
  bytes.afterStored(b, Buffer.alloc(800))
  assert.equal(store.attempts.listByDelivery(b.id)[0]!.error, QUEUE_FULL)
  await slow.waitFor(3)
  held.shift()!.end('ok')
  await bytes.idle()
  assert.equal(store.attempts.listByDelivery(a.id)[0]!.status, 200)
})

test('settings are validated, persisted and reloaded', () => {
  const t = `http://127.0.0.1:${receiver.port}/x`
  assert.throws(() => forwarder.setSettings({ target: t }), { status: 400, message: `would loop: ${t} is Hooktray's own receiver` })
  assert.throws(() => forwarder.setSettings({ target: 'example.com' }), { status: 400, message: 'target must be an absolute http(s) URL' })
  assert.throws(() => forwarder.setSettings({ respond: 'later' as 'immediately' }), { status: 400, message: /^respond: / })
  const saved = forwarder.setSettings({ target: '  ', enabled: true, respond: 'with-target' })
  assert.deepEqual(saved, { target: null, enabled: true, respond: 'with-target' })
  forwarder.setSettings({ target: 'http://localhost:3000', enabled: false, respond: 'immediately' })
  assert.deepEqual(makeForwarder().getSettings(), { target: 'http://localhost:3000', enabled: false, respond: 'immediately' })
  // With no target anywhere, nothing is forwarded even when enabled.
  forwarder.setSettings({ target: null, enabled: true, respond: 'with-target' })
  assert.equal(forwarder.respondsWithTarget(null), false)
  assert.equal(forwarder.respondsWithTarget({ target: 'http://localhost:3000' }), true)
})
