import { trayIconState, trayTooltip, recentLabel } from './icon'
import { RECENT_IN_MENU } from './menu'
import type { TrayInput, TrayStatus } from './types'

/** The "tray" object of GET /api/status: what the tray would show, for any client. */
export function trayStatus(input: TrayInput): TrayStatus {
  return {
    icon: trayIconState(input),
    tooltip: trayTooltip(input),
    unread: input.unread,
    recent: input.recent.slice(0, RECENT_IN_MENU).map((d) => ({ id: d.id, label: recentLabel(d) })),
  }
}
