import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrations as defaultMigrations, type Migration } from './migrations'

export type Db = Database.Database

export interface OpenOptions {
  /** Absolute path of the SQLite file. */
  file: string
  /** Path of a better-sqlite3 addon built for this runtime (Electron passes its own build). */
  nativeBinding?: string
  migrations?: Migration[]
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex')
}

export function openDatabase({ file, nativeBinding, migrations = defaultMigrations }: OpenOptions): Db {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file, nativeBinding ? { nativeBinding } : {})
  try {
    // WAL + NORMAL: a commit is durable against a process crash, and readers never block the writer.
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, migrations)
  } catch (err) {
    db.close()
    throw err
  }
  return db
}

/**
 * Applies pending migrations, each in its own transaction, and records its checksum.
 * A database whose recorded history differs from the code (edited or unknown migration)
 * is refused, never "repaired": it holds the user's deliveries.
 */
export function migrate(db: Db, migrations: Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`)
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as { version: number; name: string; checksum: string }[]
  const known = new Map(migrations.map((m) => [m.version, m]))
  for (const row of applied) {
    const m = known.get(row.version)
    if (!m) {
      throw new Error(
        `Database was written by a newer Hooktray (migration ${row.version} "${row.name}" is unknown to this version). Upgrade Hooktray; the database was left untouched.`,
      )
    }
    if (checksum(m.sql) !== row.checksum) {
      throw new Error(
        `Migration ${row.version} "${row.name}" differs from the one that created this database (checksum mismatch). The database was left untouched.`,
      )
    }
  }
  const done = new Set(applied.map((r) => r.version))
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  )
  const sorted = [...migrations].sort((a, b) => a.version - b.version)
  for (const m of sorted) {
    if (done.has(m.version)) continue
    db.transaction(() => {
      db.exec(m.sql)
      record.run(m.version, m.name, checksum(m.sql), Date.now())
    })()
  }
}
