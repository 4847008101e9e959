import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { tempDir } from '../../../tests/helpers/http'
import { openDatabase } from './db'
import { DeliveryRepository, type NewDelivery } from './deliveries'

function delivery(i: number, body = Buffer.from(`{"n":${i}}`)): NewDelivery {
  return {
    receivedAt: 1_700_000_000_000 + i,
    method: 'POST',
    path: `/p/${i}`,
    query: `i=${i}`,
    headers: [
      ['Content-Type', 'application/json'],
      ['X-A', '1'],
      ['x-a', '2'],
    ],
    body,
    remoteAddress: '127.0.0.1',
    httpVersion: '1.1',
    responseStatus: 200,
    parseError: null,
  }
}

test('keyset pagination walks every row once, newest first, without OFFSET', () => {
  const t = tempDir()
  const db = openDatabase({ file: join(t.dir, 'h.db') })
  try {
    const repo = new DeliveryRepository(db)
    repo.insertBatch(Array.from({ length: 250 }, (_, i) => delivery(i)))
    const seen: number[] = []
    let before: number | null = null
    let pages = 0
    for (;;) {
      const page = repo.list(100, before)
      pages++
      seen.push(...page.items.map((d) => d.id))
      if (!page.nextBefore) break
      before = Number(page.nextBefore)
    }
    assert.equal(pages, 3)
    assert.equal(seen.length, 250)
    assert.deepEqual(seen, [...seen].sort((a, b) => b - a))
    assert.equal(new Set(seen).size, 250)
    // The list statement is the plain rowid range scan, not OFFSET.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM deliveries WHERE id < 10 ORDER BY id DESC LIMIT 5').all()
    assert.match(JSON.stringify(plan), /INTEGER PRIMARY KEY|rowid/)
  } finally {
    db.close()
    t.cleanup()
  }
})

test('a delivery round-trips headers in order with duplicates, and its body byte for byte', () => {
  const t = tempDir()
  const db = openDatabase({ file: join(t.dir, 'h.db') })
  try {
    const repo = new DeliveryRepository(db)
    const bytes = Buffer.from([0, 255, 254, 0x80, 10, 13, 0])
    const [summary] = repo.insertBatch([delivery(1, bytes)])
    const got = repo.get(summary!.id)!
    assert.deepEqual(got.headers, [
      ['Content-Type', 'application/json'],
      ['X-A', '1'],
      ['x-a', '2'],
    ])
    assert.equal(got.contentType, 'application/json')
    assert.deepEqual(repo.body(summary!.id), bytes)
    assert.deepEqual(repo.body(summary!.id, 3), bytes.subarray(0, 3))
    assert.equal(repo.get(9999), null)
    assert.equal(repo.body(9999), null)
    assert.equal(repo.clear(), 1)
    assert.equal(repo.count(), 0)
    assert.equal((db.prepare('SELECT count(*) n FROM delivery_payloads').get() as { n: number }).n, 0)
  } finally {
    db.close()
    t.cleanup()
  }
})

test('a batch that fails part-way stores nothing', () => {
  const t = tempDir()
  const db = openDatabase({ file: join(t.dir, 'h.db') })
  try {
    const repo = new DeliveryRepository(db)
    const bad = { ...delivery(2), method: null as unknown as string } // NOT NULL violation
    assert.throws(() => repo.insertBatch([delivery(1), bad]))
    assert.equal(repo.count(), 0)
  } finally {
    db.close()
    t.cleanup()
  }
})

test('a path prefix narrows the list, keyset pagination still walks it whole', () => {
  const t = tempDir()
  const db = openDatabase({ file: join(t.dir, 'h.db') })
  try {
    const repo = new DeliveryRepository(db)
    const paths = ['/a/1', '/ab', '/a/2', '/b', '/a/3', '/a/é', '/a']
    repo.insertBatch(paths.map((p, i) => ({ ...delivery(i), path: p })))
    const walk = (prefix: string, pageSize: number): string[] => {
      const out: string[] = []
      let before: number | null = null
      for (;;) {
        const page = repo.list(pageSize, before, null, prefix)
        out.push(...page.items.map((d) => d.path))
        if (!page.nextBefore) return out
        before = Number(page.nextBefore)
      }
    }
    assert.deepEqual(walk('/a/', 2), ['/a/é', '/a/3', '/a/2', '/a/1'])
    assert.deepEqual(walk('/a', 10), ['/a', '/a/é', '/a/3', '/a/2', '/ab', '/a/1'])
    assert.deepEqual(walk('/zzz', 10), [])
    assert.equal(repo.list(100).items.length, paths.length)
  } finally {
    db.close()
    t.cleanup()
  }
})
