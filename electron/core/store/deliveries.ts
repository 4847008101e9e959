import type { Delivery, DeliveryPage, DeliverySummary, HeaderPair } from '../../../shared/types'
import type { Db } from './db'

/** A request as the receiver captured it, before it has an id. */
export interface NewDelivery {
  receivedAt: number
  method: string
  path: string
  query: string
  headers: HeaderPair[]
  body: Buffer
  remoteAddress: string
  httpVersion: string
  responseStatus: number
  parseError: string | null
  /** Set when the path belongs to a provider registration (see providers/service). */
  registrationId?: string | null
  verification?: Verification | null
  verificationReason?: string | null
}

type Verification = NonNullable<DeliverySummary['verification']>

interface SummaryRow {
  id: number
  received_at: number
  method: string
  path: string
  query: string
  content_type: string | null
  body_size: number
  remote_address: string
  response_status: number
  parse_error: string | null
  registration_id: string | null
  verification: Verification | null
  verification_reason: string | null
}

const SUMMARY_COLUMNS =
  'id, received_at, method, path, query, content_type, body_size, remote_address, response_status, parse_error, registration_id, verification, verification_reason'

function toSummary(r: SummaryRow): DeliverySummary {
  return {
    id: r.id,
    method: r.method,
    path: r.path,
    query: r.query,
    receivedAt: r.received_at,
    bodySize: r.body_size,
    contentType: r.content_type,
    remoteAddress: r.remote_address,
    responseStatus: r.response_status,
    parseError: r.parse_error,
    registrationId: r.registration_id,
    verification: r.verification,
    verificationReason: r.verification_reason,
  }
}

export function contentTypeOf(headers: HeaderPair[]): string | null {
  for (const [name, value] of headers) if (name.toLowerCase() === 'content-type') return value
  return null
}

/** All SQL about deliveries lives here; statements are prepared once per connection. */
export class DeliveryRepository {
  private readonly insertRow
  private readonly insertPayload
  private readonly byId
  private readonly payloadById
  private readonly bodyById
  private readonly bodyPrefixById
  private readonly countAll
  private cachedCount: number | null = null
  private readonly pages = new Map<string, ReturnType<Db['prepare']>>()
  private readonly deleteAll
  private readonly insertMany
  private readonly setStatus

