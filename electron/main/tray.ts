import { join } from 'node:path'
import { clipboard, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron'
import type { Status } from '../../shared/types'
import { resourcesDir } from './app-paths'

export interface TrayActions {
  open(): void
  quit(): void
}

export interface HooktrayTray {
  update(status: Status): void
  destroy(): void
}

export function createTray(initial: Status, actions: TrayActions): HooktrayTray {
  // tray@2x.png beside tray.png is picked up automatically on high-DPI screens.
  const tray = new Tray(nativeImage.createFromPath(join(resourcesDir(), 'tray.png')))
  tray.on('click', () => actions.open())

  const update = (status: Status): void => {
    const local = status.receiver.url
    const publicUrl = status.tunnel.publicUrl
    // Providers need the public URL when a tunnel is up; otherwise the local one is all there is.
    const copyable = publicUrl ?? local
    tray.setToolTip(`Hooktray: receiving at ${copyable}`)
    const template: MenuItemConstructorOptions[] = [{ label: `Receiving at ${local}`, enabled: false }]
    if (publicUrl) template.push({ label: `Public URL ${publicUrl}`, enabled: false })
    template.push(
      { type: 'separator' },
      { label: 'Open Hooktray', click: () => actions.open() },
      { label: 'Copy receiver URL', click: () => clipboard.writeText(copyable) },
      { type: 'separator' },
      { label: 'Quit Hooktray', click: () => actions.quit() },
    )
    tray.setContextMenu(Menu.buildFromTemplate(template))
  }
  update(initial)

  return { update, destroy: () => tray.destroy() }
}
