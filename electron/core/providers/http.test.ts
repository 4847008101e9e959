import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { CredentialsError, ProviderError, ProviderUnavailableError, UnexpectedResponseError } from './errors'
import { parseRetryAfter, providerRequest } from './http'
import { recordingHttp } from './testing/capture'

// A scripted server: each request takes the next reply; the request log proves attempt counts.
type Scripted = { status: number; headers?: Record<string, string>; body?: string; hang?: boolean }
let script: Scripted[] = []
const seen: { method: string; headers: http.IncomingHttpHeaders }[] = []
let server: http.Server
let url = ''

before(async () => {
  server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', headers: req.headers })
    const next = script.shift() ?? { status: 200, body: '{}' }
    if (next.hang) return
    res.writeHead(next.status, next.headers)
    res.end(next.body ?? '')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`
})
after(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))))

function run(steps: Scripted[], overrides = {}) {
  script = steps
  seen.length = 0
  const rec = recordingHttp(overrides)
  const p = providerRequest({ provider: 'P', method: 'POST', url, json: { a: 1 }, secrets: ['sekrit-value'], settings: rec.http })
  return { p, sleeps: rec.sleeps }
}

test('429 with Retry-After in seconds is honoured, then the success is returned', async () => {
  const { p, sleeps } = run([{ status: 429, headers: { 'retry-after': '7' } }, { status: 429, headers: { 'retry-after': '2' } }, { status: 201, body: '{"id":"abc"}' }])
  const res = await p
  assert.equal(res.status, 201)
  assert.deepEqual(res.json, { id: 'abc' })
  assert.deepEqual(sleeps, [7000, 2000])
  assert.equal(seen.length, 3)
  assert.equal(seen[0]?.headers['content-type'], 'application/json')
})

test('Retry-After as an HTTP date, and the cap applies to it', async () => {
  const date = new Date(Date.now() + 3_600_000).toUTCString()
  const { p, sleeps } = run([{ status: 503, headers: { 'retry-after': date } }, { status: 200 }], { maxDelayMs: 1234 })
  await p
  assert.deepEqual(sleeps, [1234])
  assert.ok(Math.abs((parseRetryAfter(date) ?? 0) - 3_600_000) < 2_000)
  assert.equal(parseRetryAfter('soon'), null)
  assert.equal(parseRetryAfter(new Date(Date.now() - 60_000).toUTCString()), 0)
})

test('5xx without Retry-After backs off exponentially, capped', async () => {
  const { p, sleeps } = run([{ status: 500 }, { status: 502 }, { status: 503 }, { status: 200 }], { baseDelayMs: 100, maxDelayMs: 300 })
  await p
  assert.deepEqual(sleeps, [100, 200, 300])
})

test('retries run out: ProviderUnavailableError with the attempt count and provider text', async () => {
  const { p } = run([1, 2, 3].map(() => ({ status: 429, body: 'slow down' })), { maxRetries: 2 })
  const e = await p.then(() => null, (x: unknown) => x)
  assert.ok(e instanceof ProviderUnavailableError)
  assert.equal(e.attempts, 3)
  assert.equal(e.status, 429)
  assert.match(e.message, /slow down/)
  assert.equal(seen.length, 3)
})

test('401 and 403 are CredentialsError, never retried', async () => {
  for (const status of [401, 403]) {
    const { p, sleeps } = run([{ status, body: 'key expired' }])
    const e = await p.then(() => null, (x: unknown) => x)
    assert.ok(e instanceof CredentialsError)
    assert.equal(e.status, status)
    assert.equal(e.message, 'key expired')
    assert.deepEqual(sleeps, [])
  }
})

test('400/404/409 are ProviderError with the raw text word for word, secrets redacted', async () => {
  for (const status of [400, 404, 409]) {
    const { p } = run([{ status, body: `  Already registered: "x" with sekrit-value ` }])
    const e = await p.then(() => null, (x: unknown) => x)
    assert.ok(e instanceof ProviderError)
    assert.equal(e.status, status)
    assert.equal(e.providerText, 'Already registered: "x" with [redacted]')
    assert.equal(seen.length, 1)
  }
})

test('a redirect is not followed (it could carry the API key elsewhere)', async () => {
  const { p } = run([{ status: 302, headers: { location: 'http://127.0.0.1:1/steal' } }])
  await assert.rejects(p, UnexpectedResponseError)
  assert.equal(seen.length, 1)
})

test('no answer within the timeout: ProviderUnavailableError', async () => {
  const { p } = run([{ status: 0, hang: true }], { timeoutMs: 150 })
  const e = await p.then(() => null, (x: unknown) => x)
  assert.ok(e instanceof ProviderUnavailableError)
  assert.match(e.message, /no answer within 150 ms/)
})

test('connection refused: ProviderUnavailableError naming the cause', async () => {
  const closed = http.createServer()
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
  const port = (closed.address() as AddressInfo).port
  await new Promise<void>((r) => closed.close(() => r()))
  const e = await providerRequest({ provider: 'P', method: 'GET', url: `http://127.0.0.1:${port}/` }).then(() => null, (x: unknown) => x)
  assert.ok(e instanceof ProviderUnavailableError)
  assert.match(e.message, /ECONNREFUSED/)
})
