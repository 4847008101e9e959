import type { HooktrayEvent } from '../../../shared/contract'
import type { NotificationSettings, TrayMenu, TrayStatus } from '../../../shared/notify-types'
import type { RegistrationView } from '../../../shared/provider-schemas'
import type { Attempt, DeliverySummary, HeaderPair, TunnelStatus } from '../../../shared/types'
import type { EventBus } from '../events'
import type { SettingsRepository } from '../store/settings'
import { RECENT_IN_MENU, UnreadTracker, buildTrayMenu, nextTrayChangeAt, trayStatus } from '../tray'
import type { RecentDelivery, TrayInput } from '../tray'
import { systemClock, type Clock, type TimerHandle } from './clock'
import { BODY_PREFIX_BYTES, describeDelivery } from './content'
import { NotificationPolicy } from './policy'
import { isDoNotDisturbActive } from './settings'
import { loadNotificationSettings, saveNotificationSettings } from './settings-store'
import type { DeliveryInput, FailureInput } from './types'

/** Tray events are coalesced to at most one per this long, however fast deliveries come. */
export const TRAY_THROTTLE_MS = 250

/** The rest of the core's state the tray shows, read at each refresh. */
export interface NotifyContext {
  receiverUrl: string
  tunnel: TunnelStatus
  deliveryCount: number
  forwarding: { enabled: boolean; target: string | null } | null
}

export interface NotifyServiceDeps {
  events: EventBus
  settings: SettingsRepository
  context(): NotifyContext
  /** The path of a stored delivery (to say where a forward failed), or null. */
  deliveryPath(id: number): string | null
  clock?: Clock
}

interface RecentEntry {
  input: DeliveryInput
  eventName?: string | null
}

/**
 * Notifications and the tray, wired to the core: feeds deliveries and failures to the
 * NotificationPolicy (which pushes `notification` events), counts unread, remembers the latest
 * deliveries and pushes a `tray` event whenever what the tray shows changes.
 *
 * Failures are picked up from the event bus, so other features need not know about this one:
 * forward attempts with an error or a 5xx (`attempt`), a tunnel going into `error` (`tunnel`),
 * a registration going into `failed` (`registration`), and deliveries whose verification failed.
 * Anything else that fails calls failure() (Core.notifyFailure).
 *
 * While a client reports focus (setFocused), plain deliveries neither count as unread nor
 * notify: the list on screen shows them. Failures notify regardless.
 */
/** Largest buffer a recent-deliveries entry may keep alive by referring to it. */
const MAX_PINNED_BYTES = 64 * 1024

export class NotifyService {
  readonly unread = new UnreadTracker()
  private readonly clock: Clock
  private readonly policy: NotificationPolicy
  private recent: RecentEntry[] = []
  private lastDeliveryAt: number | null = null
  private tunnelState: TunnelStatus['state'] | null = null
  private readonly failingRegistrations = new Set<string>()
  private readonly registrationNames = new Map<string, string>()
  /** Registrations an event has told about: a later start-up listing must not overrule them. */
  private readonly registrationsSeen = new Set<string>()
  private trayTimer: { handle: TimerHandle; at: number } | null = null
  private lastEmitAt = -Infinity
  private lastSignature = ''
  private readonly unsubscribe: () => void
  private disposed = false

  constructor(private readonly deps: NotifyServiceDeps) {
    this.clock = deps.clock ?? systemClock
    this.policy = new NotificationPolicy({
      settings: loadNotificationSettings(deps.settings),
      clock: this.clock,
      notify: (notification) => deps.events.emit({ type: 'notification', notification }),
    })
    this.unread.subscribe(() => this.refreshTray())
    this.unsubscribe = deps.events.subscribe((event) => this.onEvent(event))
  }

