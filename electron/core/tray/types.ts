import type { NotificationSettings } from '../notify/settings'
import type { TunnelState } from '../../../shared/types'

// The shapes every client sees live in shared/; the core computes them here.
export type { TrayAction, TrayIconState, TrayMenuItem, TrayStatus } from '../../../shared/notify-types'

/** One of the latest deliveries as the tray lists it (newest first). */
export interface RecentDelivery {
  id: number
  method: string
  path: string
  eventName?: string | null
  registrationName?: string | null
}

/** The slice of the core's state the tray is a pure function of. */
export interface TrayInput {
  now: number
  /** The local capture URL (shown when there is no public one). */
  receiverUrl: string
  tunnel: { state: TunnelState; publicUrl: string | null; error: string | null }
  deliveryCount: number
  lastDeliveryAt: number | null
  unread: number
  /** Newest first; the tray shows the first five. */
  recent: readonly RecentDelivery[]
  notifications: Pick<NotificationSettings, 'mode' | 'doNotDisturbUntil'>
  /** Registrations whose last attempt failed. */
  failingRegistrations?: number
  /** Live forwarding; omitted or null where there is none to offer. */
  forwarding?: { enabled: boolean; target: string | null } | null
  /** Launch at login; omitted or null where the platform or mode has no such thing (headless). */
  startAtLogin?: boolean | null
}
