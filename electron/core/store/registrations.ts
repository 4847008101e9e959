import type { RegistrationState } from '../../../shared/provider-schemas'
import type { Db } from './db'

/** A registration as stored; `secrets` is an encrypted blob (see core/secrets). */
export interface RegistrationRow {
  id: string
  connectionId: string
  receiverPath: string
  options: Record<string, unknown>
  state: RegistrationState
  error: string | null
  errorKind: string | null
  notice: string | null
  remoteIds: string[]
  secrets: Buffer | null
  targetUrl: string | null
  forwardTo: string | null
  unregisterOnQuit: boolean
  createdAt: number
  updatedAt: number
}

/** Fields a state change may set; absent fields are kept. */
export type RegistrationPatch = Partial<
  Pick<RegistrationRow, 'state' | 'error' | 'errorKind' | 'notice' | 'remoteIds' | 'secrets' | 'targetUrl' | 'forwardTo' | 'unregisterOnQuit' | 'receiverPath'>
>

interface Raw {
  id: string
  connection_id: string
  receiver_path: string
  options: string
  state: RegistrationState
  error: string | null
  error_kind: string | null
  notice: string | null
  remote_ids: string
  secrets: Buffer | null
  target_url: string | null
  forward_to: string | null
  unregister_on_quit: number
  created_at: number
  updated_at: number
}

const fromRaw = (r: Raw): RegistrationRow => ({
  id: r.id,
  connectionId: r.connection_id,
  receiverPath: r.receiver_path,
  options: JSON.parse(r.options) as Record<string, unknown>,
  state: r.state,
  error: r.error,
  errorKind: r.error_kind,
  notice: r.notice,
  remoteIds: JSON.parse(r.remote_ids) as string[],
  secrets: r.secrets,
  targetUrl: r.target_url,
  forwardTo: r.forward_to,
  unregisterOnQuit: r.unregister_on_quit === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const toParams = (row: RegistrationRow) => ({
  id: row.id,
  connectionId: row.connectionId,
  receiverPath: row.receiverPath,
  options: JSON.stringify(row.options),
  state: row.state,
  error: row.error,
  errorKind: row.errorKind,
  notice: row.notice,
  remoteIds: JSON.stringify(row.remoteIds),
  secrets: row.secrets,
  targetUrl: row.targetUrl,
  forwardTo: row.forwardTo,
  unregisterOnQuit: row.unregisterOnQuit ? 1 : 0,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
})

/** All SQL about registrations; statements prepared once. */
export class RegistrationRepository {
  private readonly insertStmt
  private readonly saveStmt
  private readonly byIdStmt
  private readonly allStmt
  private readonly byConnectionStmt
  private readonly liveStmt
  private readonly pathTakenStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO registrations
      (id, connection_id, receiver_path, options, state, error, error_kind, notice, remote_ids, secrets, target_url, forward_to, unregister_on_quit, created_at, updated_at)
      VALUES (@id, @connectionId, @receiverPath, @options, @state, @error, @errorKind, @notice, @remoteIds, @secrets, @targetUrl, @forwardTo, @unregisterOnQuit, @createdAt, @updatedAt)`)
    this.saveStmt = db.prepare(`UPDATE registrations SET receiver_path = @receiverPath, state = @state, error = @error,
      error_kind = @errorKind, notice = @notice, remote_ids = @remoteIds, secrets = @secrets, target_url = @targetUrl,
      forward_to = @forwardTo, unregister_on_quit = @unregisterOnQuit, updated_at = @updatedAt WHERE id = @id`)
    this.byIdStmt = db.prepare('SELECT * FROM registrations WHERE id = ?')
    this.allStmt = db.prepare('SELECT * FROM registrations ORDER BY created_at, id')
    this.byConnectionStmt = db.prepare('SELECT * FROM registrations WHERE connection_id = ? ORDER BY created_at, id')
    this.liveStmt = db.prepare("SELECT * FROM registrations WHERE state NOT IN ('stale', 'removed') ORDER BY created_at, id")
    this.pathTakenStmt = db.prepare("SELECT 1 FROM registrations WHERE receiver_path = ? AND state NOT IN ('stale', 'removed')")
  }

  insert(row: RegistrationRow): RegistrationRow {
    this.insertStmt.run(toParams(row))
    return row
  }

  /** Applies `patch` and returns the new row (null when the row is gone). */
  update(id: string, patch: RegistrationPatch, now = Date.now()): RegistrationRow | null {
    const current = this.get(id)
    if (!current) return null
    const next: RegistrationRow = { ...current, ...patch, updatedAt: now }
    this.saveStmt.run(toParams(next))
    return next
  }

  get(id: string): RegistrationRow | null {
    const r = this.byIdStmt.get(id) as Raw | undefined
    return r ? fromRaw(r) : null
  }

  all(): RegistrationRow[] {
    return (this.allStmt.all() as Raw[]).map(fromRaw)
  }

  byConnection(connectionId: string): RegistrationRow[] {
    return (this.byConnectionStmt.all(connectionId) as Raw[]).map(fromRaw)
  }

  /** Every registration whose receiver path currently claims deliveries. */
  live(): RegistrationRow[] {
    return (this.liveStmt.all() as Raw[]).map(fromRaw)
  }

  isPathTaken(path: string): boolean {
    return this.pathTakenStmt.get(path) !== undefined
  }
}
