import type { HooktrayEvent } from '../../../shared/contract'
import type { HooktrayNotification, NotificationFilter } from '../../../shared/notify-types'
import type { DeliverySummary } from '../../../shared/types'

// Pure helpers for notifications, unread and settings in the renderer (tested under Node).

export const APP_TITLE = 'Hooktray'

/** "(3) Hooktray": the unread count where a tab strip or task switcher shows it. */
export function titleWithUnread(unread: number, base = APP_TITLE): string {
  if (unread <= 0) return base
  return `(${unread > 999 ? '999+' : unread}) ${base}`
}

/** The user is looking when the page is visible and has the focus; only then is nothing unread. */
export function isLooking(doc: { visibilityState: string; hasFocus(): boolean }): boolean {
  return doc.visibilityState === 'visible' && doc.hasFocus()
}

/** What a click on a notification should show: the delivery, or the list its group stood for. */
export function notificationTarget(n: HooktrayNotification): Extract<HooktrayEvent, { type: 'open-delivery' | 'open-filter' }> | null {
  if (n.deliveryId !== null) return { type: 'open-delivery', id: n.deliveryId }
  if (n.filter && (n.filter.pathPrefix || n.filter.registrationId)) return { type: 'open-filter', filter: { ...n.filter } }
  return null
}

export function matchesFilter(d: Pick<DeliverySummary, 'path' | 'registrationId'>, filter: NotificationFilter): boolean {
  if (filter.registrationId && d.registrationId !== filter.registrationId) return false
  if (filter.pathPrefix && !d.path.startsWith(filter.pathPrefix)) return false
  return true
}

/** The field a settings error names ("notifications.groupWindowMs: …" → "groupWindowMs"), if any. */
export function settingsErrorField(message: string): string | null {
  const m = /^notifications\.([A-Za-z]+)[.:]/.exec(message)
  return m ? m[1]! : null
}

/** A textarea's mute list: one entry per line (or comma-separated), blanks dropped, duplicates once. */
export function parseList(text: string): string[] {
  const items = text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
  return [...new Set(items)]
}

/** A number field's value: an integer, or the raw text (so the core can say what is wrong with it). */
export function parseNumberField(text: string): number | string {
  const t = text.trim()
  return /^-?\d+$/.test(t) ? Number(t) : t
}

/** `<input type="datetime-local">` value → epoch ms (local time), or null when empty or invalid. */
export function parseLocalDateTime(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null
  const ms = new Date(value).getTime()
  return Number.isFinite(ms) ? ms : null
}

/** Epoch ms → `<input type="datetime-local">` value in local time. */
export function toLocalDateTime(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export type ThemePreference = 'system' | 'light' | 'dark'
export const THEME_KEY = 'hooktray.theme'
export const BROWSER_NOTIFICATIONS_KEY = 'hooktray.browserNotifications'

export function readTheme(storage: Pick<Storage, 'getItem'> | null): ThemePreference {
  try {
    const v = storage?.getItem(THEME_KEY)
    return v === 'light' || v === 'dark' ? v : 'system'
  } catch {
    // Storage can be blocked (privacy settings); the system theme is a fine answer.
    return 'system'
  }
}

export type BrowserNotifications = 'off' | 'on' | 'denied' | 'unsupported'

/**
 * Where browser notifications stand at load: on only if the user switched them on before and the
 * browser still grants them; a click is needed for the first permission prompt.
 */
export function initialBrowserNotifications(
  permission: NotificationPermission | null,
  storage: Pick<Storage, 'getItem'> | null,
): BrowserNotifications {
  if (permission === null) return 'unsupported'
  if (permission === 'denied') return 'denied'
  let wanted = false
  try {
    wanted = storage?.getItem(BROWSER_NOTIFICATIONS_KEY) === 'on'
  } catch {
    wanted = false
  }
  return wanted && permission === 'granted' ? 'on' : 'off'
}
