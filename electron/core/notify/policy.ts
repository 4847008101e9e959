import { systemClock, type Clock, type TimerHandle } from './clock'
import { deliveryNotification, failureNotification, type ContentOptions } from './content'
import { RollingLimiter } from './rate-limit'
import {
  defaultNotificationSettings,
  isDoNotDisturbActive,
  isPathMuted,
  type NotificationSettings,
} from './settings'
import { Tally, type TallyItem } from './tally'
import type { DeliveryInput, FailureInput, HooktrayNotification } from './types'

export interface NotificationPolicyOptions extends ContentOptions {
  /** Receives each notification to show. */
  notify: (notification: HooktrayNotification) => void
  settings?: NotificationSettings
  clock?: Clock
}

interface Window {
  timer: TimerHandle
  count: number
  /** Opened right after an overflowing window: group everything, show nothing one by one. */
  burst: boolean
}

interface Channel {
  level: 'info' | 'failure'
  window: Window | null
  /** When the last overflowing window closed. */
  lastOverflowAt: number | null
  pending: Tally
}

/**
 * Decides which deliveries and failures become notifications. The first `groupThreshold`
 * items of a `groupWindowMs` window are shown one by one; the rest of that window (and every
 * window that follows right after an overflowing one) is counted and shown as one grouped
 * notification when the window closes. Across everything, at most `maxPerMinute` are shown per
 * rolling minute; what the cap holds back is added to the next notification's count, so the
 * counts of all notifications shown add up to the items accepted. Muted items, and anything
 * that arrives (or is still pending) while mode or do-not-disturb forbids it, are dropped.
 * Memory is constant per channel whatever the rate: a counter, not a queue.
 */
export class NotificationPolicy {
  private settings: NotificationSettings
  private readonly clock: Clock
  private readonly limiter: RollingLimiter
  private readonly channels: { failure: Channel; info: Channel }
  private flushTimer: { handle: TimerHandle; at: number } | null = null
  private disposed = false

  constructor(private readonly options: NotificationPolicyOptions) {
    this.settings = options.settings ?? defaultNotificationSettings
    this.clock = options.clock ?? systemClock
    this.limiter = new RollingLimiter(this.settings.maxPerMinute)
    const channel = (level: Channel['level']): Channel => ({ level, window: null, lastOverflowAt: null, pending: new Tally(level) })
    this.channels = { failure: channel('failure'), info: channel('info') }
  }

  get currentSettings(): NotificationSettings {
    return this.settings
  }

  /** Takes effect for what arrives next; a tightened cap or new mode also applies to what is pending. */
  updateSettings(settings: NotificationSettings): void {
    this.settings = settings
    this.limiter.setMax(settings.maxPerMinute)
    // A raised cap frees held-back items now; a pause drops them now rather than at the next timer.
    this.flushIdle(this.clock.now())
  }

  onDelivery(input: DeliveryInput): void {
    if (this.disposed || !this.allows('info') || this.muted(input.path, input.registrationId)) return
    const item: TallyItem = {
      path: input.path,
      registrationId: input.registrationId ?? null,
      registrationName: input.registrationName ?? null,
    }
    this.accept(this.channels.info, item, () => deliveryNotification(input, this.options))
  }

  onFailure(input: FailureInput): void {
    if (this.disposed || !this.allows('failure') || this.muted(input.path, input.registrationId)) return
    const item: TallyItem = {
      path: input.path ?? null,
      registrationId: input.registrationId ?? null,
      registrationName: input.registrationName ?? null,
      failureKind: input.kind,
      status: input.status ?? null,
    }
    this.accept(this.channels.failure, item, () => failureNotification(input))
  }

  /** Items accepted but not yet shown (grouped in an open window or held back by the cap). */
  backlog(): number {
    return this.channels.info.pending.count + this.channels.failure.pending.count
  }

  /** Clears every timer; later input is ignored. Pending counts are dropped. */
  dispose(): void {
    this.disposed = true
    for (const ch of Object.values(this.channels)) {
      if (ch.window) this.clock.clearTimer(ch.window.timer)
      ch.window = null
      ch.pending.reset()
    }
    if (this.flushTimer) this.clock.clearTimer(this.flushTimer.handle)
    this.flushTimer = null
  }

  private allows(level: Channel['level']): boolean {
    const { mode } = this.settings
    if (mode === 'none' || (level === 'info' && mode === 'failures')) return false
    return !isDoNotDisturbActive(this.settings, this.clock.now())
  }

  private muted(path: string | null | undefined, registrationId: string | null | undefined): boolean {
    if (registrationId && this.settings.mutedRegistrations.includes(registrationId)) return true
    return !!path && isPathMuted(this.settings.muted, path)
  }

  private accept(ch: Channel, item: TallyItem, build: () => HooktrayNotification): void {
    const now = this.clock.now()
    let w = ch.window
    if (!w) {
      const burst = ch.lastOverflowAt !== null && now - ch.lastOverflowAt < this.settings.groupWindowMs
      w = { count: 0, burst, timer: this.clock.setTimer(() => this.closeWindow(ch), this.settings.groupWindowMs) }
      ch.window = w
    }
    w.count++
    ch.pending.add(item, build)
    if (!this.overflowing(w)) this.flush(ch, now)
  }

  private overflowing(w: Window): boolean {
    return w.burst || w.count > this.settings.groupThreshold
  }

  private closeWindow(ch: Channel): void {
    const w = ch.window
    if (!w) return
    ch.window = null
    const now = this.clock.now()
    if (w.count > this.settings.groupThreshold) ch.lastOverflowAt = now
    this.flush(ch, now)
  }

  /** Shows what the channel holds if the cap allows, else waits for the next free slot. */
  private flush(ch: Channel, now: number): void {
    if (ch.pending.count === 0) return
    if (!this.allows(ch.level)) {
      ch.pending.reset()
      return
    }
    if (!this.limiter.tryTake(now)) {
      this.scheduleFlush(this.limiter.nextFreeAt(now))
      return
    }
    const notification = ch.pending.toNotification()
    ch.pending.reset()
    try {
      this.options.notify(notification)
    } catch (err) {
      // A failing shell (a destroyed window, a platform without notifications) must not wedge the policy.
      console.error('[hooktray] notification failed:', err)
    }
  }

  /** Failures first; a channel inside an overflowing window flushes when that window closes. */
  private flushIdle(now: number): void {
    if (this.disposed) return
    for (const ch of [this.channels.failure, this.channels.info]) {
      if (!ch.window || !this.overflowing(ch.window)) this.flush(ch, now)
    }
  }

  private scheduleFlush(at: number): void {
    if (this.flushTimer && this.flushTimer.at <= at) return
    if (this.flushTimer) this.clock.clearTimer(this.flushTimer.handle)
    const handle = this.clock.setTimer(() => {
      this.flushTimer = null
      this.flushIdle(this.clock.now())
    }, at - this.clock.now())
    this.flushTimer = { handle, at }
  }
}
