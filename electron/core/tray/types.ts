import type { NotificationMode, NotificationSettings } from '../notify/settings'
import type { TunnelState } from '../../../shared/types'

export type TrayIconState = 'idle' | 'active' | 'paused' | 'error'

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

export type TrayAction =
  | { type: 'copy-url'; url: string }
  | { type: 'open-delivery'; id: number }
  | { type: 'set-notification-mode'; mode: NotificationMode }
  /** durationMs null ends do-not-disturb now. */
  | { type: 'do-not-disturb'; durationMs: number | null }
  | { type: 'set-forwarding'; enabled: boolean }
  | { type: 'open-window' }
  | { type: 'set-start-at-login'; enabled: boolean }
  | { type: 'quit' }

export interface TrayMenuItem {
  /** Stable across rebuilds ('status', 'copy-url', 'delivery:42', ...). */
  id: string
  label: string
  kind: 'action' | 'checkbox' | 'separator' | 'header'
  checked?: boolean
  enabled?: boolean
  /** Absent for headers and separators. */
  action?: TrayAction
}

/** The "tray" part of GET /api/status. */
export interface TrayStatus {
  icon: TrayIconState
  tooltip: string
  unread: number
  recent: { id: number; label: string }[]
}
