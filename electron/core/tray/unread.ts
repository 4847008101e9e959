export type UnreadListener = (unread: number) => void

/**
 * Counts deliveries that arrived while the window was hidden or unfocused. Focusing the window
 * shows them, so it marks them read; clear() does the same on demand (e.g. a notification click).
 */
export class UnreadTracker {
  private count = 0
  private focused: boolean
  private readonly listeners = new Set<UnreadListener>()

  constructor(options: { focused?: boolean } = {}) {
    this.focused = options.focused ?? false
  }

  get unread(): number {
    return this.count
  }

  get isFocused(): boolean {
    return this.focused
  }

  setFocused(focused: boolean): void {
    this.focused = focused
    if (focused) this.set(0)
  }

  onDelivery(): void {
    if (!this.focused) this.set(this.count + 1)
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
