import assert from 'node:assert/strict'
import http from 'node:http'
import { after, before, test } from 'node:test'
import { decodeWire } from '../../shared/wire'
import type { HooktrayEvent } from '../../shared/contract'
import { json, request, tempDir } from '../../tests/helpers/http'
import { parseServeArgs } from './args'
import { startHeadless, type Headless } from './serve'

const TOKEN = 'test-token-123'
let h: Headless
let dir: ReturnType<typeof tempDir>
let api: string
const auth = { Authorization: `Bearer ${TOKEN}` }

before(async () => {
  dir = tempDir()
  h = await startHeadless(
    { ...parseServeArgs(['--port', '0', '--ui-port', '0']), dataDir: dir.dir },
    { token: TOKEN },
  )
  api = `http://127.0.0.1:${h.inspector.port}`
})
after(async () => {
  await h.close()
  dir.cleanup()
})

test('health needs no token; everything else does (401)', async () => {
  const health = await request(`${api}/api/health`)
  assert.equal(health.status, 200)
  assert.deepEqual(json(health), { ok: true })
  for (const path of ['/api/deliveries', '/api/status', '/', '/index.html', '/api/events']) {
    const r = await request(`${api}${path}`)
    assert.equal(r.status, 401, path)
  }
  assert.equal((await request(`${api}/api/status`, { headers: { Authorization: 'Bearer wrong' } })).status, 401)
  assert.equal((await request(`${api}/api/status`, { headers: auth })).status, 200)
})

test('a Host that is not a loopback name for this port gets 403 (DNS rebinding)', async () => {
  for (const host of ['evil.example', `evil.example:${h.inspector.port}`, `127.0.0.1:${h.inspector.port + 1}`, `localhost.evil:${h.inspector.port}`]) {
    const r = await request(`${api}/api/status`, { headers: { ...auth, Host: host } })
    assert.equal(r.status, 403, host)
  }
  for (const host of [`localhost:${h.inspector.port}`, `127.0.0.1:${h.inspector.port}`]) {
    assert.equal((await request(`${api}/api/status`, { headers: { ...auth, Host: host } })).status, 200, host)
  }
})

test('the token in the inspector URL is traded for an HttpOnly cookie that then authorises', async () => {
  const first = await request(`${api}/?token=${TOKEN}`)
  assert.equal(first.status, 302)
  assert.equal(first.headers.location, '/')
  const cookie = String(first.headers['set-cookie']).split(';')[0]!
  assert.match(String(first.headers['set-cookie']), /HttpOnly; SameSite=Strict/)
  assert.equal((await request(`${api}/api/status`, { headers: { Cookie: cookie } })).status, 200)
  assert.equal((await request(`${api}/?token=nope`)).status, 401)
  // State-changing calls from another origin are refused even with the cookie.
  const cross = await request(`${api}/api/rpc/clearDeliveries`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: 'http://evil.example' },
    body: '{}',
  })
  assert.equal(cross.status, 403)
})

