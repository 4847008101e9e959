import type { HooktrayEvent } from '../../shared/contract'
import type {
  HooktrayNotification,
  NotificationSettingsPatch,
  TrayAction,
  TrayIconState,
  TrayMenuItem,
} from '../../shared/notify-types'
import { settingsPatchForTrayAction } from '../core/tray/menu'

// Pure (no Electron): what the shell's tray and notifications do, decided here and tested under
// plain Node. tray.ts and notifications.ts only hand the results to Electron.

/**
 * The icon file for a state. macOS gets template images (black + alpha, recoloured by the menu
 * bar; the "Template" suffix tells Electron); elsewhere coloured PNGs. The @2x file beside each
 * is picked up automatically on high-DPI screens.
 */
export function trayIconFile(state: TrayIconState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') {
    return state === 'idle' ? 'trayTemplate.png' : `tray${state[0]!.toUpperCase()}${state.slice(1)}Template.png`
  }
  return `tray-${state}.png`
}

/** One Electron menu item, as plain data (Menu.buildFromTemplate takes the same fields). */
export interface MenuSpec {
  id: string
  label: string
  type: 'normal' | 'checkbox' | 'separator'
  checked: boolean
  enabled: boolean
  action: TrayAction | null
}

export function menuSpecs(items: readonly TrayMenuItem[]): MenuSpec[] {
  return items.map((item) => ({
    id: item.id,
    label: item.label,
    type: item.kind === 'separator' ? 'separator' : item.kind === 'checkbox' ? 'checkbox' : 'normal',
    checked: item.checked ?? false,
    // A header is a disabled line of text; nothing without an action is clickable.
    enabled: item.kind !== 'header' && item.action !== undefined && item.enabled !== false,
    action: item.action ?? null,
  }))
}

export interface TrayActionHandlers {
  copy(text: string): void
  /** Reveal the window, then tell the page what to show (nothing: just reveal). */
  show(event?: HooktrayEvent): void
  updateNotifications(patch: NotificationSettingsPatch): Promise<unknown>
  setForwarding(enabled: boolean): Promise<unknown>
  setStartAtLogin(enabled: boolean): void
  quit(): void
}

/** Routes a menu click. `now` is the click's time (do-not-disturb counts from it). */
export async function runTrayAction(action: TrayAction, on: TrayActionHandlers, now: number): Promise<void> {
  switch (action.type) {
    case 'copy-url':
      return on.copy(action.url)
    case 'open-delivery':
      return on.show({ type: 'open-delivery', id: action.id })
    case 'open-window':
      return on.show()
    case 'set-notification-mode':
    case 'do-not-disturb':
      await on.updateNotifications(settingsPatchForTrayAction(action, now)!)
      return
    case 'set-forwarding':
      await on.setForwarding(action.enabled)
      return
    case 'set-start-at-login':
      return on.setStartAtLogin(action.enabled)
    case 'quit':
      return on.quit()
  }
}

/** Longest a timer may be set for (setTimeout overflows past 2^31 - 1 ms). */
const MAX_DELAY = 2_147_483_647

/** How long until the tray must redraw by itself, or null when nothing is due. */
export function redrawDelay(nextChangeAt: number | null, now: number): number | null {
  if (nextChangeAt === null) return null
  // A little after the change, never a busy loop when the clock is already past it.
  return Math.min(MAX_DELAY, Math.max(50, nextChangeAt - now + 20))
}

/** What a click on a notification should show in the window, if anything beyond revealing it. */
export function notificationClickEvent(n: HooktrayNotification): HooktrayEvent | null {
  if (n.deliveryId !== null) return { type: 'open-delivery', id: n.deliveryId }
  if (n.filter && (n.filter.pathPrefix || n.filter.registrationId)) return { type: 'open-filter', filter: { ...n.filter } }
  return null
}

/**
 * A native notification is for a user who is not looking: while the window is focused the list
 * itself shows what arrived. Failures are shown even then, since a failure may not be on screen.
 */
export function shouldShowNative(n: HooktrayNotification, windowFocused: boolean): boolean {
  return !windowFocused || n.level === 'failure'
}

/** The text an unread badge or overlay says. */
export function unreadDescription(unread: number): string {
  return unread === 0 ? '' : `${unread.toLocaleString('en-US')} unread ${unread === 1 ? 'delivery' : 'deliveries'}`
}
