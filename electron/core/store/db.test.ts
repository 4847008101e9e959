import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { tempDir } from '../../../tests/helpers/http'
import { checksum, openDatabase } from './db'
import { migrations } from './migrations'

test('migrations apply once, in order, recorded with checksums, in WAL mode', () => {
  const t = tempDir()
  try {
    const file = join(t.dir, 'h.db')
    const db = openDatabase({ file })
    const rows = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
      version: number
      checksum: string
    }[]
    assert.deepEqual(
      rows.map((r) => r.version),
      migrations.map((m) => m.version),
    )
    rows.forEach((r, i) => assert.equal(r.checksum, checksum(migrations[i]!.sql)))
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal')
    db.close()
    // Reopening applies nothing new and keeps the history.
    const again = openDatabase({ file })
    assert.equal((again.prepare('SELECT count(*) n FROM schema_migrations').get() as { n: number }).n, rows.length)
    again.close()
  } finally {
    t.cleanup()
  }
})

test('a database whose migration history differs from the code is refused and left untouched', () => {
  const t = tempDir()
  try {
    const file = join(t.dir, 'h.db')
    openDatabase({ file }).close()
    const raw = new Database(file)
    raw.prepare("INSERT INTO deliveries (received_at, method, path, query, body_size, remote_address, http_version, response_status) VALUES (1, 'POST', '/keep', '', 0, '', '1.1', 200)").run()
    raw.prepare("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1").run()
    raw.close()
    assert.throws(() => openDatabase({ file }), /checksum mismatch/)

    const raw2 = new Database(file)
    raw2.prepare("UPDATE schema_migrations SET checksum = ? WHERE version = 1").run(checksum(migrations[0]!.sql))
    raw2.prepare("INSERT INTO schema_migrations VALUES (999, 'from-the-future', 'x', 0)").run()
    raw2.close()
    assert.throws(() => openDatabase({ file }), /newer Hooktray/)

    const check = new Database(file, { readonly: true })
    assert.equal((check.prepare("SELECT count(*) n FROM deliveries WHERE path = '/keep'").get() as { n: number }).n, 1)
    check.close()
  } finally {
    t.cleanup()
  }
})

test('a failing migration rolls back whole and records nothing', () => {
  const t = tempDir()
  try {
    const file = join(t.dir, 'h.db')
    const broken = [...migrations, { version: 900, name: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM no_such_table;' }]
    assert.throws(() => openDatabase({ file, migrations: broken }), /no such table/)
    const raw = new Database(file, { readonly: true })
    assert.equal(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get(), undefined)
    assert.equal(raw.prepare('SELECT version FROM schema_migrations WHERE version = 900').get(), undefined)
    raw.close()
  } finally {
    t.cleanup()
  }
})
