// Browser notifications, unread in the title, the status strip and the Settings page, against the
// real `hooktray serve` in Chromium.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { rmSync } from 'node:fs'
import { newDataDir, post, serve, type Served } from './serve-fixture'

let served: Served
let dataDir: string

test.beforeAll(async () => {
  dataDir = newDataDir()
  served = await serve(dataDir)
})
test.afterAll(async () => {
  await served?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

interface Captured {
  title: string
  body: string
}

declare global {
  interface Window {
    __notifications: Captured[]
    __clickNotification(index: number): void
    __setLooking(looking: boolean): void
  }
}

/**
 * A context where notifications are allowed, every one shown is captured (window.Notification is
 * wrapped: headless Chromium has nowhere to display them), and the page's focus and visibility
 * are under the test's control (a headless page always reports itself focused and visible).
 */
async function notifyingPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext()
  await context.grantPermissions(['notifications'], { origin: new URL(served.inspectorUrl).origin })
  await context.addInitScript(() => {
    const Real = window.Notification
    const shown: (Captured & { onclick: ((e: Event) => void) | null })[] = []
    function Wrapped(title: string, options?: NotificationOptions) {
      const entry = { title, body: options?.body ?? '', onclick: null as ((e: Event) => void) | null }
      shown.push(entry)
      let real: Notification | null = null
      try {
        real = new Real(title, options)
      } catch {
        // Some headless builds refuse page notifications; the capture is what the test reads.
      }
      return {
        close: () => real?.close(),
        set onclick(fn: ((e: Event) => void) | null) {
          entry.onclick = fn
        },
        get onclick() {
          return entry.onclick
        },
      }
    }
    Object.defineProperty(Wrapped, 'permission', { get: () => Real.permission })
    ;(Wrapped as unknown as { requestPermission: typeof Real.requestPermission }).requestPermission = (cb) => Real.requestPermission(cb)
    window.Notification = Wrapped as unknown as typeof Notification
    window.__notifications = shown
    window.__clickNotification = (i) => shown[i]?.onclick?.(new Event('click'))

    let looking = true
    Document.prototype.hasFocus = () => looking
    Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (looking ? 'visible' : 'hidden') })
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => !looking })
    window.__setLooking = (next) => {
      looking = next
      window.dispatchEvent(new Event(next ? 'focus' : 'blur'))
      document.dispatchEvent(new Event('visibilitychange'))
    }
  })
  return { context, page: await context.newPage() }
}

