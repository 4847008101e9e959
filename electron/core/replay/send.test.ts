import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { tempDir } from '../../../tests/helpers/http'
import { MAX_STORED_RESPONSE_BYTES } from '../store/attempts'
import { Replayer } from './replayer'
import { describeError, sendRequest } from './send'
import { closedPort, openTestStore, SELF, startTarget, type TestStore } from './test-helpers'

let store: TestStore
before(() => {
  store = openTestStore()
})
after(() => store.close())

const replayerWith = (timeoutMs = 10_000, tls?: https.RequestOptions) =>
  new Replayer({
    deliveries: store.deliveries,
    attempts: store.attempts,
    self: () => SELF,
    timeoutMs: () => timeoutMs,
    tls: tls && { ca: tls.ca },
  })

test('a refused connection is recorded in words, with no status', async () => {
  const d = store.add()
  const port = await closedPort()
  const attempt = await replayerWith().replay(d.id, { target: `http://127.0.0.1:${port}` })
  assert.equal(attempt.status, null)
  assert.equal(attempt.error, 'connection refused (ECONNREFUSED)')
  assert.deepEqual(store.attempts.get(attempt.id), attempt)
})

test('a target that never answers times out after the configured time', async () => {
  const hanging = await startTarget(() => {})
  try {
    const d = store.add()
    const attempt = await replayerWith(300).replay(d.id, { target: hanging.url })
    assert.equal(attempt.status, null)
    assert.equal(attempt.error, 'timed out after 300 ms')
    assert.equal(hanging.seen.length, 1)
  } finally {
    await hanging.close()
  }
})

test('a huge response is counted but only its first MiB is kept and stored, flagged truncated', async () => {
  const size = 40 * 1024 * 1024
  const chunk = Buffer.alloc(64 * 1024, 0x61)
  chunk.write('START', 0)
  const big = await startTarget((_req, res) => {
    res.writeHead(200, { 'Content-Length': String(size) })
    let sent = 0
    const pump = () => {
      while (sent < size) {
        sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    pump()
  })
  try {
    const d = store.add()
    const attempt = await replayerWith().replay(d.id, { target: big.url })
    assert.equal(attempt.status, 200)
    assert.equal(attempt.error, null)
    assert.equal(attempt.truncated, true)
    assert.equal(attempt.responseBodySize, size)
    const kept = store.attempts.body(attempt.id)!
    assert.equal(kept.length, MAX_STORED_RESPONSE_BYTES)
    assert.equal(kept.subarray(0, 5).toString(), 'START')
  } finally {
    await big.close()
  }
})

test('an endless response is cut once the read limit is reached; memory holds at most keepBytes', async () => {
  let serverSideClosed!: () => void
  const closed = new Promise<void>((resolve) => (serverSideClosed = resolve))
  const endless = await startTarget((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' })
    const chunk = Buffer.alloc(64 * 1024, 0x62)
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump)
    }
    res.on('close', () => serverSideClosed())
    pump()
  })
  try {
    const result = await sendRequest(
      { url: new URL(endless.url), method: 'GET', path: '/', headers: [['Host', 'x']], body: Buffer.alloc(0) },
      { maxResponseBytes: 4 * 1024 * 1024, keepBytes: 1024 * 1024 },
    )
    assert.equal(result.status, 200)
    assert.match(result.error!, /exceeds 4194304 bytes: stopped reading/)
    assert.equal(result.truncated, true)
    assert.equal(result.responseBody.length, 1024 * 1024)
    assert.ok(result.responseBodySize > 4 * 1024 * 1024)
    // The socket was destroyed, so the writer at the other end sees its response close.
    await closed
  } finally {
    await endless.close()
  }
})

test('a target that drops the connection before answering: socket hang up', async () => {
  const dropper = await startTarget((req) => req.socket.destroy())
  try {
    const attempt = await replayerWith().replay(store.add().id, { target: dropper.url })
    assert.equal(attempt.status, null)
    assert.equal(attempt.error, 'socket hang up (ECONNRESET)')
  } finally {
    await dropper.close()
  }
})

