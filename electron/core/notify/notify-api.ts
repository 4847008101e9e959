import type { NotificationSettings as SharedSettings } from '../../../shared/notify-types'
import type { ApiImpl } from '../api'
import type { NotifyService } from './notify-service'
import type { NotificationSettings as SchemaSettings } from './settings'

// The settings shape is written twice (plain types in shared/ for every client, zod in
// ./settings.ts for validation); this fails to compile the moment they disagree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const settingsMatch: Same<SharedSettings, SchemaSettings> = true
void settingsMatch

export interface NotifyApiDeps {
  notify: NotifyService
}

export function notifyApi({ notify }: NotifyApiDeps): ApiImpl<
  'getNotificationSettings' | 'setNotificationSettings' | 'clearUnread' | 'setFocused' | 'getTrayMenu'
> {
  return {
    getNotificationSettings: () => notify.getSettings(),
    // The contract only checks for an object; mergeSettings validates strictly and names the field.
    setNotificationSettings: (patch) => notify.setSettings(patch),
    clearUnread: () => {
      notify.unread.clear()
      return { unread: notify.unread.unread }
    },
    setFocused: ({ focused, leaseMs }) => {
      notify.unread.setFocused(focused, leaseMs)
      return { unread: notify.unread.unread }
    },
    getTrayMenu: ({ startAtLogin }) => notify.trayMenu(startAtLogin ?? null),
  }
}
