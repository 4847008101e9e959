import type { z } from 'zod'
import type { Db } from './db'

/** Typed settings: each key is read and written through its own zod schema. */
export class SettingsRepository {
  private readonly getStmt
  private readonly putStmt

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT value FROM settings WHERE key = ?')
    this.putStmt = db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
  }

  /** The stored value, or `fallback` when absent or no longer valid for the schema. */
  get<S extends z.ZodType>(key: string, schema: S, fallback: z.output<S>): z.output<S> {
    const row = this.getStmt.get(key) as { value: string } | undefined
    if (!row) return fallback
    try {
      const parsed = schema.safeParse(JSON.parse(row.value))
      return parsed.success ? parsed.data : fallback
    } catch {
      return fallback
    }
  }

  set<S extends z.ZodType>(key: string, schema: S, value: z.input<S>): z.output<S> {
    const parsed = schema.parse(value)
    this.putStmt.run(key, JSON.stringify(parsed), Date.now())
    return parsed
  }
}
