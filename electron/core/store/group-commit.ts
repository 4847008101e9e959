/**
 * Collects writes submitted during one event-loop turn and commits them in a single
 * transaction. Each submitter's promise settles only after that transaction committed
 * (or failed), so a caller can acknowledge a request only once it is durable.
 */
export class GroupCommitter<In, Out> {
  private pending: { item: In; resolve: (out: Out) => void; reject: (err: unknown) => void }[] = []
  private scheduled = false
  private closed = false

  constructor(private readonly commit: (items: In[]) => Out[]) {}

  submit(item: In): Promise<Out> {
    if (this.closed) return Promise.reject(new Error('store is closed'))
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ item, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  /** Commits whatever is pending now. Called by the scheduler and before closing. */
  flush(): void {
    this.scheduled = false
    const batch = this.pending
    if (batch.length === 0) return
    this.pending = []
    let results: Out[]
    try {
      results = this.commit(batch.map((p) => p.item))
    } catch (err) {
      for (const p of batch) p.reject(err)
      return
    }
    batch.forEach((p, i) => p.resolve(results[i]!))
  }

  close(): void {
    this.flush()
    this.closed = true
  }
}
