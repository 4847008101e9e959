import { join } from 'node:path'
import { app, clipboard, Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron'
import type { HooktrayApi, HooktrayEvent } from '../../shared/contract'
import type { TrayIconState } from '../../shared/notify-types'
import type { EventBus } from '../core/events'
import { resourcesDir } from './app-paths'
import { loginItemKind, setXdgAutostart, xdgAutostartEnabled } from './login-item'
import { menuSpecs, redrawDelay, runTrayAction, trayIconFile, type MenuSpec } from './tray-model'

// Renders the core's tray model (getTrayMenu) and routes its clicks; every decision is in
// tray-model.ts and electron/core/tray, tested without Electron.

export interface TrayDeps {
  api: HooktrayApi
  events: EventBus
  /** Reveal the window, then tell the page what to show. */
  show(event?: HooktrayEvent): void
  quit(): void
}

export interface HooktrayTray {
  destroy(): void
}

/** Start at login: the OS's own switch on macOS and Windows, an XDG autostart file on Linux. */
function loginItem(): { get(): boolean | null; set(enabled: boolean): void } {
  const kind = loginItemKind(process.platform, app.isPackaged)
  // An AppImage runs from a temporary mount; APPIMAGE is the file itself, which is what must start.
  const exec = process.env.APPIMAGE ?? process.execPath
  return {
    get: () => (kind === 'native' ? app.getLoginItemSettings().openAtLogin : kind === 'xdg' ? xdgAutostartEnabled() : null),
    set: (enabled) => {
      if (kind === 'native') app.setLoginItemSettings({ openAtLogin: enabled })
      else if (kind === 'xdg') setXdgAutostart(enabled, exec)
    },
  }
}

export function createTray(deps: TrayDeps): HooktrayTray {
  const images = new Map<TrayIconState, NativeImage>()
  const image = (state: TrayIconState): NativeImage => {
    let img = images.get(state)
    if (!img) {
      img = nativeImage.createFromPath(join(resourcesDir(), trayIconFile(state, process.platform)))
      images.set(state, img)
    }
    return img
  }
  const tray = new Tray(image('idle'))
  const login = loginItem()
  let timer: ReturnType<typeof setTimeout> | null = null
  let destroyed = false

  const onClick = (spec: MenuSpec): void => {
    if (!spec.action) return
    runTrayAction(
      spec.action,
      {
        copy: (text) => clipboard.writeText(text),
        show: deps.show,
        updateNotifications: (patch) => deps.api.setNotificationSettings(patch),
        setForwarding: (enabled) => deps.api.setForwarding({ enabled }),
        setStartAtLogin: (enabled) => {
          login.set(enabled)
          void redraw()
        },
        quit: deps.quit,
      },
      Date.now(),
    ).catch((err: unknown) => console.error('[hooktray] tray action failed:', err))
  }

  const template = (specs: MenuSpec[]): MenuItemConstructorOptions[] =>
    specs.map((s) =>
      s.type === 'separator'
        ? { type: 'separator' }
        : { id: s.id, label: s.label, type: s.type, checked: s.checked, enabled: s.enabled, click: () => onClick(s) },
    )

  async function redraw(): Promise<void> {
    const menu = await deps.api.getTrayMenu({ startAtLogin: login.get() })
    if (destroyed) return
    tray.setImage(image(menu.icon))
    tray.setToolTip(menu.tooltip)
    tray.setContextMenu(Menu.buildFromTemplate(template(menuSpecs(menu.items))))
    if (timer) clearTimeout(timer)
    const delay = redrawDelay(menu.nextChangeAt, Date.now())
    timer = delay === null ? null : setTimeout(() => void redraw().catch(report), delay)
  }
  const report = (err: unknown): void => console.error('[hooktray] could not draw the tray:', err)

  // Linux (AppIndicator) opens the menu on click by itself; elsewhere a click opens the window.
  tray.on('click', () => deps.show())
  const unsubscribe = deps.events.subscribe((event) => {
    if (event.type === 'tray') void redraw().catch(report)
  })
  void redraw().catch(report)

  return {
    destroy: () => {
      destroyed = true
      unsubscribe()
      if (timer) clearTimeout(timer)
      tray.destroy()
    },
  }
}
