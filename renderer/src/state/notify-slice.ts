import type { StateCreator } from 'zustand'
import type { HooktrayEvent } from '../../../shared/contract'
import type {
  NotificationFilter,
  NotificationSettings,
  NotificationSettingsPatch,
  TrayStatus,
} from '../../../shared/notify-types'
import type { RendererClient } from '../client'
import { settingsErrorField, type BrowserNotifications, type ThemePreference } from '../lib/notify'
import type { AppState } from './store'

export interface NotifySlice {
  /** What the tray shows (unread, recent), from status and `tray` events. */
  tray: TrayStatus | null
  notificationSettings: NotificationSettings | null
  /** The last refused save: the field it names (null: not one field) and the core's message. */
  notificationSettingsError: { field: string | null; message: string } | null
  savingNotificationSettings: boolean
  /** Browser notifications (headless mode only; the desktop shell shows native ones). */
  browserNotifications: BrowserNotifications
  /** A grouped notification's click: the deliveries it stood for. */
  listFilter: NotificationFilter | null
  shortcutsOpen: boolean
  theme: ThemePreference
  readonly transport: RendererClient['transport']

  loadNotificationSettings(): Promise<void>
  /** Resolves true when saved; false when refused (notificationSettingsError says why). */
  saveNotificationSettings(patch: NotificationSettingsPatch): Promise<boolean>
  clearNotificationSettingsError(): void
  applyNotifyEvents(events: HooktrayEvent[]): void
  setBrowserNotifications(state: BrowserNotifications): void
  clearUnread(): Promise<void>
  /** Shows one delivery (a notification or tray click). */
  openDelivery(id: number): void
  /** Shows what a grouped notification stood for: its newest delivery selected, the filter kept. */
  openFilter(filter: NotificationFilter): void
  clearListFilter(): void
  setShortcutsOpen(open: boolean): void
  setTheme(theme: ThemePreference): void
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

export const createNotifySlice =
  (client: RendererClient): StateCreator<AppState, [], [], NotifySlice> =>
  (set, get) => ({
    tray: null,
    notificationSettings: null,
    notificationSettingsError: null,
    savingNotificationSettings: false,
    browserNotifications: 'off',
    listFilter: null,
    shortcutsOpen: false,
    theme: 'system',
    transport: client.transport,

    loadNotificationSettings: async () => {
      try {
        set({ notificationSettings: await client.getNotificationSettings({}) })
      } catch (err) {
        set({ notificationSettingsError: { field: null, message: message(err) } })
      }
    },

    saveNotificationSettings: async (patch) => {
      set({ savingNotificationSettings: true })
      try {
        const saved = await client.setNotificationSettings(patch)
        set({ notificationSettings: saved, notificationSettingsError: null })
        return true
      } catch (err) {
        const text = message(err)
        set({ notificationSettingsError: { field: settingsErrorField(text), message: text } })
        return false
      } finally {
        set({ savingNotificationSettings: false })
      }
    },

    clearNotificationSettingsError: () => set({ notificationSettingsError: null }),

    applyNotifyEvents: (events) => {
      let { tray } = get()
      let changed = false
      for (const event of events) {
        if (event.type === 'tray' || event.type === 'status') {
          tray = event.type === 'tray' ? event.tray : event.status.tray
          changed = true
        } else if (event.type === 'open-delivery') {
          get().openDelivery(event.id)
        } else if (event.type === 'open-filter') {
          get().openFilter(event.filter)
        }
      }
      if (changed) set({ tray })
    },

    setBrowserNotifications: (browserNotifications) => set({ browserNotifications }),

    clearUnread: async () => {
      try {
        await client.clearUnread({})
      } catch {
        // Unread is a convenience; the next tray event corrects the count anyway.
      }
    },

    openDelivery: (id) => {
      if (get().listFilter) get().clearListFilter()
      set({ page: 'deliveries' })
      get().select(id)
    },

    openFilter: (filter) => {
      set({ page: 'deliveries' })
      if (filter.registrationId) return get().setRegistrationFilter(filter.registrationId)
      // The list is refetched from the core, narrowed to the group's path prefix.
      set({ listFilter: filter, items: [], nextBefore: null, loaded: false, selectedId: null, detail: null, picked: new Set(), pickAnchor: null, generation: get().generation + 1 })
      void get().init()
    },

    clearListFilter: () => {
      if (!get().listFilter) return
      set({ listFilter: null, items: [], nextBefore: null, loaded: false, selectedId: null, detail: null, picked: new Set(), pickAnchor: null, generation: get().generation + 1 })
      void get().init()
    },
    setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
    setTheme: (theme) => set({ theme }),
  })
