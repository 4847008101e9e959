import { expect, test, type Page } from '@playwright/test'
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

function row(page: Page, id: number) {
  return page.locator(`[data-testid="delivery-row"][data-id="${id}"]`)
}

async function open(page: Page, id: number) {
  await row(page, id).click()
  await expect(page.getByTestId('detail')).toBeVisible()
}

test('captures arrive live and every kind of body is shown safely', async ({ page }) => {
  page.on('dialog', (d) => {
    throw new Error(`captured content executed script: dialog "${d.message()}"`)
  })
  await page.goto(served.inspectorUrl)
  const empty = page.getByTestId('empty-state')
  await expect(empty).toBeVisible()
  await expect(empty).toContainText(served.receiverUrl)
  await expect(empty).toContainText('curl')

  // JSON: appears live within a second of being sent.
  const jsonId = await post(`${served.receiverUrl}/github/events?x=1&x=2`, '{"action":"opened","number":7}', { 'Content-Type': 'application/json', 'X-GitHub-Event': 'pull_request' })
  await expect(row(page, jsonId)).toBeVisible({ timeout: 1000 })

  const formId = await post(`${served.receiverUrl}/form`, 'name=Ada+Lovelace&lang=en&lang=fr', { 'Content-Type': 'application/x-www-form-urlencoded' })
  const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80])
  const binId = await post(`${served.receiverUrl}/upload.png`, binary, { 'Content-Type': 'image/png' })
  const big = Buffer.from(JSON.stringify({ items: Array.from({ length: 80_000 }, (_, i) => ({ i, name: `item-${i}` })) }))
  const bigId = await post(`${served.receiverUrl}/bulk`, big, { 'Content-Type': 'application/json' })
  const oddId = await post(`${served.receiverUrl}/we%20ird/..;/%F0%9F%98%80/x?q=%3Cb%3E&flag`, '', {}, 'PROPFIND')
  const badJsonId = await post(`${served.receiverUrl}/broken`, '{"unterminated": ', { 'Content-Type': 'application/json' })
  const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
  const htmlId = await post(`${served.receiverUrl}/html`, evil, { 'Content-Type': 'text/html', 'X-Evil': evil })
  for (const id of [formId, binId, bigId, oddId, badJsonId, htmlId]) await expect(row(page, id)).toBeVisible({ timeout: 1000 })
  expect(big.length).toBeGreaterThan(2 * 1024 * 1024)

  // Newest first.
  const ids = await page.locator('[data-testid="delivery-row"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))))
  expect(ids.slice(0, 3)).toEqual([htmlId, badJsonId, oddId])

  await open(page, jsonId)
  await expect(page.getByTestId('request-line')).toContainText('POST')
  await expect(page.getByTestId('request-line')).toContainText('/github/events?x=1&x=2')
  await expect(page.getByTestId('headers-table')).toContainText('X-GitHub-Event')
  await expect(page.getByTestId('query-table')).toContainText('x')
  await expect(page.getByTestId('body-view')).toContainText('"action": "opened"')

  await open(page, formId)
  await expect(page.getByTestId('body-view')).toContainText('Ada Lovelace')

  await open(page, binId)
  await expect(page.getByRole('tab', { name: 'Hex' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('body-view')).toContainText('89 50 4e 47')

  await open(page, bigId)
  await expect(page.getByTestId('body-view')).toContainText(/first 1 MiB/i)

  await open(page, oddId)
  await expect(page.getByTestId('request-line')).toContainText('PROPFIND')
  await expect(page.getByTestId('request-line')).toContainText('/we%20ird/..;/%F0%9F%98%80/x')

  await open(page, badJsonId)
  await expect(page.getByTestId('body-view')).toContainText(/invalid json/i)
  await expect(page.getByTestId('body-view')).toContainText('{"unterminated": ')

  await open(page, htmlId)
  await page.getByRole('tab', { name: 'Raw' }).click()
  await expect(page.getByTestId('body-view')).toContainText(evil)
  await expect(page.getByTestId('headers-table')).toContainText(evil)
  expect(await page.locator('img[src="x"]').count()).toBe(0)

  await page.screenshot({ path: 'test-results/inspector.png', fullPage: true })
})

test('keyboard moves through the list', async ({ page }) => {
  await page.goto(served.inspectorUrl)
  const rows = page.locator('[data-testid="delivery-row"]')
  await expect(rows.first()).toBeVisible()
  await rows.first().click()
  await page.keyboard.press('ArrowDown')
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowUp')
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true')
})

test('after a restart on the same data dir everything is still there', async ({ page }) => {
  const before = (await (await fetch(`${served.apiUrl}/api/deliveries?limit=100`, { headers: { Authorization: `Bearer ${served.token}` } })).json()) as { items: { id: number }[] }
  expect(before.items.length).toBeGreaterThan(5)
  expect(await served.stop()).toBe(0)
  served = await serve(dataDir)
  await page.goto(served.inspectorUrl)
  for (const d of before.items) await expect(row(page, d.id)).toBeAttached()
  await open(page, before.items[before.items.length - 1]!.id)
  await expect(page.getByTestId('body-view')).toContainText('"action": "opened"')
})
