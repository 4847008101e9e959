export type UnreadListener = (unread: number) => void

/**
 * Counts deliveries that arrived while the window was hidden or unfocused. Focusing the window
 * shows them, so it marks them read; clear() does the same on demand (e.g. a notification click).
 */
export class UnreadTracker {
  private count = 0
  private focused: boolean
  /** When a leased focus lapses (null: it holds until the next report). */
  private focusedUntil: number | null = null
  private readonly now: () => number
  private readonly listeners = new Set<UnreadListener>()

  constructor(options: { focused?: boolean; now?: () => number } = {}) {
    this.focused = options.focused ?? false
    this.now = options.now ?? Date.now
  }

  get unread(): number {
    return this.count
  }

  get isFocused(): boolean {
    if (this.focused && this.focusedUntil !== null && this.now() >= this.focusedUntil) {
      this.focused = false
      this.focusedUntil = null
    }
    return this.focused
  }

  /** `leaseMs`: the focus lapses after that long unless reported again. */
  setFocused(focused: boolean, leaseMs?: number): void {
    this.focused = focused
    this.focusedUntil = focused && leaseMs !== undefined ? this.now() + leaseMs : null
    if (focused) this.set(0)
  }

  onDelivery(): void {
    if (!this.isFocused) this.set(this.count + 1)
  }

  clear(): void {
    this.set(0)
  }

  /** Called with the new count whenever it changes; returns its unsubscribe. */
  subscribe(listener: UnreadListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private set(count: number): void {
    if (count === this.count) return
    this.count = count
    for (const listener of this.listeners) listener(count)
  }
}
