import type { Unsubscribe } from '../../../shared/contract'
import type { HooktrayNotification } from '../../../shared/notify-types'
import type { RendererClient } from '../client'
import {
  BROWSER_NOTIFICATIONS_KEY,
  THEME_KEY,
  initialBrowserNotifications,
  isLooking,
  notificationTarget,
  readTheme,
  titleWithUnread,
  type ThemePreference,
} from '../lib/notify'
import type { AppStore } from './store'

const storage = (): Storage | null => {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

function remember(key: string, value: string | null): void {
  try {
    if (value === null) storage()?.removeItem(key)
    else storage()?.setItem(key, value)
  } catch {
    // Not persisted; it still applies for this visit.
  }
}

function applyTheme(theme: ThemePreference): void {
  // No attribute: the prefers-color-scheme rules decide.
  if (theme === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = theme
}

/**
 * Notifications, unread and theme, wired to the page: tray and tunnel state from the events,
 * the unread count in the title, browser notifications (headless mode; the desktop shell shows
 * native ones), and the page's focus reported so that only what nobody saw counts as unread.
 */
/** How long a browser tab's "I am looking" holds, and how often it renews it while looking. */
const FOCUS_LEASE_MS = 30_000
const FOCUS_RENEW_MS = 10_000

export function connectNotify(store: AppStore, client: RendererClient): Unsubscribe {
  const http = client.transport === 'http'
  const state = store.getState

  state().setTheme(readTheme(storage()))
  const permission = typeof Notification === 'undefined' ? null : Notification.permission
  if (http) state().setBrowserNotifications(initialBrowserNotifications(permission, storage()))
  else state().setBrowserNotifications('unsupported')

  const show = (n: HooktrayNotification): void => {
    // The list already shows what arrives while the user is looking at it.
    if (!http || state().browserNotifications !== 'on' || isLooking(document)) return
    try {
      const shown = new Notification(n.title, { body: n.body, tag: n.deliveryId === null ? `hooktray-${n.level}-group` : undefined })
      shown.onclick = () => {
        window.focus()
        shown.close()
        const target = notificationTarget(n)
        if (target?.type === 'open-delivery') state().openDelivery(target.id)
        else if (target?.type === 'open-filter') state().openFilter(target.filter)
      }
    } catch (err) {
      // Some browsers only allow notifications from a service worker; say so once, then stay quiet.
      console.warn('[hooktray] browser notification failed:', err)
      state().setBrowserNotifications('unsupported')
    }
  }

  const offEvent = client.onEvent((event) => {
    if (event.type === 'notification') show(event.notification)
    else state().applyNotifyEvents([event])
  })

  client.getStatus({}).then(
    (status) => {
      if (state().tray === null) state().applyNotifyEvents([{ type: 'status', status }])
    },
    () => undefined, // the deliveries slice reports an unreachable core
  )

  // Only the browser reports focus; in the desktop app the shell knows the window's focus itself.
  // A tab can close or lose the network without saying so, so its focus is a lease it renews
  // while it is looked at; the server lets it lapse otherwise.
  let looking: boolean | null = null
  let renewed = 0
  const report = (): void => {
    const now = isLooking(document)
    const stale = now && Date.now() - renewed >= FOCUS_RENEW_MS
    if (now === looking && !stale) return
    looking = now
    if (now) renewed = Date.now()
    void client.setFocused(now ? { focused: true, leaseMs: FOCUS_LEASE_MS } : { focused: false }).catch(() => undefined)
  }
  const leave = (): void => {
    looking = false
    void client.setFocused({ focused: false }).catch(() => undefined)
  }
  let renewTimer: ReturnType<typeof setInterval> | null = null
  if (http) {
    report()
    window.addEventListener('focus', report)
    window.addEventListener('blur', report)
    window.addEventListener('pagehide', leave)
    document.addEventListener('visibilitychange', report)
    renewTimer = setInterval(report, FOCUS_RENEW_MS)
  }

  let lastTitle = ''
  let lastTheme: ThemePreference | null = null
  const render = (): void => {
    const s = state()
    const title = titleWithUnread(s.tray?.unread ?? 0)
    if (title !== lastTitle) document.title = lastTitle = title
    if (s.theme !== lastTheme) {
      lastTheme = s.theme
      applyTheme(s.theme)
      remember(THEME_KEY, s.theme === 'system' ? null : s.theme)
    }
  }
  render()
  const offStore = store.subscribe(render)

  return () => {
    offEvent()
    offStore()
    if (http) {
      window.removeEventListener('focus', report)
      window.removeEventListener('blur', report)
      window.removeEventListener('pagehide', leave)
      document.removeEventListener('visibilitychange', report)
      if (renewTimer) clearInterval(renewTimer)
    }
  }
}

/** Asks the browser (needs a click) and switches browser notifications on or off; remembers the choice. */
export async function toggleBrowserNotifications(store: AppStore): Promise<void> {
  const s = store.getState()
  if (s.browserNotifications === 'on') {
    s.setBrowserNotifications('off')
    remember(BROWSER_NOTIFICATIONS_KEY, 'off')
    return
  }
  if (typeof Notification === 'undefined') return s.setBrowserNotifications('unsupported')
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission()
  if (permission === 'granted') {
    remember(BROWSER_NOTIFICATIONS_KEY, 'on')
    s.setBrowserNotifications('on')
  } else {
    s.setBrowserNotifications(permission === 'denied' ? 'denied' : 'off')
  }
}
