import { join, resolve } from 'node:path'
import { app, dialog, screen, type BrowserWindow } from 'electron'
import type { HooktrayEvent } from '../../shared/contract'
import type { Core } from '../core/core'
import { appOrigin } from './app-paths'
import { bindIpc } from './ipc'
import { createKeyFileBox, type SecretBox } from '../core/secrets'
import { resolveNativeBinding } from './native-binding'
import { createSafeStorageBox } from './safe-storage-box'
import { applySecurityPolicy } from './security'
import { receiverPort, startCore, startDesktopApi } from './start-core'
import type { AutomationApi } from '../cli/automation'
import { showInWindow, startNotifications } from './notifications'
import { createTray, type HooktrayTray } from './tray'
import { createMainWindow, revealWindow } from './window'
import { restoreWindowState, WINDOW_STATE_FILE } from './window-state'

// Lifecycle only: the engine is electron/core, everything visible lives in the files beside this.

app.setName('Hooktray')
// Sandbox every renderer the app ever creates, whatever a future window forgets to say.
app.enableSandbox()

// The same folder `hooktray serve` uses by default (electron/core/paths.ts). It is also
// userData, where Chromium keeps the single-instance lock: one app per database, and a test's
// temporary data dir never collides with the user's running app.
const dataDir = process.env.HOOKTRAY_DATA_DIR
  ? resolve(process.env.HOOKTRAY_DATA_DIR)
  : join(app.getPath('appData'), 'Hooktray')
app.setPath('userData', dataDir)

let core: Core | null = null
let starting: Promise<void> | null = null
let mainWindow: BrowserWindow | null = null
let tray: HooktrayTray | null = null
let unbindIpc: (() => void) | null = null
let automationApi: AutomationApi | null = null
let stopDesktop: (() => void)[] = []
let quitting = false
let closed = false

async function start(): Promise<void> {
  const origin = appOrigin()
  applySecurityPolicy(origin)
  core = await startCore({
    dataDir,
    port: receiverPort(process.env.HOOKTRAY_PORT),
    nativeBinding: resolveNativeBinding(),
    secretBox: desktopSecretBox(),
  })
  // Handlers first: the page calls the API as soon as it loads.
  unbindIpc = bindIpc({ api: core.api, events: core.events, origin })
  automationApi = await startDesktopApi(core)
  const win = (mainWindow = createMainWindow({ isQuitting: () => quitting }))
  const workAreas = screen.getAllDisplays().map((d) => d.workArea)
  const show = (event?: HooktrayEvent): void => showInWindow(win, event)
  tray = createTray({ api: core.api, events: core.events, show, quit: () => app.quit() })
  stopDesktop = [
    restoreWindowState(win, join(dataDir, WINDOW_STATE_FILE), workAreas),
    startNotifications({ api: core.api, events: core.events, window: win }),
  ]
}

/** The OS keychain when there is one; else the same 0600 key file headless mode uses, said aloud. */
function desktopSecretBox(): SecretBox {
  try {
    return createSafeStorageBox()
  } catch (err) {
    console.warn(`[hooktray] ${(err as Error).message}; using the key file in the data folder instead`)
    return createKeyFileBox(dataDir)
  }
}

async function shutdown(): Promise<void> {
  await starting?.catch(() => {})
  unbindIpc?.()
  await automationApi?.close()
  for (const stop of stopDesktop) stop()
  tray?.destroy()
  // Closing the core finishes in-flight deliveries and checkpoints SQLite before the process goes.
  await core?.close()
}

function failToStart(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err)
  console.error('[hooktray] could not start:', err)
  dialog.showErrorBox('Hooktray could not start', message)
  app.exit(1)
}

if (!app.requestSingleInstanceLock()) {
  // Another Hooktray owns this data dir; it has been asked to show itself (second-instance).
  app.quit()
} else {
  app.on('second-instance', () => revealWindow(mainWindow))
  app.on('activate', () => revealWindow(mainWindow))
  // A tray app keeps receiving webhooks with no window open; only Quit ends it.
  app.on('window-all-closed', () => {})
  app.on('before-quit', () => {
    quitting = true
  })
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    shutdown()
      .catch((err: unknown) => console.error('[hooktray] error while closing:', err))
      .finally(() => {
        closed = true
        app.quit()
      })
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit())

  starting = app.whenReady().then(start)
  starting.catch(failToStart)
}
