import type { Attempt, AttemptKind, HeaderPair, SentRequest } from '../../../shared/types'
import type { Db } from './db'

export type { Attempt, AttemptKind, SentRequest } from '../../../shared/types'

export interface NewAttempt {
  kind: AttemptKind
  deliveryId: number
  target: string
  status: number | null
  error: string | null
  durationMs: number
  responseHeaders: HeaderPair[]
  /** At most MAX_STORED_RESPONSE_BYTES are kept; anything longer is cut and flagged. */
  responseBody: Buffer
  responseBodySize: number
  truncated: boolean
  edited: boolean
  createdAt: number
  sent?: SentRequest | null
  /** The body as sent, when it differs from the captured one. */
  sentBody?: Buffer | null
}

export const MAX_STORED_RESPONSE_BYTES = 1024 * 1024

interface AttemptRow {
  id: number
  kind: AttemptKind
  delivery_id: number
  target: string
  status: number | null
  error: string | null
  duration_ms: number
  response_headers: string
  response_body_size: number
  truncated: number
  edited: number
  created_at: number
}

const COLUMNS =
  'id, kind, delivery_id, target, status, error, duration_ms, response_headers, response_body_size, truncated, edited, created_at'

function toAttempt(r: AttemptRow): Attempt {
  return {
    id: r.id,
    kind: r.kind,
    deliveryId: r.delivery_id,
    target: r.target,
    status: r.status,
    error: r.error,
    durationMs: r.duration_ms,
    responseHeaders: JSON.parse(r.response_headers) as HeaderPair[],
    responseBodySize: r.response_body_size,
    truncated: r.truncated === 1,
    edited: r.edited === 1,
    createdAt: r.created_at,
  }
}

function asBuffer(v: Buffer | string | null): Buffer {
  if (v == null) return Buffer.alloc(0)
  return Buffer.isBuffer(v) ? v : Buffer.from(v)
}

/** All SQL about attempts; statements prepared once per connection. */
export class AttemptRepository {
  private readonly insertRow
  private readonly insertPayload
  private readonly insertBoth
  private readonly byId
  private readonly byDelivery
  private readonly bodyById
  private readonly sentById
  private readonly lastForwards

  constructor(db: Db) {
    this.insertRow = db.prepare(`INSERT INTO attempts
      (delivery_id, kind, target, status, error, duration_ms, response_headers, response_body_size, truncated, edited, created_at)
      VALUES (@deliveryId, @kind, @target, @status, @error, @durationMs, @responseHeaders, @responseBodySize, @truncated, @edited, @createdAt)`)
    this.insertPayload = db.prepare(
      'INSERT INTO attempt_payloads (attempt_id, response_body, sent_request, sent_body) VALUES (?, ?, ?, ?)',
    )
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM attempts WHERE id = ?`)
    this.byDelivery = db.prepare(
      `SELECT ${COLUMNS} FROM attempts WHERE delivery_id = ? ORDER BY id DESC LIMIT ?`,
    )
    this.bodyById = db.prepare('SELECT response_body FROM attempt_payloads WHERE attempt_id = ?')
    this.sentById = db.prepare('SELECT sent_request, sent_body FROM attempt_payloads WHERE attempt_id = ?')
    // One statement for any number of ids (a JSON array), each resolved by a seek on the
    // partial index that holds forwards only.
    this.lastForwards = db.prepare(`SELECT ${COLUMNS} FROM attempts WHERE id IN (
      SELECT (SELECT a.id FROM attempts a WHERE a.delivery_id = j.value AND a.kind = 'forward'
              ORDER BY a.id DESC LIMIT 1)
      FROM json_each(?) j)`)
    this.insertBoth = db.transaction((a: NewAttempt, body: Buffer, truncated: boolean) => {
      const info = this.insertRow.run({
        deliveryId: a.deliveryId,
        kind: a.kind,
        target: a.target,
        status: a.status,
        error: a.error,
        durationMs: Math.max(0, Math.round(a.durationMs)),
        responseHeaders: JSON.stringify(a.responseHeaders),
        responseBodySize: a.responseBodySize,
        truncated: truncated ? 1 : 0,
        edited: a.edited ? 1 : 0,
        createdAt: a.createdAt,
      })
      const id = Number(info.lastInsertRowid)
      this.insertPayload.run(id, body, a.sent ? JSON.stringify(a.sent) : null, a.sentBody ?? null)
      return id
    })
  }

  /** Records an attempt; null when its delivery was deleted meanwhile (nothing to attach it to). */
  insert(a: NewAttempt): Attempt | null {
    const cut = a.responseBody.length > MAX_STORED_RESPONSE_BYTES
    const body = cut ? a.responseBody.subarray(0, MAX_STORED_RESPONSE_BYTES) : a.responseBody
    const truncated = a.truncated || cut || a.responseBodySize > body.length
    let id: number
    try {
      id = this.insertBoth(a, body, truncated) as number
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return null
      throw err
    }
    return this.get(id)
  }

  get(id: number): Attempt | null {
    const row = this.byId.get(id) as AttemptRow | undefined
    return row ? toAttempt(row) : null
  }

  /** Newest first. */
  listByDelivery(deliveryId: number, limit = 100): Attempt[] {
    return (this.byDelivery.all(deliveryId, limit) as AttemptRow[]).map(toAttempt)
  }

  /** The kept response body (at most 1 MiB), or null for an unknown attempt. */
  body(attemptId: number): Buffer | null {
    const row = this.bodyById.get(attemptId) as { response_body: Buffer | string | null } | undefined
    return row ? asBuffer(row.response_body) : null
  }

  /** What an edited attempt sent; null when the attempt is unknown or sent the capture as is. */
  sent(attemptId: number): { request: SentRequest; body: Buffer | null } | null {
    const row = this.sentById.get(attemptId) as
      | { sent_request: string | null; sent_body: Buffer | string | null }
      | undefined
    if (!row?.sent_request) return null
    return {
      request: JSON.parse(row.sent_request) as SentRequest,
      body: row.sent_body == null ? null : asBuffer(row.sent_body),
    }
  }

  /** The newest forward of each given delivery that has one (for the list's column). */
  lastForwardByDeliveries(deliveryIds: number[]): Attempt[] {
    if (deliveryIds.length === 0) return []
    const rows = this.lastForwards.all(JSON.stringify(deliveryIds.map(Number))) as AttemptRow[]
    return rows.map(toAttempt)
  }
}
