import type { NotificationSettingsPatch } from '../notify/settings'
import { isDoNotDisturbActive } from '../notify/settings'
import { truncate } from '../notify/text'
import { displayUrl, minutesLeft, recentLabel, statusLine } from './icon'
import type { TrayAction, TrayInput, TrayMenuItem } from './types'

export const RECENT_IN_MENU = 5
export const DO_NOT_DISTURB_MS = 60 * 60_000

const separator = (id: string): TrayMenuItem => ({ id, label: '', kind: 'separator' })

/** Where forwarding goes, without credentials or query. */
function forwardLabel(target: string | null): string {
  if (!target) return 'Forward deliveries (no target set)'
  try {
    const url = new URL(target)
    return truncate(`Forward to ${url.host}${url.pathname === '/' ? '' : url.pathname}`, 60)
  } catch {
    return 'Forward deliveries'
  }
}

/** The tray menu as plain data; the shell only renders it and routes each item's action. */
export function buildTrayMenu(input: TrayInput): TrayMenuItem[] {
  const items: TrayMenuItem[] = [{ id: 'status', label: statusLine(input), kind: 'header', enabled: false }]

  const publicUrl = input.tunnel.publicUrl
  const url = publicUrl ?? input.receiverUrl
  items.push({
    id: 'copy-url',
    label: truncate(`${publicUrl ? 'Copy' : 'Copy local URL'} ${displayUrl(url)}`, 70),
    kind: 'action',
    action: { type: 'copy-url', url },
  })

  items.push(separator('sep-recent'))
  const recent = input.recent.slice(0, RECENT_IN_MENU)
  items.push({
    id: 'recent-header',
    label: recent.length ? 'Recent deliveries' : 'No deliveries yet',
    kind: 'header',
    enabled: false,
  })
  for (const d of recent) {
    items.push({ id: `delivery:${d.id}`, label: recentLabel(d), kind: 'action', action: { type: 'open-delivery', id: d.id } })
  }

  items.push(separator('sep-notifications'))
  const { mode } = input.notifications
  const dnd = isDoNotDisturbActive(input.notifications, input.now)
  items.push({
    id: 'pause-notifications',
    label: 'Pause notifications',
    kind: 'checkbox',
    checked: mode === 'none',
    action: { type: 'set-notification-mode', mode: mode === 'none' ? 'all' : 'none' },
  })
  items.push({
    id: 'failures-only',
    label: 'Notify failures only',
    kind: 'checkbox',
    checked: mode === 'failures',
    enabled: mode !== 'none',
    action: { type: 'set-notification-mode', mode: mode === 'failures' ? 'all' : 'failures' },
  })
  items.push({
    id: 'do-not-disturb',
    label: dnd
      ? `Do not disturb (${minutesLeft(input.notifications.doNotDisturbUntil!, input.now)} min left)`
      : 'Do not disturb for 1 hour',
    kind: 'checkbox',
    checked: dnd,
    action: { type: 'do-not-disturb', durationMs: dnd ? null : DO_NOT_DISTURB_MS },
  })
  if (input.forwarding) {
    const { enabled, target } = input.forwarding
    items.push({
      id: 'forwarding',
      label: forwardLabel(target),
      kind: 'checkbox',
      checked: enabled,
      enabled: target !== null || enabled,
      action: { type: 'set-forwarding', enabled: !enabled },
    })
  }

  items.push(separator('sep-app'))
  items.push({
    id: 'open-window',
    label: input.unread > 0 ? `Open Hooktray (${input.unread.toLocaleString('en-US')} new)` : 'Open Hooktray',
    kind: 'action',
    action: { type: 'open-window' },
  })
  if (typeof input.startAtLogin === 'boolean') {
    items.push({
      id: 'start-at-login',
      label: 'Start at login',
      kind: 'checkbox',
      checked: input.startAtLogin,
      action: { type: 'set-start-at-login', enabled: !input.startAtLogin },
    })
  }
  items.push(separator('sep-quit'))
  items.push({ id: 'quit', label: 'Quit Hooktray', kind: 'action', action: { type: 'quit' } })
  return items
}

/**
 * The notification-settings change a menu action stands for (to pass to mergeSettings), or
 * null for actions that are not about notifications. Times are taken at click, not at build.
 */
export function settingsPatchForTrayAction(action: TrayAction, now: number): NotificationSettingsPatch | null {
  if (action.type === 'set-notification-mode') return { mode: action.mode }
  if (action.type === 'do-not-disturb') {
    return { doNotDisturbUntil: action.durationMs === null ? null : now + action.durationMs }
  }
  return null
}
