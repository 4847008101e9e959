// The replay REST routes over real sockets: a real `startHeadless`, real targets on 127.0.0.1.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'
import type { HooktrayEvent } from '../../shared/contract'
import type { Attempt, BulkJob, DeliverySummary } from '../../shared/types'
import { json, request, tempDir, type Reply } from '../../tests/helpers/http'
import { closedPort, startTarget, type Responder, type Target } from '../core/replay/test-helpers'
import { parseServeArgs } from './args'
import { startHeadless, type Headless } from './serve'

const TOKEN = 'replay-routes-token'
let h: Headless
let dir: ReturnType<typeof tempDir>
let api: string
const targets: Target[] = []

before(async () => {
  dir = tempDir()
  h = await startHeadless({ ...parseServeArgs(['--port', '0', '--ui-port', '0']), dataDir: dir.dir }, { token: TOKEN })
  api = `http://127.0.0.1:${h.inspector.port}`
})
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close()
})
after(async () => {
  await h.close()
  dir.cleanup()
})

async function target(respond?: Responder): Promise<Target> {
  const t = await startTarget(respond)
  targets.push(t)
  return t
}

function call(method: string, path: string, body?: unknown): Promise<Reply> {
  return request(`${api}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function capture(path: string, body: Buffer | string, headers: [string, string][] = []): Promise<number> {
  const r = await request(`${h.core.receiver.url}${path}`, { method: 'POST', headers, body })
  assert.equal(r.status, 200)
  return json<{ id: number }>(r).id
}

function errorOf(r: Reply): string {
  return json<{ error: string }>(r).error
}

test('POST /api/deliveries/:id/replay sends the capture and returns the recorded attempt', async () => {
  const t = await target((_req, res) => {
    res.writeHead(201, { 'X-Answer': 'yes', 'Content-Type': 'application/octet-stream' })
    res.end(Buffer.from([0, 0xff, 0x80, 0x41]))
  })
  const body = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d])
  const id = await capture('/github/events?x=1', body, [['X-Case-Kept', 'A'], ['x-dup', '1'], ['X-Dup', '2']])

  const r = await call('POST', `/api/deliveries/${id}/replay`, { target: t.url })
  assert.equal(r.status, 200)
  const attempt = json<Attempt>(r)
  assert.equal(attempt.kind, 'replay')
  assert.equal(attempt.deliveryId, id)
  assert.equal(attempt.target, t.url)
  assert.equal(attempt.status, 201)
  assert.equal(attempt.error, null)
  assert.equal(attempt.responseBodySize, 4)
  assert.equal(attempt.truncated, false)
  assert.equal(typeof attempt.durationMs, 'number')
  assert.ok(attempt.responseHeaders.some(([n, v]) => n === 'X-Answer' && v === 'yes'))

  const seen = t.seen[0]!
  assert.equal(seen.url, '/github/events?x=1')
  assert.deepEqual(seen.body, body)
  const names = seen.rawHeaders.map(([n]) => n)
  assert.deepEqual(names.filter((n) => /^x-/i.test(n)), ['X-Case-Kept', 'x-dup', 'X-Dup'])

  const raw = await call('GET', `/api/attempts/${attempt.id}/body`)
  assert.equal(raw.status, 200)
  assert.equal(raw.headers['content-type'], 'application/octet-stream')
  assert.equal(raw.headers['x-content-type-options'], 'nosniff')
  assert.deepEqual(raw.body, Buffer.from([0, 0xff, 0x80, 0x41]))
})

test('edits go out as given; attempts list newest first', async () => {
  const t = await target()
  const id = await capture('/hook', '{"amount":1}', [['Content-Type', 'application/json']])
  const first = json<Attempt>(await call('POST', `/api/deliveries/${id}/replay`, { target: t.url }))
  const edited = json<Attempt>(
    await call('POST', `/api/deliveries/${id}/replay`, {
      target: `${t.url}/elsewhere`,
      edits: { method: 'PUT', query: 'y=2', headers: [['X-Only', 'this']], bodyBase64: Buffer.from('{"amount":2}').toString('base64') },
    }),
  )
  assert.equal(edited.edited, true)
  assert.equal(t.seen[1]!.method, 'PUT')
  assert.equal(t.seen[1]!.url, '/elsewhere?y=2')
  assert.equal(t.seen[1]!.body.toString(), '{"amount":2}')
  assert.ok(t.seen[1]!.rawHeaders.some(([n, v]) => n === 'X-Only' && v === 'this'))

  const list = await call('GET', `/api/deliveries/${id}/attempts`)
  assert.equal(list.status, 200)
  assert.deepEqual(json<{ items: Attempt[] }>(list).items.map((a) => a.id), [edited.id, first.id])
})

test('a target that refuses is an attempt with an error, still 200', async () => {
  const id = await capture('/x', 'payload')
  const url = `http://127.0.0.1:${await closedPort()}`
  const r = await call('POST', `/api/deliveries/${id}/replay`, { target: url })
  assert.equal(r.status, 200)
  const attempt = json<Attempt>(r)
  assert.equal(attempt.status, null)
  assert.match(attempt.error!, /ECONNREFUSED/)
})

