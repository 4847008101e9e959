import { Worker } from 'node:worker_threads'
import type { Db } from './db'

/**
 * Moves WAL checkpoints off the event loop. A checkpoint copies the WAL into the database file
 * and fsyncs both; SQLite's inline autocheckpoint runs it on the committing thread, where the
 * fsync alone cost ~6 µs per 1 KB delivery and a 13–20 ms stall every 1000 pages (the ingest
 * p99). A worker thread with its own connection runs PASSIVE checkpoints, which never block the
 * writer and never make its commits busy; the main connection's autocheckpoint is turned off.
 * If the worker cannot start, the main connection keeps SQLite's own autocheckpoint.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.modulePath)
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {})
db.pragma('synchronous = NORMAL')
let timer = null
let closing = false
// PASSIVE never waits for and never blocks the writer (RESTART or FULL here would make the
// writer's commits wait or fail with SQLITE_BUSY).
const tick = () => {
  timer = null
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)')
    // How many frames the WAL holds: the writer uses it to know when to let the WAL start over.
    if (r && r.log >= 0) parentPort.postMessage({ log: r.log })
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) })
  }
  if (!closing) timer = setTimeout(tick, workerData.intervalMs)
}
parentPort.postMessage({ ready: true })
timer = setTimeout(tick, workerData.intervalMs)
parentPort.on('message', (m) => {
  if (m === 'now') {
    // The writer is about to settle: copy what is there now, so little is left for it.
    if (timer) clearTimeout(timer)
    if (!closing) tick()
    return
  }
  if (m !== 'close') return
  closing = true
  if (timer) clearTimeout(timer)
  db.close()
  parentPort.postMessage({ closed: true })
  parentPort.close()
})
`

export interface Checkpointer {
  close(): Promise<void>
}

export interface CheckpointerOptions {
  file: string
  nativeBinding?: string
  /** Pause between two background checkpoints. */
  intervalMs?: number
  /** Past this many WAL bytes the writer lets the WAL start over (and cuts the file back to it). */
  maxWalBytes?: number
  /** How often the writer looks at the WAL size. */
  settleMs?: number
}

export async function startCheckpointer(db: Db, options: CheckpointerOptions): Promise<Checkpointer> {
  let worker: Worker
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        modulePath: require.resolve('better-sqlite3'),
        file: options.file,
        nativeBinding: options.nativeBinding,
        intervalMs: options.intervalMs ?? 50,
      },
    })
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { ready?: boolean }) => (m.ready ? resolve() : reject(new Error('checkpointer did not start'))))
      worker.once('error', reject)
    })
  } catch (err) {
    console.error('[hooktray] background checkpoints unavailable, SQLite checkpoints inline:', (err as Error).message)
    return { close: async () => {} }
  }
  db.pragma('wal_autocheckpoint = 0')
  // Under sustained writing the worker never finds a moment with no new frames, so the WAL never
  // starts over and would only grow. Past maxWalBytes (as the worker last counted) the writer
  // asks the worker for a checkpoint right away and, the moment it reports, runs a PASSIVE one
  // itself: only what was committed meanwhile is left to copy, and it completes (this connection
  // is the only writer), so the next commit starts the WAL over from its beginning.
  // A settle still costs the writer two fsyncs (10–30 ms here, a stall every waiting request
  // feels), so it is rare: at 5 k deliveries/s the WAL grows ~24 MB/s (each small commit rewrites
  // its tables' last pages), a settle every ~10 s. When ingest pauses for a moment, the worker's
  // checkpoint completes by itself and the WAL starts over with no settle at all.
  const maxWalBytes = options.maxWalBytes ?? 256 * 1024 * 1024
  const pageSize = db.pragma('page_size', { simple: true }) as number
  let walFrames = 0
  let asked = false
  const settle = (): void => {
    asked = false
    try {
      if (!db.open) return
      const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]
      // busy: the worker holds the checkpoint lock right now; its next report tries again.
      if (r && !r.busy && r.checkpointed === r.log) walFrames = 0
    } catch (err) {
      console.error('[hooktray] WAL checkpoint failed:', (err as Error).message)
    }
  }
  const check = (): void => {
    if (!asked && walFrames * pageSize > maxWalBytes) {
      asked = true
      worker.postMessage('now')
    }
  }
  const settleTimer = setInterval(check, options.settleMs ?? 100)
  settleTimer.unref()
  // After the WAL starts over, a longer file is cut back to the limit. Only just longer: cutting
  // hundreds of MB off a file stalled the commit that did it by 100+ ms here.
  db.pragma(`journal_size_limit = ${maxWalBytes}`)
  worker.on('message', (m: { error?: string; log?: number }) => {
    if (m.error) {
      console.error('[hooktray] checkpoint failed:', m.error)
      asked = false
    }
    if (typeof m.log === 'number') {
      walFrames = m.log
      if (asked) settle()
    }
  })
  worker.on('error', (err) => {
    console.error('[hooktray] checkpointer stopped, SQLite checkpoints inline again:', err.message)
    clearInterval(settleTimer)
    if (db.open) db.pragma('wal_autocheckpoint = 1000')
  })
  worker.unref()
  let closing: Promise<void> | null = null
  return {
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        clearInterval(settleTimer)
        const done = (): void => resolve()
        worker.once('exit', done)
        // Referenced again so the process waits for the worker's connection to close.
        worker.ref()
        worker.postMessage('close')
        setTimeout(() => void worker.terminate().then(done, done), 5000).unref()
      })),
  }
}