/** Changes the page's focus and waits until the core has heard of it (so what follows counts right). */
async function setLooking(page: Page, looking: boolean): Promise<void> {
  const reported = page.waitForResponse((r) => r.url().endsWith('/api/rpc/setFocused') && r.ok())
  await page.evaluate((l) => window.__setLooking(l), looking)
  await reported
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${served.apiUrl}${path}`, { ...init, headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' } })

const shown = (page: Page) => page.evaluate(() => window.__notifications.map(({ title, body }) => ({ title, body })))

test('a new delivery notifies, the click lands on it, and the title counts what nobody saw', async ({ browser }) => {
  const { context, page } = await notifyingPage(browser)
  try {
    await page.goto(served.inspectorUrl)
    const strip = page.getByTestId('status-strip')
    await expect(strip).toBeVisible()
    await expect(page.getByTestId('strip-tunnel')).toHaveText('Local only')
    await expect(page.getByTestId('strip-url')).toHaveText(served.receiverUrl)
    await expect(page.getByTestId('strip-forwarding')).toHaveText('Forwarding off')

    const toggle = page.getByTestId('notifications-toggle')
    await expect(toggle).toHaveAttribute('data-state', 'off')
    await toggle.click()
    await expect(toggle).toHaveAttribute('data-state', 'on')

    // Looking at the page: the list shows it, no notification, nothing unread.
    const seenId = await post(`${served.receiverUrl}/seen`, '{}', { 'Content-Type': 'application/json' })
    await expect(page.locator(`[data-testid="delivery-row"][data-id="${seenId}"]`)).toBeVisible()
    await expect(page).toHaveTitle('Hooktray')

    await setLooking(page, false)
    const id = await post(`${served.receiverUrl}/github/push?token=SECRET`, '{"ref":"refs/heads/main","password":"hunter2"}', {
      'Content-Type': 'application/json',
      'X-GitHub-Event': 'push',
    })
    await expect.poll(() => shown(page)).toHaveLength(1)
    const [first] = await shown(page)
    expect(first!.title).toBe('push · /github/push')
    expect(first!.body).toContain('POST /github/push · ')
    expect(first!.body).not.toContain('SECRET')
    expect(first!.body).not.toContain('hunter2')
    await expect(page).toHaveTitle('(1) Hooktray')

    await post(`${served.receiverUrl}/stripe/invoice`, '{"type":"invoice.paid"}', { 'Content-Type': 'application/json' })
    await post(`${served.receiverUrl}/form`, 'a=1', { 'Content-Type': 'application/x-www-form-urlencoded' })
    await expect(page).toHaveTitle('(3) Hooktray')
    await expect(page.getByTestId('strip-unread')).toHaveText('3 unread')
    await expect.poll(async () => (await shown(page)).map((n) => n.title)).toEqual([
      'push · /github/push',
      'invoice.paid · /stripe/invoice',
      'New delivery · /form',
    ])
    await strip.screenshot({ path: 'test-results/status-strip.png' })

    await page.evaluate(() => window.__clickNotification(0))
    const row = page.locator(`[data-testid="delivery-row"][data-id="${id}"]`)
    await expect(row).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByTestId('request-line')).toContainText('/github/push')

    await setLooking(page, true)
    await expect(page).toHaveTitle('Hooktray')
    await expect(page.getByTestId('strip-unread')).toHaveText('No unread')
    await page.screenshot({ path: 'test-results/notifications-inspector.png' })
  } finally {
    await context.close()
  }
})

test('a burst is one notification with the exact count; its click shows the burst', async ({ browser }) => {
  expect((await api('/api/settings/notifications', { method: 'PUT', body: '{"groupWindowMs":300,"maxPerMinute":20}' })).status).toBe(200)
  const { context, page } = await notifyingPage(browser)
  try {
    await page.goto(served.inspectorUrl)
    await page.getByTestId('notifications-toggle').click()
    await expect(page.getByTestId('notifications-toggle')).toHaveAttribute('data-state', 'on')
    await setLooking(page, false)
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => post(`${served.receiverUrl}/mycirrus/device-${i % 3}`, '{}')))
    await expect
      .poll(async () => (await shown(page)).reduce((sum, n) => sum + (/^(\d+) new deliveries$/.exec(n.title) ? Number(n.title.split(' ')[0]) : 1), 0))
      .toBe(12)
    const all = await shown(page)
    const grouped = all.findIndex((n) => / new deliveries$/.test(n.title))
    expect(grouped).toBeGreaterThanOrEqual(0)
    expect(all[grouped]!.body).toBe('Received on /mycirrus/…')
    await page.evaluate((i) => window.__clickNotification(i), grouped)
    // The click narrows the list to the burst's path prefix: every burst delivery, nothing else.
    await expect(page.getByTestId('path-filter')).toContainText('/mycirrus/')
    const rows = page.locator('[data-testid="delivery-row"]')
    await expect(rows).toHaveCount(12)
    const listed = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))))
    expect([...listed].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b))
    await page.getByTestId('path-filter').getByRole('button', { name: 'Show all' }).click()
    await expect(page.getByTestId('path-filter')).toHaveCount(0)
    expect(await rows.count()).toBeGreaterThan(12)
  } finally {
    await context.close()
    await api('/api/settings/notifications', { method: 'PUT', body: '{"groupWindowMs":5000,"maxPerMinute":6}' })
  }
})

test('Settings: bad values are shown against their field and nothing changes; theme and shortcuts', async ({ page }) => {
  await page.goto(served.inspectorUrl)
  await page.getByTestId('nav-settings').click()
  const settings = page.getByTestId('settings-page')
  await expect(settings).toBeVisible()
  const before = await (await api('/api/settings/notifications')).json()

  await page.getByTestId('field-groupWindowMs').fill('-5')
  await page.getByTestId('save-settings').click()
  await expect(page.getByTestId('error-groupWindowMs')).toBeVisible()
  expect(await (await api('/api/settings/notifications')).json()).toEqual(before)

  await page.getByTestId('field-groupWindowMs').fill('2500')
  await page.getByTestId('field-muted').fill('/healthcheck\n/internal/')
  await page.getByTestId('save-settings').click()
  await expect(page.getByTestId('settings-saved')).toBeVisible()
  const after = await (await api('/api/settings/notifications')).json()
  expect(after).toEqual({ ...before, groupWindowMs: 2500, muted: ['/healthcheck', '/internal/'] })

  await page.getByTestId('mode-failures').check()
  await expect.poll(async () => (await (await api('/api/settings/notifications')).json()).mode).toBe('failures')
  await page.getByTestId('dnd-hour').click()
  await expect(page.getByTestId('dnd-state')).toContainText('On until')

  await page.getByTestId('theme-dark').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await settings.evaluate((el) => el.scrollTo(0, 0))
  await page.screenshot({ path: 'test-results/settings-dark.png' })
  await page.getByTestId('theme-light').click()
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('theme-system').click()
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./)
  await page.getByTestId('settings-page').evaluate((el) => el.scrollTo(0, 0))
  await page.screenshot({ path: 'test-results/settings.png' })

  // Verification: the answer to a failed check; a status outside 200–599 is refused by the field.
  const failed = page.getByTestId('field-failedVerificationStatus')
  await expect(failed).toHaveValue('401')
  await failed.fill('99')
  await page.getByTestId('save-verification-settings').click()
  await expect(page.getByTestId('verification-settings').getByRole('alert')).toContainText('200 to 599')
  expect((await (await api('/api/provider-settings')).json()).failedVerificationStatus).toBe(401)
  await failed.fill('403')
  await page.getByTestId('save-verification-settings').click()
  await expect(page.getByTestId('verification-settings')).toContainText('Saved.')
  expect((await (await api('/api/provider-settings')).json()).failedVerificationStatus).toBe(403)
  await api('/api/provider-settings', { method: 'PUT', body: JSON.stringify({ failedVerificationStatus: 401 }) })

  await page.locator('body').press('?')
  await expect(page.getByTestId('shortcuts-help')).toBeVisible()
  await expect(page.getByTestId('shortcuts-help')).toContainText('Show these shortcuts')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('shortcuts-help')).toBeHidden()

  await api('/api/settings/notifications', { method: 'PUT', body: JSON.stringify(before) })
})
