import { randomUUID } from 'node:crypto'
import type { Attempt, BulkJob } from '../../../shared/types'
import type { Replayer } from './replayer'
import { bulkReplaySchema, type BulkReplayInput } from './schemas'
import { checked } from './settings'

export type { BulkJob, JobState } from '../../../shared/types'

export interface JobManagerDeps {
  replayer: Pick<Replayer, 'replay' | 'checkTarget'>
  /** Throttled to one call per progressIntervalMs, plus the final state. */
  onProgress?: (job: BulkJob) => void
  progressIntervalMs?: number
  /** Finished jobs remembered for get() (default 50). */
  keepFinished?: number
}

interface Run {
  job: BulkJob
  stop: boolean
  finished: Promise<void>
  timer: NodeJS.Timeout | null
  lastEmit: number
  /** Every attempt of the job has finished (a cancelled job may still have some in flight). */
  ended: boolean
}

export function attemptOk(a: Attempt): boolean {
  return a.status !== null && a.error === null && a.status < 400
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Bulk replays: many deliveries to one target, in arrival order unless a concurrency is chosen. */
export class JobManager {
  private readonly runs = new Map<string, Run>()

  constructor(private readonly deps: JobManagerDeps) {}

  /** Validates everything up front (ApiError 400) and starts the job in the background. */
  start(input: BulkReplayInput): { id: string } {
    const args = checked(bulkReplaySchema, input)
    const { target, keepTunnelHeaders } = args
    this.deps.replayer.checkTarget(target)
    // Ids only grow, so ascending id is arrival order.
    const ids = [...new Set(args.ids)].sort((a, b) => a - b)
    const job: BulkJob = { id: randomUUID(), state: 'running', target, total: ids.length, done: 0, ok: 0, failed: 0 }
    const run: Run = { job, stop: false, finished: Promise.resolve(), timer: null, lastEmit: 0, ended: false }

    let next = 0
    const worker = async (): Promise<void> => {
      while (!run.stop && next < ids.length) {
        const id = ids[next++]!
        try {
          const attempt = await this.deps.replayer.replay(id, { target, keepTunnelHeaders })
          if (attemptOk(attempt)) job.ok++
          else job.failed++
        } catch {
          job.failed++
        }
        job.done++
        this.progress(run)
        // Reading a large body from SQLite is synchronous: let capture run between sends.
        await yieldToLoop()
      }
    }
    const workers = Array.from({ length: Math.min(args.concurrency ?? 1, ids.length) }, worker)
    run.finished = Promise.all(workers).then(() => {
      if (job.state === 'running') job.state = 'done'
      run.ended = true
      if (run.timer) clearTimeout(run.timer)
      run.timer = null
      this.emit(run)
      this.prune()
    })
    this.runs.set(job.id, run)
    this.progress(run)
    return { id: job.id }
  }

  get(id: string): BulkJob | null {
    const run = this.runs.get(id)
    return run ? { ...run.job } : null
  }

  list(): BulkJob[] {
    return [...this.runs.values()].map((r) => ({ ...r.job }))
  }

  /** Sends nothing more; attempts already in flight finish and are counted. */
  cancel(id: string): BulkJob | null {
    const run = this.runs.get(id)
    if (!run) return null
    if (run.job.state === 'running') {
      run.stop = true
      run.job.state = 'cancelled'
      this.progress(run)
    }
    return { ...run.job }
  }

  /** Resolves with the final state once the job's last attempt is done. */
  async wait(id: string): Promise<BulkJob | null> {
    const run = this.runs.get(id)
    if (!run) return null
    await run.finished
    return { ...run.job }
  }

  /** Cancels every running job and waits for their attempts in flight. */
  async close(): Promise<void> {
    for (const id of this.runs.keys()) this.cancel(id)
    await Promise.all([...this.runs.values()].map((r) => r.finished))
  }

  private progress(run: Run): void {
    if (run.timer) return
    const interval = this.deps.progressIntervalMs ?? 100
    const wait = run.lastEmit + interval - Date.now()
    if (wait <= 0) {
      this.emit(run)
      return
    }
    run.timer = setTimeout(() => {
      run.timer = null
      this.emit(run)
    }, wait)
  }

  private emit(run: Run): void {
    run.lastEmit = Date.now()
    try {
      this.deps.onProgress?.({ ...run.job })
    } catch (err) {
      console.error('[hooktray] bulk replay progress listener failed:', err)
    }
  }

  private prune(): void {
    const keep = this.deps.keepFinished ?? 50
    const finished = [...this.runs.values()].filter((r) => r.ended)
    for (const r of finished.slice(0, Math.max(0, finished.length - keep))) this.runs.delete(r.job.id)
  }
}
