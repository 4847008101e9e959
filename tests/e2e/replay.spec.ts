// Replay, bulk replay and live forwarding in the browser, against the real `hooktray serve` and a
// local target that records exactly what reaches it.
import { expect, test, type Page } from '@playwright/test'
import { rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { newDataDir, post, serve, type Served } from './serve-fixture'

interface Seen {
  method: string
  url: string
  headers: [string, string][]
  body: Buffer
}

interface Target {
  url: string
  seen: Seen[]
  /** Requests to /hold/... wait here until released. */
  held: (() => void)[]
  close(): Promise<void>
}

async function startTarget(): Promise<Target> {
  const seen: Seen[] = []
  const held: (() => void)[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const headers: [string, string][] = []
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!])
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers, body: Buffer.concat(chunks) })
      const answer = () => {
        res.writeHead(201, { 'Content-Type': 'application/json', 'X-Target': 'recorded' })
        res.end(JSON.stringify({ handled: true, n: seen.length }))
      }
      if (req.url?.startsWith('/hold')) held.push(answer)
      else answer()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    held,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

let served: Served
let dataDir: string
let target: Target

test.beforeAll(async () => {
  dataDir = newDataDir()
  served = await serve(dataDir)
  target = await startTarget()
})
test.afterAll(async () => {
  await target?.close()
  await served?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const row = (page: Page, id: number) => page.locator(`[data-testid="delivery-row"][data-id="${id}"]`)

test('edit and replay: the target gets the edited body byte for byte and its answer is shown', async ({ page }) => {
  const original = '{"type":"payment.succeeded","amount":100,"currency":"eur"}'
  const id = await post(`${served.receiverUrl}/stripe/events?live=1`, original, { 'Content-Type': 'application/json', 'X-Provider-Id': 'evt_1' })
  await page.goto(served.inspectorUrl)
  await row(page, id).click()
  await expect(page.getByTestId('detail')).toHaveAttribute('data-id', String(id))
  await expect(page.getByTestId('attempts-empty')).toBeVisible()

  // Bad input: the API's words, inline.
  await page.getByTestId('replay-target').fill('localhost:3000')
  await page.getByTestId('replay-send').click()
  await expect(page.getByTestId('replay-error')).toHaveText('target must be an absolute http(s) URL')

  await page.getByTestId('replay-target').fill(target.url)
  await page.getByTestId('replay-edit').click()
  const editor = page.getByTestId('replay-editor')
  await expect(editor).toBeVisible()
  await expect(page.getByTestId('edit-body')).toHaveValue(original)
  const edited = '{"type":"payment.succeeded","amount":250,"currency":"eur","note":"édité ✓ 🚀"}\n'
  await page.getByTestId('edit-body').fill(edited)
  await page.getByTestId('add-header').click()
  const added = page.getByTestId('edit-header-row').last()
  await added.getByPlaceholder('Name').fill('X-Replayed')
  await added.getByPlaceholder('Value').fill('by-hand')
  await page.getByTestId('edit-send').click()

  const attempt = page.getByTestId('attempt-row').first()
  await expect(attempt).toBeVisible()
  await expect(attempt).toHaveAttribute('data-status', '201')
  await expect(attempt).toContainText('edited')
  await expect(page.getByTestId('replay-error')).toHaveCount(0)
  const viewer = page.getByTestId('attempt-viewer')
  await expect(viewer.getByTestId('attempt-headers')).toContainText('X-Target')
  await expect(viewer.getByTestId('attempt-body')).toContainText('"handled": true')

  expect(target.seen).toHaveLength(1)
  const got = target.seen[0]!
  expect(got.method).toBe('POST')
  expect(got.url).toBe('/stripe/events?live=1')
  expect(got.body.equals(Buffer.from(edited, 'utf8'))).toBe(true)
  expect(got.headers).toContainEqual(['X-Replayed', 'by-hand'])
  expect(got.headers).toContainEqual(['X-Provider-Id', 'evt_1'])
  // Content-Length is recomputed for the edited body (the name keeps the captured case).
  const length = got.headers.filter(([n]) => n.toLowerCase() === 'content-length').map(([, v]) => v)
  expect(length).toEqual([String(Buffer.byteLength(edited))])

  // Tall enough for the editor and the attempt below it in one picture.
  await page.setViewportSize({ width: 1400, height: 1900 })
  await page.getByTestId('detail').evaluate((el) => (el.scrollTop = 0))
  await page.screenshot({ path: 'test-results/replay-edit.png' })
  await page.setViewportSize({ width: 1400, height: 860 })

  // Enter in the target field sends (the edit is still open: the edited request again).
  await page.getByTestId('edit-body').fill('{"second":true}')
  await page.getByTestId('replay-target').press('Enter')
  await expect(page.getByTestId('attempt-row')).toHaveCount(2)
  expect(target.seen[1]!.body.toString()).toBe('{"second":true}')

  // As captured: the original bytes.
  await page.getByRole('button', { name: 'Cancel' }).click()
  await page.getByTestId('replay-send').click()
  await expect(page.getByTestId('attempt-row')).toHaveCount(3)
  expect(target.seen[2]!.body.toString()).toBe(original)
})

test('bulk: pick a range, replay it in arrival order, watch the progress bar finish; cancel', async ({ page }) => {
  const ids: number[] = []
  for (let n = 0; n < 6; n++) ids.push(await post(`${served.receiverUrl}/bulk/${n}`, `{"n":${n}}`, { 'Content-Type': 'application/json' }))
  await page.goto(served.inspectorUrl)
  await row(page, ids[5]!).click()
  await row(page, ids[0]!).click({ modifiers: ['Shift'] })
  await expect(page.getByTestId('bulk-picked')).toHaveText('6 selected')
  await row(page, ids[2]!).click({ modifiers: ['ControlOrMeta'] })
  await expect(page.getByTestId('bulk-picked')).toHaveText('5 selected')
  await expect(row(page, ids[2]!)).not.toHaveAttribute('data-picked', 'true')
  await row(page, ids[2]!).click({ modifiers: ['ControlOrMeta'] })
  await expect(page.getByTestId('bulk-picked')).toHaveText('6 selected')

  const before = target.seen.length
  await page.getByTestId('bulk-target').fill(target.url)
  await page.getByTestId('bulk-start').click()
  const job = page.getByTestId('bulk-job')
  await expect(job).toHaveAttribute('data-state', 'done')
  await expect(page.getByTestId('bulk-progress')).toHaveAttribute('aria-valuenow', '6')
  await expect(page.getByTestId('bulk-counts')).toContainText('6/6')
  await expect(page.getByTestId('bulk-counts')).toContainText('6 ok')
  await expect(page.getByTestId('bulk-counts')).toContainText('0 failed')
  expect(target.seen.slice(before).map((s) => s.body.toString())).toEqual([0, 1, 2, 3, 4, 5].map((n) => `{"n":${n}}`))
  await page.screenshot({ path: 'test-results/replay-bulk.png' })

  // A slow target: the job can be cancelled while it runs.
  await page.getByTestId('bulk-dismiss').click()
  await page.getByTestId('bulk-target').fill(`${target.url}/hold`)
  await page.getByTestId('bulk-start').click()
  await expect.poll(() => target.held.length).toBe(1)
  await expect(page.getByTestId('bulk-job')).toHaveAttribute('data-state', 'running')
  await page.getByTestId('bulk-cancel').click()
  await expect(page.getByTestId('bulk-job')).toHaveAttribute('data-state', 'cancelled')
  for (const release of target.held.splice(0)) release()
  await expect(page.getByTestId('bulk-counts')).toContainText('1/6')

  await page.getByTestId('delivery-list').press('ControlOrMeta+a')
  const total = await page.locator('[data-testid="delivery-row"]').count()
  await expect(page.getByTestId('bulk-picked')).toHaveText(`${total} selected`)
})

test('live forwarding from the header: every new delivery goes to the target, the list shows the result', async ({ page }) => {
  await page.goto(served.inspectorUrl)
  await page.getByTestId('forwarding-button').click()
  await page.getByTestId('forwarding-target').fill(served.receiverUrl)
  await page.getByTestId('forwarding-enabled').check()
  await page.getByTestId('forwarding-save').click()
  await expect(page.getByTestId('forwarding-error')).toContainText('would loop')

  await page.getByTestId('forwarding-target').fill(target.url)
  await page.getByTestId('forwarding-target').press('Enter')
  await expect(page.getByTestId('forwarding-popover')).toHaveCount(0)
  await expect(page.getByTestId('forwarding-button')).toContainText(`Forward → ${new URL(target.url).host}`)

  const before = target.seen.length
  const id = await post(`${served.receiverUrl}/github/events?x=1`, '{"live":true}', { 'Content-Type': 'application/json' })
  await expect(row(page, id).getByTestId('row-forward')).toHaveText('→201')
  expect(target.seen[before]!.url).toBe('/github/events?x=1')
  expect(target.seen[before]!.body.toString()).toBe('{"live":true}')

  await page.getByTestId('forwarding-button').click()
  await page.screenshot({ path: 'test-results/replay-forwarding.png' })
  await page.getByTestId('forwarding-enabled').uncheck()
  await page.getByTestId('forwarding-save').click()
  await expect(page.getByTestId('forwarding-button')).toContainText('Forwarding off')
})