  /** A delivery was stored. `request` gives what the summary lacks: headers and the body's start. */
  onDelivery(summary: DeliverySummary, request: { headers: readonly HeaderPair[]; body: Uint8Array }): void {
    if (this.disposed) return
    const registrationId = summary.registrationId ?? null
    const input: DeliveryInput = {
      id: summary.id,
      method: summary.method,
      path: summary.path,
      bodySize: summary.bodySize,
      contentType: summary.contentType,
      receivedAt: summary.receivedAt,
      registrationId,
      registrationName: registrationId ? (this.registrationNames.get(registrationId) ?? null) : null,
      headers: request.headers,
      bodyPrefix: request.body.subarray(0, BODY_PREFIX_BYTES),
    }
    this.lastDeliveryAt = this.clock.now()
    // The menu keeps five of these and must not pin five whole large bodies: a prefix of a small
    // request is kept as a view (a copy costs an ArrayBuffer per delivery, ~4 µs and GC pressure),
    // a prefix of anything larger is copied.
    const prefix = input.bodyPrefix!
    const pinned = prefix.buffer.byteLength <= MAX_PINNED_BYTES ? prefix : new Uint8Array(prefix)
    this.recent.unshift({ input: { ...input, bodyPrefix: pinned } })
    if (this.recent.length > RECENT_IN_MENU) this.recent.length = RECENT_IN_MENU
    this.unread.onDelivery()
    if (summary.verification === 'failed') {
      // One notification per delivery: a failed check is the news, not the arrival.
      this.policy.onFailure({
        kind: 'verification',
        message: summary.verificationReason ?? 'the signature did not match',
        deliveryId: summary.id,
        path: summary.path,
        registrationId,
        registrationName: input.registrationName,
      })
    } else if (!this.unread.isFocused) {
      // Someone is looking at the list (a focused window or tab): it shows the delivery itself.
      this.policy.onDelivery(input)
    }
    this.refreshTray()
  }

  /** Reports a failure no event tells about (the policy decides whether it is shown). */
  failure(input: FailureInput): void {
    if (!this.disposed) this.policy.onFailure(input)
  }

  /**
   * The registrations as stored at start-up: names for notifications and which are already
   * failing (the icon shows it; no notification, that failure is old news).
   */
  noteRegistrations(views: readonly RegistrationView[]): void {
    for (const r of views) {
      if (this.registrationsSeen.has(r.id) || r.state === 'removed') continue
      this.registrationNames.set(r.id, `${r.provider} ${r.receiverPath}`)
      if (r.state === 'failed') this.failingRegistrations.add(r.id)
    }
    this.refreshTray()
  }

  getSettings(): NotificationSettings {
    const s = this.policy.currentSettings
    return { ...s, muted: [...s.muted], mutedRegistrations: [...s.mutedRegistrations] }
  }

  /** Validates and stores a patch (400 naming the field, nothing stored, on a bad one); returns the whole. */
  setSettings(patch: unknown): NotificationSettings {
    const next = saveNotificationSettings(this.deps.settings, patch)
    this.policy.updateSettings(next)
    this.refreshTray()
    return this.getSettings()
  }

  trayStatus(): TrayStatus {
    return trayStatus(this.trayInput(null))
  }

  /** The menu model; `startAtLogin` is the shell's to know (null where there is none). */
  trayMenu(startAtLogin: boolean | null): TrayMenu {
    const input = this.trayInput(startAtLogin)
    const { icon, tooltip, unread } = trayStatus(input)
    return { items: buildTrayMenu(input), icon, tooltip, unread, nextChangeAt: this.nextChangeAt(input) }
  }

  /** Items accepted by the policy but not shown yet (grouped or held back by the cap). */
  backlog(): number {
    return this.policy.backlog()
  }

  dispose(): void {
    this.disposed = true
    this.policy.dispose()
    this.unsubscribe()
    if (this.trayTimer) this.clock.clearTimer(this.trayTimer.handle)
    this.trayTimer = null
  }

  private onEvent(event: HooktrayEvent): void {
    switch (event.type) {
      case 'attempt':
        this.onAttempt(event.attempt)
        break
      case 'tunnel': {
        const previous = this.tunnelState
        this.tunnelState = event.tunnel.state
        if (event.tunnel.state === 'error' && previous !== 'error') {
          this.failure({ kind: 'tunnel', message: event.tunnel.error ?? 'the tunnel stopped' })
        }
        this.refreshTray()
        break
      }
      case 'registration':
        this.onRegistration(event.registration)
        break
      case 'deliveries-cleared':
        this.recent = []
        this.refreshTray()
        break
      case 'forwarding':
      case 'status':
        this.refreshTray()
        break
      default:
        break
    }
  }