  constructor(private readonly db: Db) {
    this.insertRow = db.prepare(`INSERT INTO deliveries
      (received_at, method, path, query, content_type, body_size, remote_address, http_version, response_status, parse_error,
       registration_id, verification, verification_reason)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.insertPayload = db.prepare(
      'INSERT INTO delivery_payloads (delivery_id, headers, body) VALUES (?, ?, ?)',
    )
    this.byId = db.prepare(`SELECT ${SUMMARY_COLUMNS}, http_version FROM deliveries WHERE id = ?`)
    this.payloadById = db.prepare('SELECT headers FROM delivery_payloads WHERE delivery_id = ?')
    this.bodyById = db.prepare('SELECT body FROM delivery_payloads WHERE delivery_id = ?')
    this.bodyPrefixById = db.prepare(
      'SELECT substr(body, 1, ?) AS body FROM delivery_payloads WHERE delivery_id = ?',
    )
    this.countAll = db.prepare('SELECT count(*) AS n FROM deliveries')
    this.setStatus = db.prepare('UPDATE deliveries SET response_status = ? WHERE id = ?')
    this.deleteAll = db.transaction(() => {
      db.prepare('DELETE FROM delivery_payloads').run()
      return db.prepare('DELETE FROM deliveries').run().changes
    })
    this.insertMany = db.transaction((items: NewDelivery[]) => items.map((d) => this.insertOne(d)))
  }

  private insertOne(d: NewDelivery): DeliverySummary {
    const contentType = contentTypeOf(d.headers)
    const registrationId = d.registrationId ?? null
    const verification = d.verification ?? null
    const verificationReason = d.verificationReason ?? null
    // Positional parameters: binding a named object costs a property lookup per column per row.
    const info = this.insertRow.run(
      d.receivedAt, d.method, d.path, d.query, contentType, d.body.length, d.remoteAddress, d.httpVersion,
      d.responseStatus, d.parseError, registrationId, verification, verificationReason,
    )
    const id = Number(info.lastInsertRowid)
    this.insertPayload.run(id, JSON.stringify(d.headers), d.body)
    return {
      id,
      method: d.method,
      path: d.path,
      query: d.query,
      receivedAt: d.receivedAt,
      bodySize: d.body.length,
      contentType,
      remoteAddress: d.remoteAddress,
      responseStatus: d.responseStatus,
      parseError: d.parseError,
      registrationId,
      verification,
      verificationReason,
    }
  }

  /** Inserts all in one transaction: either every row is committed or none is. */
  insertBatch(items: NewDelivery[]): DeliverySummary[] {
    const rows = this.insertMany(items) as DeliverySummary[]
    if (this.cachedCount !== null) this.cachedCount += rows.length
    return rows
  }

  /**
   * Newest first, keyset-paginated on id (ids only grow, so they order arrivals), optionally
   * narrowed to one registration (its (registration_id, id) index) and/or a path prefix (a range
   * on path, so `/a` never matches `/ab` unless asked for). One statement per filter shape,
   * prepared on first use.
   */
  list(limit: number, before?: number | null, registrationId?: string | null, pathPrefix?: string | null): DeliveryPage {
    const rows = this.filtered(SUMMARY_COLUMNS, limit + 1, before, registrationId, pathPrefix) as SummaryRow[]
    const more = rows.length > limit
    const items = rows.slice(0, limit).map(toSummary)
    return { items, nextBefore: more ? String(items[items.length - 1]!.id) : null }
  }

  /** The ids of the list's filter, newest first, at most `limit` (select all, bulk replay). */
  ids(limit: number, registrationId?: string | null, pathPrefix?: string | null): number[] {
    return (this.filtered('id', limit, null, registrationId, pathPrefix) as Array<{ id: number }>).map((r) => r.id)
  }

  private filtered(columns: string, limit: number, before?: number | null, registrationId?: string | null, pathPrefix?: string | null): unknown[] {
    const where: string[] = []
    const params: (string | number)[] = []
    if (registrationId != null) {
      where.push('registration_id = ?')
      params.push(registrationId)
    }
    if (pathPrefix) {
      where.push('path >= ? AND path < ?')
      params.push(pathPrefix, pathPrefix + '\u{10FFFF}')
    }
    if (before != null) {
      where.push('id < ?')
      params.push(before)
    }
    const sql = `SELECT ${columns} FROM deliveries${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`
    let stmt = this.pages.get(sql)
    if (!stmt) this.pages.set(sql, (stmt = this.db.prepare(sql)))
    return stmt.all([...params, limit])
  }

  get(id: number): Delivery | null {
    const row = this.byId.get(id) as (SummaryRow & { http_version: string }) | undefined
    if (!row) return null
    const payload = this.payloadById.get(id) as { headers: string } | undefined
    return {
      ...toSummary(row),
      httpVersion: row.http_version,
      headers: payload ? (JSON.parse(payload.headers) as HeaderPair[]) : [],
    }
  }

  body(id: number, limit?: number): Buffer | null {
    const row = (limit == null ? this.bodyById.get(id) : this.bodyPrefixById.get(limit, id)) as
      | { body: Buffer | string | null }
      | undefined
    if (!row) return null
    if (row.body == null) return Buffer.alloc(0)
    return Buffer.isBuffer(row.body) ? row.body : Buffer.from(row.body)
  }

  /** When the sender's answer came later than the commit (forwarding with-target). */
  setResponseStatus(id: number, status: number): void {
    this.setStatus.run(status, id)
  }

  /**
   * Counted once, then kept by the writes that go through this repository: count(*) scans an
   * index, milliseconds at a million rows, and the status and tray ask for it all the time.
   */
  count(): number {
    this.cachedCount ??= (this.countAll.get() as { n: number }).n
    return this.cachedCount
  }

  clear(): number {
    const deleted = this.deleteAll() as number
    this.cachedCount = 0
    return deleted
  }
}
