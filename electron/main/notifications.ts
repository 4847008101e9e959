import { join } from 'node:path'
import { app, nativeImage, Notification, type BrowserWindow } from 'electron'
import type { HooktrayApi, HooktrayEvent } from '../../shared/contract'
import type { HooktrayNotification } from '../../shared/notify-types'
import type { EventBus } from '../core/events'
import { isAppUrl } from './app-origin'
import { appOrigin, resourcesDir } from './app-paths'
import { EVENT_CHANNEL } from './ipc-protocol'
import { notificationClickEvent, shouldShowNative, unreadDescription } from './tray-model'
import { revealWindow } from './window'

// Native notifications from the core's `notification` events, the unread badge from its `tray`
// events, and the window's focus reported back so unread counts only what nobody saw. The
// decisions are in tray-model.ts (tested); this file only calls Electron.

export interface NotificationDeps {
  api: HooktrayApi
  events: EventBus
  window: BrowserWindow
}

/** Shows the window and, once its page is there, tells it what to show (a delivery, a filtered list). */
export function showInWindow(win: BrowserWindow | null, event?: HooktrayEvent): void {
  revealWindow(win)
  if (!win || win.isDestroyed() || !event) return
  const contents = win.webContents
  const send = (): void => {
    // The same rule as every other event: only our own page hears it.
    if (!contents.isDestroyed() && isAppUrl(contents.getURL(), appOrigin())) contents.send(EVENT_CHANNEL, event)
  }
  if (contents.isLoading()) contents.once('did-finish-load', send)
  else send()
}

/** electron-builder.yml's appId: Windows shows a notification only for the app its shortcut names. */
export const APP_USER_MODEL_ID = 'dev.hooktray.desktop'

export function startNotifications({ api, events, window: win }: NotificationDeps): () => void {
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
  // A notification that is garbage-collected loses its click handler on some platforms: keep each until it is done.
  const live = new Set<Notification>()
  const overlay = process.platform === 'win32' ? nativeImage.createFromPath(join(resourcesDir(), 'overlay-unread.png')) : null

  const focused = (): boolean => !win.isDestroyed() && win.isVisible() && win.isFocused()

  const show = (n: HooktrayNotification): void => {
    if (!Notification.isSupported() || !shouldShowNative(n, focused())) return
    const native = new Notification({
      title: n.title,
      body: n.body,
      silent: n.level !== 'failure',
      urgency: n.level === 'failure' ? 'critical' : 'normal',
    })
    const done = (): void => void live.delete(native)
    native.on('click', () => {
      done()
      showInWindow(win, notificationClickEvent(n) ?? undefined)
    })
    native.on('close', done)
    native.on('failed', done)
    live.add(native)
    native.show()
  }

  const setBadge = (unread: number): void => {
    // macOS dock and Unity-style Linux launchers have a count; Windows has a taskbar overlay.
    if (process.platform === 'darwin' || process.platform === 'linux') app.setBadgeCount(unread)
    if (overlay && !win.isDestroyed()) win.setOverlayIcon(unread > 0 ? overlay : null, unreadDescription(unread))
  }

  const report = (isFocused: boolean): void => {
    api.setFocused({ focused: isFocused }).catch((err: unknown) => console.error('[hooktray] setFocused failed:', err))
  }
  const onFocus = (): void => report(true)
  const onBlur = (): void => report(false)
  win.on('focus', onFocus)
  win.on('blur', onBlur)
  win.on('hide', onBlur)
  win.on('minimize', onBlur)
  report(focused())

  const unsubscribe = events.subscribe((event) => {
    if (event.type === 'notification') show(event.notification)
    else if (event.type === 'tray') setBadge(event.tray.unread)
  })

  return () => {
    unsubscribe()
    if (!win.isDestroyed()) {
      win.removeListener('focus', onFocus)
      win.removeListener('blur', onBlur)
      win.removeListener('hide', onBlur)
      win.removeListener('minimize', onBlur)
    }
    for (const n of live) n.close()
    live.clear()
  }
}
