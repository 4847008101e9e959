const MINUTE_MS = 60_000

/**
 * At most `max` grants in any rolling minute. Memory is bounded by `max` (the grant times of
 * the last minute), whatever the input rate.
 */
export class RollingLimiter {
  private times: number[] = []

  constructor(private max: number) {}

  setMax(max: number): void {
    this.max = max
  }

  private prune(now: number): void {
    let drop = 0
    while (drop < this.times.length && this.times[drop]! <= now - MINUTE_MS) drop++
    if (drop) this.times = this.times.slice(drop)
  }

  /** Takes a slot when one is free at `now`. */
  tryTake(now: number): boolean {
    this.prune(now)
    if (this.times.length >= this.max) return false
    this.times.push(now)
    return true
  }

  /** When the next slot frees up (now, if one is free). */
  nextFreeAt(now: number): number {
    this.prune(now)
    if (this.times.length < this.max) return now
    return this.times[this.times.length - this.max]! + MINUTE_MS
  }
}
