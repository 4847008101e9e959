import assert from 'node:assert/strict'
import { join } from 'node:path'
import { afterEach, beforeEach, test } from 'node:test'
import { tempDir } from '../../../tests/helpers/http'
import { AttemptRepository, MAX_STORED_RESPONSE_BYTES, type NewAttempt } from './attempts'
import { openDatabase, type Db } from './db'
import { DeliveryRepository, type NewDelivery } from './deliveries'
import { migrations } from './migrations'
import attemptsMigration from './migrations/004-attempts'

let t: ReturnType<typeof tempDir>
let db: Db
let deliveries: DeliveryRepository
let attempts: AttemptRepository

beforeEach(() => {
  t = tempDir()
  // Until the lead registers 004 in migrations/index.ts, add it here.
  const all = migrations.some((m) => m.version === 4) ? migrations : [...migrations, attemptsMigration]
  db = openDatabase({ file: join(t.dir, 'h.db'), migrations: all })
  deliveries = new DeliveryRepository(db)
  attempts = new AttemptRepository(db)
})
afterEach(() => {
  db.close()
  t.cleanup()
})

function delivery(): number {
  const d: NewDelivery = {
    receivedAt: 1_700_000_000_000,
    method: 'POST',
    path: '/hook',
    query: '',
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from('{}'),
    remoteAddress: '127.0.0.1',
    httpVersion: '1.1',
    responseStatus: 200,
    parseError: null,
  }
  return deliveries.insertBatch([d])[0]!.id
}

function attempt(deliveryId: number, over: Partial<NewAttempt> = {}): NewAttempt {
  return {
    kind: 'replay',
    deliveryId,
    target: 'http://localhost:3000',
    status: 200,
    error: null,
    durationMs: 12,
    responseHeaders: [['X-A', '1'], ['x-a', '2']],
    responseBody: Buffer.from([0xff, 0x00, 0x41]),
    responseBodySize: 3,
    truncated: false,
    edited: false,
    createdAt: 1_700_000_000_500,
    ...over,
  }
}

test('an attempt round-trips with the public shape; lists are newest first', () => {
  const d = delivery()
  const a = attempts.insert(attempt(d))!
  assert.deepEqual(a, {
    id: a.id,
    kind: 'replay',
    deliveryId: d,
    target: 'http://localhost:3000',
    status: 200,
    error: null,
    durationMs: 12,
    responseHeaders: [['X-A', '1'], ['x-a', '2']],
    responseBodySize: 3,
    truncated: false,
    edited: false,
    createdAt: 1_700_000_000_500,
  })
  assert.ok(attempts.body(a.id)!.equals(Buffer.from([0xff, 0x00, 0x41])))
  assert.equal(attempts.sent(a.id), null)
  const b = attempts.insert(attempt(d, { kind: 'forward', status: null, error: 'connection refused (ECONNREFUSED)', responseBody: Buffer.alloc(0), responseBodySize: 0 }))!
  const sentBody = Buffer.from([1, 2, 3])
  const c = attempts.insert(attempt(d, {
    edited: true,
    sent: { method: 'PUT', path: '/x', query: 'a=1', headers: [['Host', 'h']], resigned: true },
    sentBody,
  }))!
  assert.deepEqual(attempts.listByDelivery(d).map((x) => x.id), [c.id, b.id, a.id])
  assert.deepEqual(attempts.listByDelivery(d, 2).map((x) => x.id), [c.id, b.id])
  assert.equal(attempts.get(b.id)!.error, 'connection refused (ECONNREFUSED)')
  assert.deepEqual(attempts.sent(c.id), {
    request: { method: 'PUT', path: '/x', query: 'a=1', headers: [['Host', 'h']], resigned: true },
    body: sentBody,
  })
  assert.equal(attempts.get(999), null)
  assert.equal(attempts.body(999), null)
})

test('a stored response body never exceeds 1 MiB and a cut one is flagged', () => {
  const d = delivery()
  const big = Buffer.alloc(MAX_STORED_RESPONSE_BYTES + 10, 7)
  const a = attempts.insert(attempt(d, { responseBody: big, responseBodySize: big.length }))!
  assert.equal(a.truncated, true)
  assert.equal(a.responseBodySize, big.length)
  assert.equal(attempts.body(a.id)!.length, MAX_STORED_RESPONSE_BYTES)
})

test('an attempt for a deleted delivery is not stored', () => {
  assert.equal(attempts.insert(attempt(424242)), null)
  assert.equal((db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n, 0)
})

test('lastForwardByDeliveries gives the newest forward per delivery through the partial index', () => {
  const [d1, d2, d3] = [delivery(), delivery(), delivery()]
  attempts.insert(attempt(d1!, { kind: 'forward', status: 500 }))
  const newest = attempts.insert(attempt(d1!, { kind: 'forward', status: 201 }))!
  attempts.insert(attempt(d1!, { kind: 'replay', status: 404 }))
  const only = attempts.insert(attempt(d2!, { kind: 'forward', status: null, error: 'timed out after 10000 ms' }))!
  attempts.insert(attempt(d3!, { kind: 'replay' }))
  const got = attempts.lastForwardByDeliveries([d1!, d2!, d3!, 777])
  assert.deepEqual(got.map((a) => [a.deliveryId, a.id, a.status]).sort(), [
    [d1, newest.id, 201],
    [d2, only.id, null],
  ].sort())
  assert.deepEqual(attempts.lastForwardByDeliveries([]), [])
  const plan = JSON.stringify(
    db.prepare(`EXPLAIN QUERY PLAN SELECT a.id FROM attempts a WHERE a.delivery_id = 1 AND a.kind = 'forward' ORDER BY a.id DESC LIMIT 1`).all(),
  )
  assert.match(plan, /attempts_last_forward/)
})

test('clearing deliveries deletes their attempts and payloads (cascade with foreign_keys on)', () => {
  const d = delivery()
  attempts.insert(attempt(d))
  attempts.insert(attempt(d, { kind: 'forward' }))
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  assert.equal(count('attempts'), 2)
  assert.equal(count('attempt_payloads'), 2)
  deliveries.clear()
  assert.equal(count('attempts'), 0)
  assert.equal(count('attempt_payloads'), 0)
})

test('the table refuses an unknown kind', () => {
  const d = delivery()
  assert.throws(() => attempts.insert(attempt(d, { kind: 'retry' as 'replay' })), /CHECK constraint failed/)
})
