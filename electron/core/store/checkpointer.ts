import { Worker } from 'node:worker_threads'
import type { Db } from './db'

/**
 * Moves WAL checkpoints off the event loop. A checkpoint copies the WAL into the database and
 * fsyncs; run inline (SQLite's autocheckpoint) it stalls every request behind it and costs ~4x
 * ingest throughput here. A worker thread with its own connection runs PASSIVE checkpoints,
 * which never block the writer, and the main connection's autocheckpoint is turned off.
 * If the worker cannot start, the main connection keeps SQLite's own autocheckpoint.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.modulePath)
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {})
db.pragma('busy_timeout = 5000')
// PASSIVE never blocks the writer (a RESTART here would make its commits fail with SQLITE_BUSY).
const tick = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)')
    // How many frames the WAL holds: the writer uses it to know when to let the WAL start over.
    if (r && r.log >= 0) parentPort.postMessage({ log: r.log })
  }
  catch (err) { parentPort.postMessage({ error: String(err && err.message || err) }) }
}
const timer = setInterval(tick, workerData.intervalMs)
parentPort.postMessage({ ready: true })
parentPort.on('message', (m) => {
  if (m !== 'close') return
  clearInterval(timer)
  tick()
  db.close()
  parentPort.postMessage({ closed: true })
})
`

export interface Checkpointer {
  close(): Promise<void>
}

export async function startCheckpointer(
  db: Db,
  options: { file: string; nativeBinding?: string; intervalMs?: number; maxWalBytes?: number; settleMs?: number },
): Promise<Checkpointer> {
  let worker: Worker
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        modulePath: require.resolve('better-sqlite3'),
        file: options.file,
        nativeBinding: options.nativeBinding,
        intervalMs: options.intervalMs ?? 250,
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
  // Under sustained writing the worker never sees a moment with no new frames, so its checkpoints
  // never complete and the WAL would only grow. When the WAL (as the worker last counted it)
  // passes maxWalBytes, the writer itself runs a checkpoint between two commits: the worker has
  // already copied almost everything, so this costs little more than the fsyncs, and it
  // completes, so the next commit starts the WAL over.
  const maxWalBytes = options.maxWalBytes ?? 256 * 1024 * 1024
  const pageSize = db.pragma('page_size', { simple: true }) as number
  let walFrames = 0
  let retry: NodeJS.Timeout | null = null
  const settleNow = (tries: number): void => {
    retry = null
    try {
      if (!db.open || walFrames * pageSize <= maxWalBytes) return
      // FULL completes (this connection is the only writer) unless the worker is mid-checkpoint:
      // SQLite then answers busy at once, so try again in a moment instead of blocking.
      const [result] = db.pragma('wal_checkpoint(FULL)') as { busy: number; log: number }[]
      if (result?.busy && tries > 0) retry = setTimeout(() => settleNow(tries - 1), 2)
      else if (result && !result.busy) walFrames = 0
    } catch (err) {
      console.error('[hooktray] WAL checkpoint failed:', (err as Error).message)
    }
  }
  const settle = setInterval(() => {
    if (!retry) settleNow(100)
  }, options.settleMs ?? 1000)
  settle.unref()
  // After the WAL starts over, a file that grew past the limit is cut back to it.
  db.pragma(`journal_size_limit = ${maxWalBytes}`)
  worker.on('message', (m: { error?: string; log?: number }) => {
    if (m.error) console.error('[hooktray] checkpoint failed:', m.error)
    if (typeof m.log === 'number') walFrames = m.log
  })
  worker.on('error', (err) => {
    console.error('[hooktray] checkpointer stopped, SQLite checkpoints inline again:', err.message)
    if (db.open) db.pragma('wal_autocheckpoint = 1000')
  })
  worker.unref()
  return {
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(settle)
        if (retry) clearTimeout(retry)
        const done = (): void => resolve()
        worker.once('exit', done)
        worker.on('message', (m: { closed?: boolean }) => {
          if (m.closed) void worker.terminate().then(done, done)
        })
        // Referenced again so the process waits for the last checkpoint instead of exiting under it.
        worker.ref()
        worker.postMessage('close')
        setTimeout(() => void worker.terminate().then(done, done), 5000).unref()
      }),
  }
}
