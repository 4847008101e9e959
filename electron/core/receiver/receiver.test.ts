import assert from 'node:assert/strict'
import http from 'node:http'
import net from 'node:net'
import { after, before, test } from 'node:test'
import { json, request, tempDir } from '../../../tests/helpers/http'
import { createCore, type Core } from '../core'

let core: Core
let dir: ReturnType<typeof tempDir>
const LIMIT = 64 * 1024

before(async () => {
  dir = tempDir()
  core = await createCore({ dataDir: dir.dir, port: 0, bodyLimit: LIMIT })
})
after(async () => {
  await core.close()
  dir.cleanup()
})

async function lastDelivery() {
  const page = await core.api.listDeliveries({ limit: 1 })
  return page.items[0] ? core.api.getDelivery({ id: page.items[0].id }) : null
}

test('captures method, raw path and query, ordered headers with duplicates and case, body bytes', async () => {
  const body = Buffer.from([0x00, 0xff, 0xc3, 0x28, 0x0a, 0x7b])
  const reply = await request(`${core.receiver.url}/hooks/a%20b/c?x=1&x=2&empty=&utf=%E2%9C%93`, {
    method: 'PATCH',
    headers: [
      ['Content-Type', 'application/octet-stream'],
      ['X-Dup', 'one'],
      ['x-dup', 'two'],
      ['X-Mixed-Case', 'Value'],
    ],
    body,
  })
  assert.equal(reply.status, 200)
  const ack = json<{ ok: boolean; id: number }>(reply)
  assert.equal(ack.ok, true)
  const d = await core.api.getDelivery({ id: ack.id })
  assert.equal(d.method, 'PATCH')
  assert.equal(d.path, '/hooks/a%20b/c')
  assert.equal(d.query, 'x=1&x=2&empty=&utf=%E2%9C%93')
  const names = d.headers.map(([n]) => n)
  assert.deepEqual(names.slice(names.indexOf('Content-Type'), names.indexOf('X-Mixed-Case') + 1), [
    'Content-Type',
    'X-Dup',
    'x-dup',
    'X-Mixed-Case',
  ])
  assert.deepEqual(
    d.headers.filter(([n]) => n.toLowerCase() === 'x-dup'),
    [
      ['X-Dup', 'one'],
      ['x-dup', 'two'],
    ],
  )
  assert.equal(d.bodySize, body.length)
  assert.equal(d.remoteAddress, '127.0.0.1')
  assert.ok(Math.abs(d.receivedAt - Date.now()) < 60_000)
  assert.deepEqual(Buffer.from(await core.api.getDeliveryBody({ id: ack.id })), body)
})

test('any method and path is a capture, including ones that look like the API', async () => {
  for (const [method, path] of [
    ['PROPFIND', '/'],
    ['DELETE', '/api/deliveries'],
    ['GET', '/api/health'],
    ['OPTIONS', '/*'],
  ] as const) {
    const reply = await request(`${core.receiver.url}${path}`, { method })
    assert.equal(reply.status, 200, `${method} ${path}`)
    const d = await lastDelivery()
    assert.equal(d?.method, method)
    assert.equal(d?.path, path)
  }
})

test('a chunked body is stored decoded and whole', async () => {
  const parts = ['{"a":', '1,"b":', '"x"}']
  const id = await new Promise<number>((resolve, reject) => {
    const req = http.request(`${core.receiver.url}/chunked`, { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve((JSON.parse(Buffer.concat(chunks).toString()) as { id: number }).id))
    })
    req.on('error', reject)
    for (const p of parts) req.write(p)
    req.end()
  })
  assert.equal(Buffer.from(await core.api.getDeliveryBody({ id })).toString(), parts.join(''))
})

test('an over-limit body gets 413 and leaves nothing stored (declared length and streamed)', async () => {
  const countBefore = core.status().deliveryCount
  const declared = await request(`${core.receiver.url}/big`, { method: 'POST', body: Buffer.alloc(LIMIT + 1, 1) })
  assert.equal(declared.status, 413)
  assert.match(json<{ error: string }>(declared).error, /limit/)

  const streamed = await new Promise<number>((resolve, reject) => {
    const req = http.request(`${core.receiver.url}/big-chunked`, { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    const chunk = Buffer.alloc(16 * 1024, 2)
    let sent = 0
    const pump = (): void => {
      while (sent <= LIMIT + chunk.length) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
  assert.equal(streamed, 413)
  // A body exactly at the limit is fine.
  const exact = await request(`${core.receiver.url}/exact`, { method: 'POST', body: Buffer.alloc(LIMIT, 3) })
  assert.equal(exact.status, 200)
  assert.equal(core.status().deliveryCount, countBefore + 1)
  assert.equal((await lastDelivery())?.path, '/exact')
})

test('bytes that are not HTTP are still captured raw, flagged, and answered 400', async () => {
  const garbage = Buffer.from('NOT\x01HTTP AT ALL\r\n\r\n')
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(core.receiver.port, '127.0.0.1', () => socket.end(garbage))
    let text = ''
    socket.on('data', (d) => (text += d.toString()))
    socket.on('close', () => resolve(text))
    socket.on('error', reject)
  })
  assert.match(answer, /^HTTP\/1\.1 400/)
  const d = await lastDelivery()
  assert.ok(d?.parseError, 'flagged with the parser error')
  assert.equal(d?.responseStatus, 400)
  assert.deepEqual(Buffer.from(await core.api.getDeliveryBody({ id: d!.id })).subarray(0, 3).toString(), 'NOT')
})

test('concurrent requests are all acknowledged only once stored', async () => {
  const before = core.status().deliveryCount
  const replies = await Promise.all(
    Array.from({ length: 60 }, (_, i) => request(`${core.receiver.url}/burst/${i}`, { method: 'POST', body: `{"i":${i}}` })),
  )
  const ids = replies.map((r) => {
    assert.equal(r.status, 200)
    return json<{ id: number }>(r).id
  })
  assert.equal(new Set(ids).size, 60)
  assert.equal(core.status().deliveryCount, before + 60)
  for (const id of ids.slice(0, 5)) assert.match((await core.api.getDelivery({ id })).path, /^\/burst\/\d+$/)
})

test('a request the store cannot commit is answered 500, never 2xx', async () => {
  const t = tempDir()
  const broken = await createCore({ dataDir: t.dir, port: 0 })
  try {
    broken.db.exec('DROP TABLE delivery_payloads')
    const reply = await request(`${broken.receiver.url}/lost`, { method: 'POST', body: 'x' })
    assert.equal(reply.status, 500)
    assert.equal(broken.status().deliveryCount, 0)
  } finally {
    await broken.close()
    t.cleanup()
  }
})
