import { displayPath } from '../notify/content'
import { isDoNotDisturbActive, notificationsPaused } from '../notify/settings'
import { plainText, redactUrls, truncate } from '../notify/text'
import type { RecentDelivery, TrayIconState, TrayInput } from './types'

/** How long the icon shows activity after a delivery. */
export const ACTIVE_ICON_MS = 3000

/** Windows cuts tray tooltips at 127 characters. */
export const TOOLTIP_MAX = 127

export function isFailing(input: TrayInput): boolean {
  return input.tunnel.state === 'error' || (input.failingRegistrations ?? 0) > 0
}

/**
 * Error outranks everything (the user must act); a paused icon stays paused rather than
 * flickering with every delivery the user asked not to hear about.
 */
export function trayIconState(input: TrayInput): TrayIconState {
  if (isFailing(input)) return 'error'
  if (notificationsPaused(input.notifications, input.now)) return 'paused'
  if (input.lastDeliveryAt !== null && input.now - input.lastDeliveryAt < ACTIVE_ICON_MS) return 'active'
  return 'idle'
}

/** When the icon will change by itself (activity fading, do-not-disturb ending), or null. */
export function nextTrayChangeAt(input: TrayInput): number | null {
  const times: number[] = []
  if (input.lastDeliveryAt !== null && input.lastDeliveryAt + ACTIVE_ICON_MS > input.now) {
    times.push(input.lastDeliveryAt + ACTIVE_ICON_MS)
  }
  const until = input.notifications.doNotDisturbUntil
  if (until !== null && until > input.now) times.push(until)
  return times.length ? Math.min(...times) : null
}

/** A URL as the tray shows it: no userinfo, no query string (either may carry a token). */
export function displayUrl(url: string): string {
  return plainText(redactUrls(url)).replace(/\?…$/, '')
}

export function formatCount(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}

export function minutesLeft(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 60_000))
}

/** "Online", "Tunnel error: …", "Local only", plus failing registrations. */
export function statusLine(input: TrayInput): string {
  const t = input.tunnel
  let line: string
  if (t.state === 'connected') line = 'Online'
  else if (t.state === 'starting') line = 'Connecting…'
  else if (t.state === 'reconnecting') line = 'Reconnecting…'
  else if (t.state === 'error') line = t.error ? `Tunnel error: ${plainText(redactUrls(t.error))}` : 'Tunnel error'
  else line = 'Local only'
  const failing = input.failingRegistrations ?? 0
  if (failing > 0) line += ` · ${formatCount(failing, 'registration', 'registrations')} failing`
  return truncate(line, 80)
}

function notificationLine(input: TrayInput): string | null {
  const n = input.notifications
  if (n.mode === 'none') return 'Notifications paused'
  if (isDoNotDisturbActive(n, input.now)) return `Do not disturb: ${minutesLeft(n.doNotDisturbUntil!, input.now)} min left`
  if (n.mode === 'failures') return 'Notifying failures only'
  return null
}

export function trayTooltip(input: TrayInput): string {
  const head = `Hooktray · ${statusLine(input)}`
  let counts = formatCount(input.deliveryCount, 'delivery', 'deliveries')
  if (input.unread > 0) counts += ` · ${input.unread.toLocaleString('en-US')} unread`
  const others = [truncate(head, 48), counts, notificationLine(input)].filter((l): l is string => l !== null)
  const url = input.tunnel.publicUrl ? displayUrl(input.tunnel.publicUrl) : `Local: ${displayUrl(input.receiverUrl)}`
  const budget = TOOLTIP_MAX - others.reduce((sum, l) => sum + l.length + 1, 0)
  const lines = [others[0]!, truncate(url, Math.max(16, budget)), ...others.slice(1)]
  return truncate(lines.join('\n'), TOOLTIP_MAX)
}

export function recentLabel(d: RecentDelivery): string {
  const name = d.eventName ? plainText(d.eventName) : ''
  const where = d.registrationName ? plainText(d.registrationName) : displayPath(d.path)
  const method = truncate(plainText(d.method), 10)
  return truncate(name ? `${method} ${where} · ${name}` : `${method} ${where}`, 60)
}
