// The tunnel in the inspector: `hooktray serve --tunnel cloudflared` with the fake cloudflared (a
// real child process that prints cloudflared's log lines and really proxies), then without one.
import { expect, test, type Page } from '@playwright/test'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FAKE_CLOUDFLARED, readState, type FakeState } from '../fixtures/fake-cloudflared/harness'
import { newDataDir, post, serve, type Served } from './serve-fixture'

// The cloudflared package's postinstall downloads this where it has internet; the lookup would find it.
const PACKAGE_BIN = resolve(__dirname, '..', '..', 'node_modules', 'cloudflared', 'bin', process.platform === 'win32' ? 'cloudflared.exe' : 'cloudflared')
const DOWNLOADS_URL = 'https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/'

const dirs: string[] = []
const servers: Served[] = []

test.afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** The fake's state file once it is complete (it is rewritten by each start). */
function stateOf(file: string): FakeState | null {
  try {
    return readState(file)
  } catch {
    return null
  }
}

async function openPanel(page: Page) {
  await page.getByTestId('tunnel-button').click()
  await expect(page.getByTestId('tunnel-panel')).toBeVisible()
  await expect(page.getByTestId('tunnel-form')).toBeVisible()
}

test('a quick tunnel: public URL front and centre, traffic through it, restart live, bad manual URL refused', async ({ page }) => {
  const dataDir = newDataDir()
  dirs.push(dataDir)
  const stateFile = join(dataDir, 'fake-cloudflared.json')
  const served = await serve(dataDir, ['--tunnel', 'cloudflared'], { CLOUDFLARED_BIN: FAKE_CLOUDFLARED, FAKE_CLOUDFLARED_STATE: stateFile })
  servers.push(served)

  await expect.poll(() => stateOf(stateFile)?.url ?? null).toMatch(/^https:\/\/[a-z0-9-]+\.trycloudflare\.com$/)
  const first = stateOf(stateFile)!
  // The tunnel forwards to the receiver, never to the inspector.
  expect(first.args).toContain(served.receiverUrl)

  await page.goto(served.inspectorUrl)
  await expect(page.getByTestId('public-url')).toHaveText(first.url!)
  await expect(page.getByTestId('tunnel-state')).toHaveAttribute('data-state', 'connected')
  await expect(page.getByTestId('tunnel-state')).toHaveText('Tunnel connected')
  await expect(page.getByTestId('empty-url')).toHaveText(first.url!)
  await expect(page.getByTestId('empty-curl')).toContainText(first.url!)

  // Sent to the "public" side of the fake: it lands in the store and in the list.
  const id = await post(`http://127.0.0.1:${first.localPort}/via-tunnel?from=internet`, '{"hello":"tunnel"}', { 'Content-Type': 'application/json' })
  const row = page.locator(`[data-testid="delivery-row"][data-id="${id}"]`)
  await expect(row).toBeVisible()
  await expect(row).toContainText('/via-tunnel')

  await openPanel(page)
  await expect(page.getByTestId('tunnel-panel-url')).toHaveText(first.url!)
  await expect(page.getByTestId('tunnel-panel-state')).toHaveText('Connected')
  await expect(page.getByTestId('tunnel-mode-cloudflared')).toBeChecked()
  await page.screenshot({ path: 'test-results/tunnel-connected.png' })

  // A quick tunnel comes back from a restart with a new URL; the header follows the events.
  await page.getByTestId('tunnel-restart').click()
  await expect.poll(() => stateOf(stateFile)?.url ?? first.url).not.toBe(first.url)
  const second = stateOf(stateFile)!
  expect(second.pid).not.toBe(first.pid)
  await expect(page.getByTestId('public-url')).toHaveText(second.url!)
  await expect(page.getByTestId('tunnel-panel-url')).toHaveText(second.url!)
  await expect(page.getByTestId('tunnel-state')).toHaveAttribute('data-state', 'connected')

  // The named tunnel's token is a password field that starts empty.
  await page.getByTestId('tunnel-mode-named').check()
  await expect(page.getByTestId('tunnel-token')).toHaveAttribute('type', 'password')
  await expect(page.getByTestId('tunnel-token')).toHaveValue('')

  // A manual URL that is not http(s): the core's message, word for word; the tunnel is untouched.
  await page.getByTestId('tunnel-mode-manual').check()
  await page.getByTestId('tunnel-manual-url').fill('ftp://x')
  await page.getByTestId('tunnel-apply').click()
  await expect(page.getByTestId('tunnel-error')).toHaveText('The public URL must start with http:// or https:// (got ftp://)')
  await expect(page.getByTestId('public-url')).toHaveText(second.url!)
  await expect(page.getByTestId('tunnel-state')).toHaveAttribute('data-state', 'connected')
})

