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
    // How many frames the WAL holds and how many are copied: the writer uses it to know when to
    // let the WAL start over.
    if (r && r.log >= 0) parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed })
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) })
  }
  if (!closing) timer = setTimeout(tick, workerData.intervalMs)
}
parentPort.postMessage({ ready: true })
timer = setTimeout(tick, workerData.intervalMs)
parentPort.on('message', (m) => {
  if (m !== 'close') return
  closing = true
  if (timer) clearTimeout(timer)
  db.close()
  parentPort.postMessage({ closed: true })
  parentPort.close()
})
`

export interface Checkpointer {
  /** True while checkpoints run in the worker (false: SQLite checkpoints inline). */
  readonly background: boolean
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
    return { background: false, close: async () => {} }
  }
  db.pragma('wal_autocheckpoint = 0')
  // Under sustained writing the worker never finds a moment with no new frames, so the WAL never
  // starts over and would only grow. When it passes maxWalBytes (as the worker last counted), the
  // writer runs a PASSIVE checkpoint itself between two commits: the worker has copied nearly
  // everything, so this copies a few pages, and it completes (nothing else writes), so the next
  // commit starts the WAL over from its beginning.
  const maxWalBytes = options.maxWalBytes ?? 64 * 1024 * 1024
  const pageSize = db.pragma('page_size', { simple: true }) as number
  let walFrames = 0
  let copied = 0
  const settle = (): void => {
    try {
      if (!db.open || walFrames * pageSize <= maxWalBytes) return
      // Wait for the worker to be nearly caught up, so the writer's share stays small; past
      // twice the limit, settle anyway.
      if (walFrames - copied > 2048 && walFrames * pageSize <= 2 * maxWalBytes) return
      const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]
      // busy: the worker holds the checkpoint lock right now; the next settle tries again.
      if (r && !r.busy && r.checkpointed === r.log) walFrames = copied = 0
    } catch (err) {
      console.error('[hooktray] WAL checkpoint failed:', (err as Error).message)
    }
  }
  const settleTimer = setInterval(settle, options.settleMs ?? 100)
  settleTimer.unref()
  // After the WAL starts over, a file that grew past the limit is cut back to it.
  db.pragma(`journal_size_limit = ${maxWalBytes}`)
  let background = true
  worker.on('message', (m: { error?: string; log?: number; checkpointed?: number }) => {
    if (m.error) console.error('[hooktray] checkpoint failed:', m.error)
    if (typeof m.log === 'number') {
      walFrames = m.log
      copied = m.checkpointed ?? 0
    }
  })
  worker.on('error', (err) => {
    console.error('[hooktray] checkpointer stopped, SQLite checkpoints inline again:', err.message)
    background = false
    clearInterval(settleTimer)
    if (db.open) db.pragma('wal_autocheckpoint = 1000')
  })
  worker.unref()
  let closing: Promise<void> | null = null
  return {
    get background() {
      return background
    },
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
