// Notification and tray types shared by the core, both transports, the shell and the renderer.
// Plain types only (no zod): the core's schemas in electron/core/notify/settings.ts validate them,
// and electron/core/notify/notify-api.ts checks at compile time that both describe the same shape.

export type NotificationMode = 'all' | 'failures' | 'none'

export interface NotificationSettings {
  mode: NotificationMode
  /** Path prefixes whose deliveries never notify ('/a' mutes '/a/b', not '/ab'). */
  muted: string[]
  mutedRegistrations: string[]
  /** Epoch ms; null when do-not-disturb is off. */
  doNotDisturbUntil: number | null
  groupWindowMs: number
  groupThreshold: number
  maxPerMinute: number
}

/** What `PUT /api/settings/notifications` and setNotificationSettings accept: any subset. */
export type NotificationSettingsPatch = Partial<NotificationSettings>

/** What a click on a grouped notification should show. */
export interface NotificationFilter {
  pathPrefix?: string
  registrationId?: string
}

/** One notification to show. Plain text only; never HTML, never a secret. */
export interface HooktrayNotification {
  title: string
  body: string
  /** The one delivery a click opens; null for a grouped notification or a failure without one. */
  deliveryId: number | null
  /** How many deliveries (or failures) this notification stands for; always >= 1. */
  count: number
  level: 'info' | 'failure'
  /** For a grouped notification: what a click should filter the list by. */
  filter?: NotificationFilter
}

export type TrayIconState = 'idle' | 'active' | 'paused' | 'error'

/** The "tray" part of GET /api/status. */
export interface TrayStatus {
  icon: TrayIconState
  tooltip: string
  unread: number
  recent: { id: number; label: string }[]
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

/** getTrayMenu's answer: the menu, and when it changes by itself (the shell redraws then). */
export interface TrayMenu {
  items: TrayMenuItem[]
  icon: TrayIconState
  tooltip: string
  unread: number
  /** Epoch ms of the next change with no event behind it (activity fading, a minute of DND passing); null if none. */
  nextChangeAt: number | null
}
