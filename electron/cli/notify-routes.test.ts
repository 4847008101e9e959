// Real `hooktray serve` internals on 127.0.0.1: HTTP bursts into the receiver, notifications read
// back from the SSE stream, settings over REST.
import assert from 'node:assert/strict'
import http from 'node:http'
import { afterEach, beforeEach, test } from 'node:test'
import type { HooktrayEvent } from '../../shared/contract'
import type { HooktrayNotification, NotificationSettings } from '../../shared/notify-types'
import type { Status } from '../../shared/types'
import { decodeWire } from '../../shared/wire'
import { json, request, tempDir } from '../../tests/helpers/http'
import { parseServeArgs } from './args'
import { startHeadless, type Headless } from './serve'

const TOKEN = 'notify-token'
const auth = { Authorization: `Bearer ${TOKEN}` }
let h: Headless
let dir: ReturnType<typeof tempDir>
let api: string
let stream: { events: HooktrayEvent[]; close(): void }

function openEvents(): Promise<{ events: HooktrayEvent[]; close(): void }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${api}/api/events`, { headers: auth }, (res) => {
        const events: HooktrayEvent[] = []
        let buffer = ''
        res.on('data', (d: Buffer) => {
          buffer += d.toString()
          let i
          while ((i = buffer.indexOf('\n\n')) !== -1) {
            const data = buffer.slice(0, i).split('\n').find((l) => l.startsWith('data: '))
            buffer = buffer.slice(i + 2)
            if (data) events.push(decodeWire<HooktrayEvent>(data.slice(6)))
          }
        })
        // The first frame (": connected") means the server has subscribed us.
        res.once('data', () => resolve({ events, close: () => res.destroy() }))
      })
      .on('error', reject)
  })
}

const notifications = (): HooktrayNotification[] =>
  stream.events.flatMap((e) => (e.type === 'notification' ? [e.notification] : []))

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !ok(); i++) await new Promise((r) => setTimeout(r, 20))
  assert.ok(ok(), `timed out waiting for ${what}`)
}

const send = (path: string, body = '{}', headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  request(`${h.core.receiver.url}${path}`, { method: 'POST', headers, body })

const put = (body: string) =>
  request(`${api}/api/settings/notifications`, { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/json' }, body })

beforeEach(async () => {
  dir = tempDir('hooktray-notify-routes-')
  h = await startHeadless({ ...parseServeArgs(['--port', '0', '--ui-port', '0']), dataDir: dir.dir }, { token: TOKEN })
  api = `http://127.0.0.1:${h.inspector.port}`
  stream = await openEvents()
})
afterEach(async () => {
  stream.close()
  await h.close()
  dir.cleanup()
})

test('settings: GET defaults, PUT a subset returns the whole, bad PUTs are 400 naming the field and change nothing', async () => {
  const defaults = json<NotificationSettings>(await request(`${api}/api/settings/notifications`, { headers: auth }))
  assert.deepEqual(defaults, {
    mode: 'all', muted: [], mutedRegistrations: [], doNotDisturbUntil: null, groupWindowMs: 5000, groupThreshold: 3, maxPerMinute: 6,
  })
  const r = await put('{"mode":"failures","muted":["/quiet"]}')
  assert.equal(r.status, 200)
  const saved = json<NotificationSettings>(r)
  assert.deepEqual(saved, { ...defaults, mode: 'failures', muted: ['/quiet'] })

  for (const [body, field] of [
    ['{"mode":"loud"}', 'mode'],
    ['{"groupWindowMs":-5}', 'groupWindowMs'],
    ['{"muted":"/a"}', 'muted'],
    ['{"mutedRegistrations":{"0":"x"}}', 'mutedRegistrations'],
    ['{"mode":"all","maxPerMinute":0}', 'maxPerMinute'],
    ['{"sound":true}', 'sound'],
  ]) {
    const bad = await put(body!)
    assert.equal(bad.status, 400, body)
    assert.match(json<{ error: string }>(bad).error, new RegExp(`^notifications\\.${field}: `), body)
  }
  assert.equal((await put('[1,2]')).status, 400)
  assert.deepEqual(json(await request(`${api}/api/settings/notifications`, { headers: auth })), saved)
})