test('bad input: 400 with the reason, 404 for unknown ids; nothing is sent', async () => {
  const t = await target()
  const id = await capture('/bad', 'x')
  const receiverPort = h.core.receiver.port
  const cases: [unknown, RegExp][] = [
    [{ target: '/relative' }, /target must be an absolute http\(s\) URL/],
    [{ target: 'ftp://example.com/' }, /target must be an absolute http\(s\) URL/],
    [{ target: `http://localhost:${receiverPort}/` }, /would loop/],
    [{ target: t.url, edits: { body: 'a', bodyBase64: 'YQ==' } }, /either body or bodyBase64/],
    [{ target: t.url, edits: { headers: [['X-Inject', 'a\r\nEvil: 1']] } }, /header "X-Inject"/],
    [{ target: t.url, edits: { headers: [['Bad Name', 'v']] } }, /header name "Bad Name"/],
    [{}, /target/],
    [[1, 2], /JSON object/],
    ['{not json', /invalid JSON/],
  ]
  for (const [body, message] of cases) {
    const r = await call('POST', `/api/deliveries/${id}/replay`, body)
    assert.equal(r.status, 400, JSON.stringify(body))
    assert.match(errorOf(r), message, JSON.stringify(body))
  }
  assert.equal((await call('POST', '/api/deliveries/987654/replay', { target: t.url })).status, 404)
  assert.equal((await call('GET', '/api/deliveries/987654/attempts')).status, 404)
  assert.equal((await call('GET', '/api/attempts/987654/body')).status, 404)
  assert.equal((await call('GET', '/api/attempts/abc/body')).status, 400)
  assert.equal(t.seen.length, 0)
})

