import { statSync } from 'node:fs'
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
  try { db.pragma('wal_checkpoint(PASSIVE)') }
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
  options: { file: string; nativeBinding?: string; intervalMs?: number; maxWalBytes?: number },
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
  // never complete and the WAL would only grow. When the WAL file passes maxWalBytes, the writer
  // itself runs a PASSIVE checkpoint between two commits: the worker has already copied almost
  // everything, so this costs little more than the fsyncs (~40 ms here), and it completes, so the
  // next commit starts the WAL over. Rare (every ~10 s at 5 k req/s), so p99 does not feel it.
  const maxWalBytes = options.maxWalBytes ?? 256 * 1024 * 1024
  const walFile = `${options.file}-wal`
  const settle = setInterval(() => {
    try {
      if (db.open && statSync(walFile).size > maxWalBytes) db.pragma('wal_checkpoint(PASSIVE)')
    } catch {
      // SQLITE_BUSY: the worker is checkpointing right now; next second.
    }
  }, 1000)
  settle.unref()
  // After the WAL starts over, its file is cut back to this size instead of staying at its peak
  // (below maxWalBytes, so the size check above means "grew again").
  db.pragma(`journal_size_limit = ${Math.floor(maxWalBytes / 4)}`)
  worker.on('message', (m: { error?: string }) => {
    if (m.error) console.error('[hooktray] checkpoint failed:', m.error)
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
