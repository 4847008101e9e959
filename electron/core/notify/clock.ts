/** Opaque handle returned by a Clock's setTimer. */
export type TimerHandle = object

/**
 * Time and timers, injected so the policy runs under a fake clock in tests and so nothing in
 * it reaches for Date.now() or setTimeout directly.
 */
export interface Clock {
  now(): number
  setTimer(fn: () => void, ms: number): TimerHandle
  clearTimer(handle: TimerHandle): void
}

/**
 * The real clock. Timers are unref'd: a pending grouped notification must never keep a
 * headless `hooktray serve` (or a test process) alive after everything else has closed.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, Math.max(0, ms))
    t.unref()
    return t
  },
  clearTimer(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>)
  },
}