  private onAttempt(attempt: Attempt): void {
    if (attempt.kind !== 'forward') return
    const serverError = attempt.status !== null && attempt.status >= 500
    if (!attempt.error && !serverError) return
    this.failure({
      kind: 'forward',
      message: attempt.error ?? `${attempt.target} answered ${attempt.status}`,
      deliveryId: attempt.deliveryId,
      path: this.deps.deliveryPath(attempt.deliveryId),
      status: attempt.status,
    })
  }

  private onRegistration(r: RegistrationView): void {
    this.registrationsSeen.add(r.id)
    const name = `${r.provider} ${r.receiverPath}`
    this.registrationNames.set(r.id, name)
    if (r.state === 'failed') {
      if (!this.failingRegistrations.has(r.id)) {
        this.failingRegistrations.add(r.id)
        this.failure({
          kind: 'registration',
          message: r.error ?? 'the provider refused the registration',
          registrationId: r.id,
          registrationName: name,
          path: r.receiverPath,
        })
      }
    } else {
      this.failingRegistrations.delete(r.id)
    }
    if (r.state === 'removed') this.registrationNames.delete(r.id)
    this.refreshTray()
  }

  private recentDeliveries(): RecentDelivery[] {
    return this.recent.map((entry) => {
      // The event name is worked out only for the five the menu shows, and once.
      if (entry.eventName === undefined) entry.eventName = describeDelivery(entry.input).eventName
      const { id, method, path, registrationName } = entry.input
      return { id, method, path, eventName: entry.eventName, registrationName }
    })
  }

  private trayInput(startAtLogin: boolean | null): TrayInput {
    const ctx = this.deps.context()
    return {
      now: this.clock.now(),
      receiverUrl: ctx.receiverUrl,
      tunnel: ctx.tunnel,
      deliveryCount: ctx.deliveryCount,
      lastDeliveryAt: this.lastDeliveryAt,
      unread: this.unread.unread,
      recent: this.recentDeliveries(),
      notifications: this.policy.currentSettings,
      failingRegistrations: this.failingRegistrations.size,
      forwarding: ctx.forwarding,
      startAtLogin,
    }
  }

  /** When the tray changes with no event: activity fading, DND ending, or its minutes-left label ticking. */
  private nextChangeAt(input: TrayInput): number | null {
    const times: number[] = []
    const next = nextTrayChangeAt(input)
    if (next !== null) times.push(next)
    const until = input.notifications.doNotDisturbUntil
    if (until !== null && isDoNotDisturbActive(input.notifications, input.now)) {
      times.push(input.now + ((until - input.now - 1) % 60_000) + 1)
    }
    return times.length ? Math.min(...times) : null
  }

  private refreshTray(): void {
    if (this.disposed) return
    this.schedule(Math.max(this.clock.now(), this.lastEmitAt + TRAY_THROTTLE_MS))
  }

  private schedule(at: number): void {
    if (this.trayTimer && this.trayTimer.at <= at) return
    if (this.trayTimer) this.clock.clearTimer(this.trayTimer.handle)
    const handle = this.clock.setTimer(() => {
      this.trayTimer = null
      this.emitTray()
    }, at - this.clock.now())
    this.trayTimer = { handle, at }
  }

  private emitTray(): void {
    if (this.disposed) return
    const input = this.trayInput(null)
    this.lastEmitAt = input.now
    const tray = trayStatus(input)
    // The menu too: a forwarding switch or a DND minute changes the menu but not the status.
    const signature = JSON.stringify([tray, buildTrayMenu(input)])
    if (signature !== this.lastSignature) {
      this.lastSignature = signature
      this.deps.events.emit({ type: 'tray', tray })
    }
    const next = this.nextChangeAt(input)
    if (next !== null) this.schedule(next)
  }
}