test('REST routes carry the contract: list, get, body, 404s, bad args', async () => {
  const body = Buffer.from('{"type":"NewMeasurement","n":1}')
  const ack = json<{ id: number }>(
    await request(`${h.core.receiver.url}/mycirrus/x?a=1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }),
  )
  const list = json<{ items: { id: number; method: string; path: string; receivedAt: number; bodySize: number }[]; nextBefore: string | null }>(
    await request(`${api}/api/deliveries?limit=1`, { headers: auth }),
  )
  assert.equal(list.items.length, 1)
  assert.equal(list.items[0]!.id, ack.id)
  assert.equal(list.items[0]!.bodySize, body.length)
  assert.equal(typeof list.items[0]!.receivedAt, 'number')

  const one = json<{ id: number; query: string; headers: [string, string][]; remoteAddress: string }>(
    await request(`${api}/api/deliveries/${ack.id}`, { headers: auth }),
  )
  assert.equal(one.query, 'a=1')
  assert.ok(one.headers.some(([n, v]) => n === 'Content-Type' && v === 'application/json'))
  assert.equal(one.remoteAddress, '127.0.0.1')

  const raw = await request(`${api}/api/deliveries/${ack.id}/body`, { headers: auth })
  assert.equal(raw.status, 200)
  assert.equal(raw.headers['content-type'], 'application/octet-stream')
  assert.deepEqual(raw.body, body)

  const missing = await request(`${api}/api/deliveries/424242`, { headers: auth })
  assert.equal(missing.status, 404)
  assert.match(json<{ error: string }>(missing).error, /not found/)
  assert.equal((await request(`${api}/api/deliveries/424242/body`, { headers: auth })).status, 404)
  assert.equal((await request(`${api}/api/deliveries?limit=abc`, { headers: auth })).status, 400)
  assert.equal((await request(`${api}/api/deliveries?before=not-a-cursor`, { headers: auth })).status, 400)
  assert.equal((await request(`${api}/api/nope`, { headers: auth })).status, 404)
  assert.equal((await request(`${api}/api/rpc/nope`, { method: 'POST', headers: auth })).status, 404)
  const badJson = await request(`${api}/api/rpc/getDelivery`, { method: 'POST', headers: auth, body: '{not json' })
  assert.equal(badJson.status, 400)
})

test('the receiver port never answers the API: it captures the request instead', async () => {
  const r = await request(`${h.core.receiver.url}/api/deliveries`, { headers: auth })
  assert.equal(r.status, 200)
  assert.equal(json<{ ok: boolean }>(r).ok, true)
  assert.equal('items' in json<object>(r), false)
})

test('RPC returns bytes as $bytes and events arrive on the SSE stream', async () => {
  const events: HooktrayEvent[] = []
  const sse = await new Promise<http.IncomingMessage>((resolve, reject) => {
    http.get(`${api}/api/events`, { headers: auth }, resolve).on('error', reject)
  })
  assert.equal(sse.headers['content-type'], 'text/event-stream; charset=utf-8')
  let buffer = ''
  sse.on('data', (d: Buffer) => {
    buffer += d.toString()
    let i
    while ((i = buffer.indexOf('\n\n')) !== -1) {
      const frame = buffer.slice(0, i)
      buffer = buffer.slice(i + 2)
      const data = frame.split('\n').find((l) => l.startsWith('data: '))
      if (data) events.push(decodeWire<HooktrayEvent>(data.slice(6)))
    }
  })
  await new Promise((r) => setTimeout(r, 50))
  const ack = json<{ id: number }>(await request(`${h.core.receiver.url}/live`, { method: 'POST', body: Buffer.from([1, 2, 3]) }))
  for (let i = 0; i < 100 && !events.some((e) => e.type === 'delivery' && e.delivery.id === ack.id); i++) {
    await new Promise((r) => setTimeout(r, 20))
  }
  const ev = events.find((e) => e.type === 'delivery' && e.delivery.id === ack.id)
  assert.ok(ev, 'delivery event received over SSE')
  sse.destroy()

  const rpc = await request(`${api}/api/rpc/getDeliveryBody`, { method: 'POST', headers: auth, body: JSON.stringify({ id: ack.id }) })
  assert.equal(rpc.status, 200)
  assert.deepEqual(Array.from(decodeWire<Uint8Array>(rpc.body.toString())), [1, 2, 3])
})

test('clear empties the store and announces it, then the changed status', async () => {
  const seen: HooktrayEvent[] = []
  const off = h.core.events.subscribe((e) => seen.push(e))
  const r = await request(`${api}/api/deliveries`, { method: 'DELETE', headers: auth })
  const afterClear = () => seen.slice(seen.findIndex((e) => e.type === 'deliveries-cleared'))
  for (let i = 0; i < 50 && !afterClear().some((e) => e.type === 'status'); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  off()
  assert.equal(r.status, 200)
  assert.ok(json<{ deleted: number }>(r).deleted > 0)
  // Earlier tests' deliveries may still end their brief tray "active" state (a tray event and a
  // status event) before the clear; those are not the clear's. The clear itself is announced
  // exactly once, then the contract's "status changed" with the new count (coalesced: once,
  // however many changes).
  assert.equal(seen.filter((e) => e.type === 'deliveries-cleared').length, 1)
  assert.deepEqual(afterClear().map((e) => e.type).filter((t) => t !== 'tray'), ['deliveries-cleared', 'status'])
  const status = afterClear().find((e) => e.type === 'status')
  assert.equal(status?.type === 'status' && status.status.deliveryCount, 0)
  assert.equal(json<{ items: unknown[] }>(await request(`${api}/api/deliveries`, { headers: auth })).items.length, 0)
})
