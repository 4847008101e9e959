// Test fixtures for the replay feature: a real SQLite store and real HTTP targets on 127.0.0.1
// that record exactly what reached them.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import type { Delivery, HeaderPair } from '../../../shared/types'
import { tempDir } from '../../../tests/helpers/http'
import { AttemptRepository } from '../store/attempts'
import { openDatabase, type Db } from '../store/db'
import { DeliveryRepository, type NewDelivery } from '../store/deliveries'
import { migrations } from '../store/migrations'
import attemptsMigration from '../store/migrations/004-attempts'
import { SettingsRepository } from '../store/settings'

export interface TestStore {
  db: Db
  deliveries: DeliveryRepository
  attempts: AttemptRepository
  settings: SettingsRepository
  /** Stores a delivery (defaults: a small JSON POST) and returns it as the API would. */
  add(d?: Partial<NewDelivery>): Delivery
  close(): void
}

export function openTestStore(): TestStore {
  const t = tempDir('hooktray-replay-')
  const all = migrations.some((m) => m.version === 4) ? migrations : [...migrations, attemptsMigration]
  const db = openDatabase({ file: join(t.dir, 'h.db'), migrations: all })
  const deliveries = new DeliveryRepository(db)
  return {
    db,
    deliveries,
    attempts: new AttemptRepository(db),
    settings: new SettingsRepository(db),
    add(d = {}) {
      const [summary] = deliveries.insertBatch([
        {
          receivedAt: Date.now(),
          method: 'POST',
          path: '/hook',
          query: '',
          headers: [
            ['Host', 'abc.trycloudflare.com'],
            ['Content-Type', 'application/json'],
            ['Content-Length', '11'],
          ],
          body: Buffer.from('{"hello":1}'),
          remoteAddress: '127.0.0.1',
          httpVersion: '1.1',
          responseStatus: 200,
          parseError: null,
          ...d,
        },
      ])
      return deliveries.get(summary!.id)!
    },
    close() {
      db.close()
      t.cleanup()
    },
  }
}

/** What a target saw: the raw header list, not Node's merged object. */
export interface Seen {
  method: string
  url: string
  rawHeaders: HeaderPair[]
  body: Buffer
}

export type Responder = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void

export interface Target {
  url: string
  port: number
  seen: Seen[]
  /** Resolves once at least n requests arrived. */
  waitFor(n: number): Promise<void>
  close(): Promise<void>
}

export const answerOk: Responder = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' })
  res.end('ok')
}

export async function startTarget(respond: Responder = answerOk): Promise<Target> {
  const seen: Seen[] = []
  const waiters: { n: number; resolve: () => void }[] = []
  const sockets = new Set<Socket>()
  const server = http.createServer({ requireHostHeader: false }, (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = req.rawHeaders
      const pairs: HeaderPair[] = []
      for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!])
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', rawHeaders: pairs, body: Buffer.concat(chunks) }
      seen.push(s)
      for (const w of waiters.splice(0)) {
        if (seen.length >= w.n) w.resolve()
        else waiters.push(w)
      }
      respond(req, res, s)
    })
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.once('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    waitFor: (n) =>
      seen.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** The receiver Hooktray itself would run on, for loop checks: a port no test target uses. */
export const SELF = { receiverPort: 1, receiverHost: '127.0.0.1', publicUrl: 'https://abc.trycloudflare.com' }
