import type { Clock, TimerHandle } from './clock'

interface FakeTimer {
  id: number
  at: number
  fn: () => void
}

/**
 * A deterministic Clock for tests: time moves only through advance()/set(), and due timers
 * run in time order (ties in creation order) as time passes them. Nothing waits for real time.
 */
export class FakeClock implements Clock {
  private current: number
  private nextId = 1
  private readonly timers = new Map<number, FakeTimer>()

  constructor(start = 1_700_000_000_000) {
    this.current = start
  }

  now(): number {
    return this.current
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), fn }
    this.timers.set(timer.id, timer)
    return { id: timer.id }
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete((handle as { id: number }).id)
  }

  /** Number of timers still scheduled. */
  get pendingTimers(): number {
    return this.timers.size
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    this.set(this.current + ms)
  }

  /** Moves time forward to `target`, running due timers in order. */
  set(target: number): void {
    for (;;) {
      let due: FakeTimer | undefined
      for (const t of this.timers.values()) {
        if (t.at <= target && (!due || t.at < due.at || (t.at === due.at && t.id < due.id))) due = t
      }
      if (!due) break
      this.timers.delete(due.id)
      this.current = Math.max(this.current, due.at)
      due.fn()
    }
    this.current = Math.max(this.current, target)
  }
}
