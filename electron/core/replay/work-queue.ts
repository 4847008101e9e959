export interface WorkQueueOptions {
  concurrency: number
  /** Tasks waiting (not running) at most. */
  maxItems: number
  /** Bytes held by waiting and running tasks at most (forward bodies live in memory). */
  maxBytes: number
}

interface Task {
  run: () => Promise<void>
  bytes: number
}

/**
 * A FIFO with limited concurrency and a hard bound on what it holds. `tryPush` refuses
 * rather than buffering without limit; the caller decides what a refusal means.
 */
export class WorkQueue {
  private readonly waiting: Task[] = []
  private running = 0
  private bytes = 0
  private idleWaiters: (() => void)[] = []

  constructor(private readonly options: WorkQueueOptions) {}

  tryPush(run: () => Promise<void>, bytes: number): boolean {
    if (this.waiting.length >= this.options.maxItems) return false
    // A single task larger than the whole budget still runs when nothing else is held.
    if (this.bytes > 0 && this.bytes + bytes > this.options.maxBytes) return false
    this.bytes += bytes
    this.waiting.push({ run, bytes })
    this.pump()
    return true
  }

  get pending(): number {
    return this.waiting.length + this.running
  }

  /** Resolves once nothing is waiting or running. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.waiting.length > 0) {
      const task = this.waiting.shift()!
      this.running++
      task
        .run()
        .catch((err: unknown) => console.error('[hooktray] forward task failed:', err))
        .finally(() => {
          this.running--
          this.bytes -= task.bytes
          this.pump()
          if (this.pending === 0) {
            const waiters = this.idleWaiters
            this.idleWaiters = []
            for (const w of waiters) w()
          }
        })
    }
  }
}
