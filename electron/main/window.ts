import { join } from 'node:path'
import { BrowserWindow } from 'electron'
import { appOrigin, PRELOAD_FILE, RENDERER_FILE, resourcesDir } from './app-paths'

export interface WindowOptions {
  /** True once the user asked to quit: closing then really closes instead of hiding to the tray. */
  isQuitting(): boolean
}

export function createMainWindow({ isQuitting }: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Hooktray',
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    autoHideMenuBar: true,
    icon: join(resourcesDir(), 'icon.png'),
    webPreferences: {
      preload: PRELOAD_FILE,
      // Stated explicitly (they are Electron's defaults) so a reader never has to wonder.
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })

  win.once('ready-to-show', () => win.show())

  // A tray app: the window is a view onto the running receiver, not its lifetime.
  win.on('close', (event) => {
    if (isQuitting()) return
    event.preventDefault()
    win.hide()
  })

  const { devServerUrl } = appOrigin()
  const loading = devServerUrl ? win.loadURL(devServerUrl) : win.loadFile(RENDERER_FILE)
  loading.catch((err: unknown) => console.error('[hooktray] could not load the inspector:', err))
  return win
}

export function revealWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}