test('a target that drops the connection mid-response keeps its status and says so', async () => {
  const dropper = await startTarget((req, res) => {
    res.writeHead(200, { 'Content-Length': '1000' })
    res.write('partial', () => setTimeout(() => req.socket.destroy(), 20))
  })
  try {
    const attempt = await replayerWith().replay(store.add().id, { target: dropper.url })
    assert.equal(attempt.status, 200)
    assert.equal(attempt.error, 'connection dropped before the response was complete')
    assert.equal(store.attempts.body(attempt.id)!.toString(), 'partial')
  } finally {
    await dropper.close()
  }
})

test('https: an untrusted certificate is a TLS error; a trusted one is sent to', async (t) => {
  const dir = tempDir('hooktray-tls-')
  t.after(() => dir.cleanup())
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', join(dir.dir, 'key.pem'), '-out', join(dir.dir, 'cert.pem'),
    ], { stdio: 'ignore' })
  } catch {
    t.skip('openssl is not available to make a test certificate')
    return
  }
  const cert = readFileSync(join(dir.dir, 'cert.pem'))
  const seen: { host: string | undefined; body: string }[] = []
  const server = https.createServer({ key: readFileSync(join(dir.dir, 'key.pem')), cert }, (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      seen.push({ host: req.headers.host, body: Buffer.concat(chunks).toString() })
      res.end('secure')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const port = (server.address() as AddressInfo).port
  const d = store.add()

  const untrusted = await replayerWith().replay(d.id, { target: `https://localhost:${port}` })
  assert.equal(untrusted.status, null)
  assert.match(untrusted.error!, /^TLS error: .*\(DEPTH_ZERO_SELF_SIGNED_CERT\)$/)

  const trusted = await replayerWith(10_000, { ca: cert }).replay(d.id, { target: `https://localhost:${port}/in` })
  assert.equal(trusted.error, null)
  assert.equal(trusted.status, 200)
  assert.deepEqual(seen, [{ host: `localhost:${port}`, body: '{"hello":1}' }])
})

test('network errors read as words', () => {
  const url = new URL('http://hooks.example.invalid:3000/')
  const err = (code: string, message = code) => Object.assign(new Error(message), { code })
  assert.equal(describeError(err('ENOTFOUND', 'getaddrinfo ENOTFOUND'), url), 'DNS lookup failed: host hooks.example.invalid not found (ENOTFOUND)')
  assert.equal(describeError(err('EAI_AGAIN'), url), 'DNS lookup failed for hooks.example.invalid: temporary failure (EAI_AGAIN)')
  assert.equal(describeError(err('ECONNRESET', 'socket hang up'), url), 'socket hang up (ECONNRESET)')
  assert.equal(describeError(err('ECONNRESET', 'read ECONNRESET'), url), 'connection reset by the target (ECONNRESET)')
  assert.equal(describeError(err('CERT_HAS_EXPIRED', 'certificate has expired'), url), 'TLS error: certificate has expired (CERT_HAS_EXPIRED)')
  assert.equal(describeError(err('EHOSTUNREACH'), url), 'host unreachable (EHOSTUNREACH)')
})

test('a target that answers before reading the whole body is recorded with its answer', async (t) => {
  const server = http.createServer((_req, res) => {
    res.writeHead(413, { Connection: 'close', 'Content-Type': 'text/plain' })
    res.end('too large')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const port = (server.address() as AddressInfo).port
  const d = store.add({ body: Buffer.alloc(8 * 1024 * 1024, 1) })
  const attempt = await replayerWith().replay(d.id, { target: `http://127.0.0.1:${port}` })
  assert.equal(attempt.status, 413)
  assert.equal(attempt.error, null)
  assert.equal(store.attempts.body(attempt.id)!.toString(), 'too large')
})