test('cloudflared missing: an error badge that says how to install it, and a failed download said clearly', async ({ page }) => {
  test.skip(existsSync(PACKAGE_BIN), `the cloudflared package installed its own binary (${PACKAGE_BIN}), so it is not missing here`)
  const dataDir = newDataDir()
  dirs.push(dataDir)
  const emptyPath = join(dataDir, 'empty-path')
  mkdirSync(emptyPath)
  const missing = join(dataDir, 'nowhere', 'cloudflared')
  const served = await serve(dataDir, ['--tunnel', 'cloudflared'], {
    CLOUDFLARED_BIN: missing,
    PATH: emptyPath,
    // A release that does not exist: the download fails online (404) as it does offline.
    CLOUDFLARED_VERSION: '0.0.0-hooktray-e2e-missing',
  })
  servers.push(served)

  await page.goto(served.inspectorUrl)
  const badge = page.getByTestId('tunnel-state')
  await expect(badge).toHaveAttribute('data-state', 'error')
  await expect(badge).toContainText('Tunnel error: cloudflared not found')
  await expect(page.getByTestId('public-url')).toHaveCount(0)
  // No public URL: the empty state offers the local receiver.
  await expect(page.getByTestId('empty-url')).toHaveText(served.receiverUrl)

  await openPanel(page)
  const reason = page.getByTestId('tunnel-status-error')
  await expect(reason).toContainText(`not runnable: ${missing} from CLOUDFLARED_BIN`)
  await expect(reason).toContainText(`Install it (${DOWNLOADS_URL})`)
  await expect(page.getByTestId('tunnel-install')).toBeVisible()

  // The download fails within milliseconds here; record that the progress bar was shown at all.
  await page.evaluate(() => {
    const w = window as unknown as { progressSeen: string[] }
    w.progressSeen = []
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="install-progress"] [role="progressbar"]')
      if (bar) w.progressSeen.push(`${bar.className}|${bar.getAttribute('aria-valuenow') ?? 'none'}`)
    }).observe(document.body, { childList: true, subtree: true, attributes: true })
  })
  await page.getByTestId('install-cloudflared').click()
  const failure = page.getByTestId('install-error')
  await expect(failure).toBeVisible({ timeout: 30_000 })
  await expect(failure).toContainText('Installing cloudflared failed.')
  await expect(failure).toContainText(`install it yourself: ${DOWNLOADS_URL}`)
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)
  // The package's download does not say its size: the bar is indeterminate.
  expect(seen[0]).toBe('tunnel-progress is-indeterminate|none')
  await expect(page.getByTestId('install-progress')).toHaveCount(0)
  await expect(page.getByTestId('install-cloudflared')).toHaveText('Try again')
  // The tunnel is still honestly in error, and capture keeps working locally.
  await expect(badge).toHaveAttribute('data-state', 'error')
  const id = await post(`${served.receiverUrl}/still-local`, 'ok', { 'Content-Type': 'text/plain' })
  await expect(page.locator(`[data-testid="delivery-row"][data-id="${id}"]`)).toBeVisible()
  await page.screenshot({ path: 'test-results/tunnel-error.png' })
})