test('a single delivery, then a burst grouped with an exact count, over /api/events', async () => {
  assert.equal((await put('{"groupWindowMs":300,"groupThreshold":3,"maxPerMinute":20}')).status, 200)
  const one = json<{ id: number }>(await send('/github/push', '{"ref":"main"}', { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push' }))
  await until('the single notification', () => notifications().length === 1)
  assert.deepEqual(notifications()[0], {
    title: 'push · /github/push',
    body: 'POST /github/push · 14 B\n{"ref":"main"}',
    deliveryId: one.id,
    count: 1,
    level: 'info',
  })

  // Let that window close so the burst starts a fresh one.
  await new Promise((r) => setTimeout(r, 400))
  const BURST = 40
  await Promise.all(Array.from({ length: BURST }, (_, i) => send(`/mycirrus/device-${i % 4}`, `{"n":${i}}`)))
  const burst = () => notifications().slice(1)
  await until('the burst to add up', () => burst().reduce((sum, n) => sum + n.count, 0) >= BURST)
  const shown = burst()
  assert.equal(shown.reduce((sum, n) => sum + n.count, 0), BURST, 'every delivery counted once')
  const grouped = shown.filter((n) => n.count > 1)
  assert.ok(grouped.length >= 1 && shown.length <= 6, JSON.stringify(shown))
  for (const g of grouped) {
    assert.equal(g.title, `${g.count} new deliveries`)
    assert.equal(g.body, 'Received on /mycirrus/…')
    assert.equal(g.deliveryId, null)
    assert.deepEqual(g.filter, { pathPrefix: '/mycirrus/' })
  }

  // Nobody is looking (no client reported focus): all of them are unread, until cleared.
  const status = json<Status>(await request(`${api}/api/status`, { headers: auth }))
  assert.equal(status.tray.unread, BURST + 1)
  assert.equal(status.tray.recent.length, 5)
  assert.match(status.tray.recent[0]!.label, /^POST \/mycirrus\/device-\d$/)
  assert.match(status.tray.tooltip, /41 deliveries · 41 unread/)
  const cleared = await request(`${api}/api/unread/clear`, { method: 'POST', headers: auth })
  assert.deepEqual(json(cleared), { unread: 0 })
  await until('a tray event with nothing unread', () => stream.events.some((e) => e.type === 'tray' && e.tray.unread === 0))
})

test('the per-minute cap holds notifications back however many windows overflow', async () => {
  assert.equal((await put('{"groupWindowMs":300,"groupThreshold":1,"maxPerMinute":2}')).status, 200)
  let sent = 0
  for (let wave = 0; wave < 4; wave++) {
    await Promise.all(Array.from({ length: 10 }, () => send(`/wave/${wave}`)))
    sent += 10
    await new Promise((r) => setTimeout(r, 400))
  }
  await until('two notifications', () => notifications().length >= 2)
  // Two more windows' worth of waiting: the cap, not the grouping, keeps the rest back.
  await new Promise((r) => setTimeout(r, 700))
  const shown = notifications()
  assert.equal(shown.length, 2, JSON.stringify(shown))
  assert.ok(shown.reduce((sum, n) => sum + n.count, 0) < sent, 'the rest waits for the next free slot')
  assert.equal(json<Status>(await request(`${api}/api/status`, { headers: auth })).tray.unread, sent)
})

test('failures mode: a forward answered 502 notifies, plain deliveries do not', async () => {
  const target = http.createServer((_req, res) => res.writeHead(502).end('bad gateway'))
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()))
  try {
    const port = (target.address() as { port: number }).port
    assert.equal((await put('{"mode":"failures","groupWindowMs":300}')).status, 200)
    await h.core.api.setForwarding({ target: `http://localhost:${port}/hooks?key=SECRET`, enabled: true })
    const { id } = json<{ id: number }>(await send('/orders/paid', '{"type":"order.paid"}'))
    await until('the failure notification', () => notifications().length === 1)
    assert.deepEqual(notifications()[0], {
      title: 'Forward answered 502',
      body: `/orders/paid: http://localhost:${port}/hooks?… answered 502`,
      deliveryId: id,
      count: 1,
      level: 'failure',
    })
  } finally {
    await new Promise((r) => target.close(r))
  }
})
