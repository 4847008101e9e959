// The desktop shell, end to end: the real Electron binary running the built app (out/main) with
// its own better-sqlite3 build. Where either is missing (CI installs with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 and has no internet) the test skips itself and says why.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { methodNames } from '../../shared/contract'

const ROOT = resolve(__dirname, '..', '..')
const MAIN = join(ROOT, 'out', 'main', 'index.js')
const NATIVE = join(ROOT, '.electron-native', 'better_sqlite3.node')

function electronBinary(): string | null {
  try {
    // The electron package exports the executable's path; it throws when the download was skipped.
    const path = require('electron') as unknown as string
    return existsSync(path) ? path : null
  } catch {
    return null
  }
}

function whyNot(binary: string | null): string | null {
  if (!binary) {
    return (
      'Electron binary not installed (no internet here: electron was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1). ' +
      'With internet, run `npm start` once: it says how to fetch the binary and builds better-sqlite3 for Electron.'
    )
  }
  if (!existsSync(NATIVE)) {
    return (
      "better-sqlite3 built for Electron is missing (.electron-native/better_sqlite3.node). Run `npm start` once " +
      '(needs internet the first time) to build it; node_modules keeps the Node build the other tests use.'
    )
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'No display for Electron (DISPLAY and WAYLAND_DISPLAY are unset): run the tests under `xvfb-run -a`.'
  }
  return null
}

/** The built app on a fresh data dir; close() also removes the dir. */
async function launch(binary: string): Promise<{ app: ElectronApplication; dataDir: string; close(): Promise<void> }> {
  expect(existsSync(MAIN), `${MAIN} is missing: run \`npm run build\` first`).toBe(true)
  const dataDir = mkdtempSync(join(tmpdir(), 'hooktray-electron-'))
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    // A dev shell's ELECTRON_RENDERER_URL would point the app at a dev server that is not running.
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL' && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value
  }
  const app = await electron.launch({
    executablePath: binary,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), MAIN],
    cwd: ROOT,
    env: { ...env, HOOKTRAY_DATA_DIR: dataDir, HOOKTRAY_PORT: '0' },
  })
  return {
    app,
    dataDir,
    close: async () => {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

const binary = electronBinary()
const reason = whyNot(binary)
// The list reporter shows a skip without its reason; say it where a reader of the run looks.
if (reason) console.log(`[electron.spec] skipped: ${reason}`)

test.describe('desktop app (Electron)', () => {
  test.skip(reason !== null, reason ?? '')

  test('captures a webhook, shows it over IPC, and gives the page no Node', async () => {
    expect(existsSync(MAIN), `${MAIN} is missing: run \`npm run build\` first`).toBe(true)
    const dataDir = mkdtempSync(join(tmpdir(), 'hooktray-electron-'))
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) {
      // A dev shell's ELECTRON_RENDERER_URL would point the app at a dev server that is not running.
      if (value !== undefined && key !== 'ELECTRON_RENDERER_URL' && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value
    }
    const app = await electron.launch({
      executablePath: binary!,
      // Chromium refuses to run as root with its sandbox (containers, CI); the page's isolation
      // (contextIsolation, no nodeIntegration) is what this test checks and does not depend on it.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), MAIN],
      cwd: ROOT,
      env: { ...env, HOOKTRAY_DATA_DIR: dataDir, HOOKTRAY_PORT: '0' },
    })
    try {
      const page = await app.firstWindow()
      await page.waitForLoadState('domcontentloaded')

      const status = await page.evaluate(() => window.api!.getStatus({}))
      expect(status.dataDir).toBe(dataDir)
      expect(status.receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

      const res = await fetch(`${status.receiver.url}/github/push?from=e2e`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'curl/8.5.0', 'X-GitHub-Event': 'push' },
        body: JSON.stringify({ hello: 'electron' }),
      })
      expect(res.status).toBe(200)
      const rows = page.locator('[data-testid=delivery-row]')
      await expect(rows).toHaveCount(1)
      await expect(rows.first()).toContainText('/github/push')

      const globals = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>
        return {
          require: typeof w.require,
          process: typeof w.process,
          module: typeof w.module,
          Buffer: typeof w.Buffer,
          api: Object.keys(window.api ?? {}).sort(),
          transport: (window.api as unknown as { transport?: string } | undefined)?.transport,
        }
      })
      expect(globals).toEqual({
        require: 'undefined',
        process: 'undefined',
        module: 'undefined',
        Buffer: 'undefined',
        api: [...methodNames, 'onEvent', 'transport'].sort(),
        transport: 'ipc',
      })

      // Failures cross the bridge as Errors carrying the core's message.
      const missing = await page.evaluate(() =>
        window.api!.getDelivery({ id: 999_999 }).then(
          () => 'resolved',
          (err: unknown) => (err instanceof Error ? err.message : `not an Error: ${String(err)}`),
        ),
      )
      expect(missing).toMatch(/not found/)
      const invalid = await page.evaluate(() =>
        window.api!.listDeliveries({ limit: 'lots' as unknown as number }).then(
          () => 'resolved',
          (err: unknown) => (err instanceof Error ? err.message : `not an Error: ${String(err)}`),
        ),
      )
      expect(invalid).toMatch(/^listDeliveries: limit/)
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  test('the tray model, and a native notification whose click opens the delivery', async () => {
    const { app, close } = await launch(binary!)
    try {
      const page = await app.firstWindow()
      await page.waitForLoadState('domcontentloaded')
      const menu = await page.evaluate(() => window.api!.getTrayMenu({}))
      expect(menu.items.map((i) => i.id)).toEqual(expect.arrayContaining(['status', 'copy-url', 'recent-header', 'open-window', 'quit']))
      expect(menu.icon).toBe('idle')

      // Record native notifications in the main process: a CI display has no notification daemon.
      await app.evaluate(({ Notification }) => {
        const g = globalThis as unknown as { __shown: Electron.Notification[] }
        g.__shown = []
        Notification.isSupported = () => true
        Notification.prototype.show = function (this: Electron.Notification) {
          g.__shown.push(this)
        }
      })
      // Nobody looking: the window goes to the tray (its hide tells the core, as does this call).
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide())
      await page.evaluate(() => window.api!.setFocused({ focused: false }))

      const status = await page.evaluate(() => window.api!.getStatus({}))
      const res = await fetch(`${status.receiver.url}/github/push`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push' },
        body: '{"ref":"main"}',
      })
      const { id } = (await res.json()) as { id: number }
      const shown = () => app.evaluate(() => (globalThis as unknown as { __shown: Electron.Notification[] }).__shown.map((n) => n.title))
      await expect.poll(shown).toEqual(['push · /github/push'])
      await expect.poll(() => page.evaluate(() => window.api!.getStatus({}).then((s) => s.tray.unread))).toBe(1)

      await app.evaluate(() => (globalThis as unknown as { __shown: Electron.Notification[] }).__shown[0]!.emit('click'))
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible())).toBe(true)
      await expect(page.locator(`[data-testid="delivery-row"][data-id="${id}"]`)).toHaveAttribute('aria-selected', 'true')
    } finally {
      await close()
    }
  })
})
