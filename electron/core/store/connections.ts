import type { Db } from './db'

/** A provider connection as stored; `credentials` is an encrypted blob (see core/secrets). */
export interface ConnectionRow {
  id: string
  provider: string
  name: string
  baseUrl: string | null
  options: Record<string, unknown>
  credentials: Buffer
  credentialsError: string | null
  createdAt: number
}

interface Raw {
  id: string
  provider: string
  name: string
  base_url: string | null
  options: string
  credentials: Buffer
  credentials_error: string | null
  created_at: number
}

const fromRaw = (r: Raw): ConnectionRow => ({
  id: r.id,
  provider: r.provider,
  name: r.name,
  baseUrl: r.base_url,
  options: JSON.parse(r.options) as Record<string, unknown>,
  credentials: r.credentials,
  credentialsError: r.credentials_error,
  createdAt: r.created_at,
})

/** All SQL about connections; statements prepared once. */
export class ConnectionRepository {
  private readonly insertStmt
  private readonly updateStmt
  private readonly errorStmt
  private readonly deleteStmt
  private readonly byIdStmt
  private readonly allStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO connections (id, provider, name, base_url, options, credentials, credentials_error, created_at)
      VALUES (@id, @provider, @name, @baseUrl, @options, @credentials, NULL, @createdAt)`)
    this.updateStmt = db.prepare(
      'UPDATE connections SET name = @name, base_url = @baseUrl, options = @options, credentials = @credentials WHERE id = @id',
    )
    this.errorStmt = db.prepare('UPDATE connections SET credentials_error = ? WHERE id = ?')
    this.deleteStmt = db.prepare('DELETE FROM connections WHERE id = ?')
    this.byIdStmt = db.prepare('SELECT * FROM connections WHERE id = ?')
    this.allStmt = db.prepare('SELECT * FROM connections ORDER BY created_at, id')
  }

  insert(row: Omit<ConnectionRow, 'credentialsError'>): ConnectionRow {
    this.insertStmt.run({ ...row, options: JSON.stringify(row.options) })
    return { ...row, credentialsError: null }
  }

  update(row: Pick<ConnectionRow, 'id' | 'name' | 'baseUrl' | 'options' | 'credentials'>): void {
    this.updateStmt.run({ ...row, options: JSON.stringify(row.options) })
  }

  /** Returns true when the stored value changed. */
  setCredentialsError(id: string, error: string | null): boolean {
    const current = this.get(id)
    if (!current || current.credentialsError === error) return false
    this.errorStmt.run(error, id)
    return true
  }

  /** Deletes the connection and, through the cascade, its registrations. */
  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0
  }

  get(id: string): ConnectionRow | null {
    const r = this.byIdStmt.get(id) as Raw | undefined
    return r ? fromRaw(r) : null
  }

  all(): ConnectionRow[] {
    return (this.allStmt.all() as Raw[]).map(fromRaw)
  }
}
