// Tray state as pure functions of the core's state; the Electron shell only renders the result.
export {
  ACTIVE_ICON_MS,
  TOOLTIP_MAX,
  displayUrl,
  isFailing,
  nextTrayChangeAt,
  recentLabel,
  statusLine,
  trayIconState,
  trayTooltip,
} from './icon'
export { DO_NOT_DISTURB_MS, RECENT_IN_MENU, buildTrayMenu, settingsPatchForTrayAction } from './menu'
export { trayStatus } from './status'
export type { RecentDelivery, TrayAction, TrayIconState, TrayInput, TrayMenuItem, TrayStatus } from './types'
export { UnreadTracker, type UnreadListener } from './unread'