test('GET/PUT /api/forwarding: settings, events, validation, and deliveries really forwarded', async () => {
  const t = await target()
  const initial = json<{ target: string | null; enabled: boolean; respond: string }>(await call('GET', '/api/forwarding'))
  assert.deepEqual(initial, { target: null, enabled: false, respond: 'immediately' })

  const events: HooktrayEvent[] = []
  const off = h.core.events.subscribe((e) => events.push(e))
  try {
    const put = await call('PUT', '/api/forwarding', { target: t.url, enabled: true, respond: 'immediately' })
    assert.equal(put.status, 200)
    assert.deepEqual(json(put), { target: t.url, enabled: true, respond: 'immediately' })
    assert.deepEqual(json(await call('GET', '/api/forwarding')), { target: t.url, enabled: true, respond: 'immediately' })
    assert.ok(events.some((e) => e.type === 'forwarding' && e.forwarding.target === t.url))

    const id = await capture('/github/events?x=1', '{"live":true}')
    await t.waitFor(1)
    assert.equal(t.seen[0]!.url, '/github/events?x=1')
    assert.equal(t.seen[0]!.body.toString(), '{"live":true}')
    for (let i = 0; i < 500 && !events.some((e) => e.type === 'attempt' && e.attempt.deliveryId === id); i++) {
      await new Promise((r) => setTimeout(r, 10))
    }
    const listed = json<{ items: DeliverySummary[] }>(await call('GET', '/api/deliveries?limit=5')).items.find((d) => d.id === id)
    assert.deepEqual(listed?.lastForward, { status: 200, error: null })

    const loop = await call('PUT', '/api/forwarding', { target: `http://127.0.0.1:${h.core.receiver.port}` })
    assert.equal(loop.status, 400)
    assert.match(errorOf(loop), /would loop/)
    const badMode = await call('PUT', '/api/forwarding', { respond: 'sometimes' })
    assert.equal(badMode.status, 400)
    const relative = await call('PUT', '/api/forwarding', { target: 'localhost:3000' })
    assert.equal(relative.status, 400)
    assert.match(errorOf(relative), /absolute http\(s\) URL/)
    // Refused changes leave the settings as they were.
    assert.deepEqual(json(await call('GET', '/api/forwarding')), { target: t.url, enabled: true, respond: 'immediately' })
  } finally {
    off()
    await call('PUT', '/api/forwarding', { enabled: false })
  }
  assert.equal(json<{ enabled: boolean }>(await call('GET', '/api/forwarding')).enabled, false)
})

async function waitForJob(id: string): Promise<BulkJob> {
  for (let i = 0; i < 1000; i++) {
    const job = json<BulkJob>(await call('GET', `/api/replay-jobs/${id}`))
    if (job.state !== 'running') return job
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`job ${id} still running`)
}

test('POST /api/replay-jobs → 202, progress by GET, in arrival order', async () => {
  const t = await target()
  const ids: number[] = []
  for (let i = 0; i < 6; i++) ids.push(await capture('/bulk', `{"n":${i}}`))
  const r = await call('POST', '/api/replay-jobs', { ids: [...ids].reverse(), target: t.url })
  assert.equal(r.status, 202)
  const { id } = json<{ id: string }>(r)
  const job = await waitForJob(id)
  assert.deepEqual(job, { id, state: 'done', target: t.url, total: 6, done: 6, ok: 6, failed: 0 })
  assert.deepEqual(t.seen.map((s) => s.body.toString()), ids.map((_, i) => `{"n":${i}}`))
  const listed = json<{ items: BulkJob[] }>(await call('GET', '/api/replay-jobs'))
  assert.ok(listed.items.some((j) => j.id === id))
})

test('DELETE /api/replay-jobs/:id cancels; bad jobs are 400 and unknown ones 404', async () => {
  const held: (() => void)[] = []
  const t = await target((_req, res) => held.push(() => res.end('late')))
  const ids: number[] = []
  for (let i = 0; i < 5; i++) ids.push(await capture('/slow', `${i}`))
  const { id } = json<{ id: string }>(await call('POST', '/api/replay-jobs', { ids, target: t.url }))
  await t.waitFor(1)
  const cancelled = await call('DELETE', `/api/replay-jobs/${id}`)
  assert.equal(cancelled.status, 200)
  assert.equal(json<BulkJob>(cancelled).state, 'cancelled')
  for (const release of held.splice(0)) release()
  const final = await waitForJob(id)
  assert.equal(final.state, 'cancelled')
  assert.equal(final.done, 1)
  assert.equal(t.seen.length, 1)

  const empty = await call('POST', '/api/replay-jobs', { ids: [], target: t.url })
  assert.equal(empty.status, 400)
  assert.match(errorOf(empty), /ids must not be empty/)
  const badTarget = await call('POST', '/api/replay-jobs', { ids, target: 'nope' })
  assert.equal(badTarget.status, 400)
  assert.match(errorOf(badTarget), /absolute http\(s\) URL/)
  assert.equal((await call('GET', '/api/replay-jobs/no-such-job')).status, 404)
  assert.equal((await call('DELETE', '/api/replay-jobs/no-such-job')).status, 404)
})
