// The provider flow as a new user meets it: `hooktray serve --public-url` plus
// `hooktray simulate mycirrus`, a connection added in the UI, a webhook registered, and the
// simulator's deliveries listed as verified, the tampered one as failed.
import { expect, test } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { newDataDir, serve, type Served } from './serve-fixture'

const ROOT = resolve(__dirname, '..', '..')
const PUBLIC_URL = 'https://demo.example.test'

interface SimInfo {
  url: string
  credentials: Record<string, string>
  deliverTo: string
}

let served: Served
let dataDir: string
let sim: ChildProcess
let info: SimInfo

test.beforeAll(async () => {
  dataDir = newDataDir()
  served = await serve(dataDir, ['--public-url', PUBLIC_URL])
  sim = spawn(process.execPath, [join(ROOT, 'bin', 'hooktray.js'), 'simulate', 'mycirrus', '--json', '--tamper', '--deliver-every', '1', '--deliver-to', served.receiverUrl], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  info = await new Promise<SimInfo>((res, rej) => {
    let out = ''
    let err = ''
    sim.stderr!.on('data', (d) => (err += d))
    sim.stdout!.on('data', (d) => {
      out += d
      if (out.includes('\n')) res(JSON.parse(out.split('\n')[0]!) as SimInfo)
    })
    sim.once('exit', (code) => rej(new Error(`hooktray simulate exited ${code}: ${err}`)))
  })
})

test.afterAll(async () => {
  if (sim && sim.exitCode === null) {
    const gone = new Promise((r) => sim.once('exit', r))
    sim.kill('SIGTERM')
    await gone
  }
  await served?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

test('add a MyCirrus connection, register, and see verified and tampered deliveries flagged', async ({ page }) => {
  expect(info.deliverTo).toBe(served.receiverUrl)
  await page.goto(served.inspectorUrl)
  await page.getByTestId('nav-connections').click()
  await expect(page.getByTestId('connections-page')).toBeVisible()

  await page.getByTestId('connection-add').click()
  await page.getByTestId('connection-provider').selectOption('mycirrus')
  await page.getByTestId('connection-name').fill('Demo lab')
  await page.getByTestId('connection-base-url').fill(info.url)
  await page.getByTestId('connection-credential').fill(info.credentials.apiKey!)
  await page.getByTestId('connection-save').click()

  const card = page.getByTestId('connection').filter({ hasText: 'Demo lab' })
  await expect(card).toBeVisible()
  await expect(card.getByTestId('connection-credential-masked')).toHaveText('sim-…-key')
  expect(await page.content()).not.toContain(info.credentials.apiKey!)

  // The provider's own words for a bad registration, in plain view.
  await card.getByTestId('register-open').click()
  await card.getByTestId('reg-instrument').fill('QT000000')
  await card.getByTestId('register-submit').click()
  const failed = card.getByTestId('registration').filter({ has: page.locator('[data-state="failed"]') })
  await expect(failed.getByTestId('registration-error')).toHaveText('The instrument QT000000 could not be found.')
  await failed.getByTestId('registration-remove').click()
  await expect(failed).toHaveCount(0)

  await card.getByTestId('register-open').click()
  await card.getByTestId('reg-instrument').fill('QT123456')
  await card.getByTestId('register-submit').click()
  const registered = card.getByTestId('registration').filter({ has: page.locator('[data-testid="registration-state"][data-state="registered"]') })
  await expect(registered).toHaveCount(1)
  const path = await registered.locator('.registration-path').innerText()
  expect(path).toMatch(/^\/h\/[a-z2-9]{10}$/)
  await expect(registered.getByTestId('registration-target')).toHaveText(`${PUBLIC_URL}${path}`)

  // Mute its notifications from here; the notification settings carry it (and Unmute takes it back).
  const regId = await registered.getAttribute('data-id')
  const muted = async () =>
    ((await (await fetch(`${served.apiUrl}/api/settings/notifications`, { headers: { Authorization: `Bearer ${served.token}` } })).json()) as { mutedRegistrations: string[] }).mutedRegistrations
  await registered.getByTestId('registration-mute').click()
  await expect(registered.getByTestId('registration-mute')).toHaveText('Unmute')
  expect(await muted()).toEqual([regId])
  await registered.getByTestId('registration-mute').click()
  await expect(registered.getByTestId('registration-mute')).toHaveText('Mute')
  expect(await muted()).toEqual([])

  // The simulator delivers once it sees the webhook, then every second; every third is tampered.
  await page.getByTestId('nav-deliveries').click()
  const verified = page.locator('[data-testid="delivery-row"]:has([data-verification="verified"])').first()
  const tampered = page.locator('[data-testid="delivery-row"]:has([data-verification="failed"])').first()
  await expect(verified).toBeVisible({ timeout: 15_000 })
  await expect(tampered).toBeVisible({ timeout: 15_000 })

  // Each row says which provider it came through, and the chip's title names the registration.
  await expect(verified.getByTestId('row-provider')).toHaveText('MyCirrus')
  await expect(verified.getByTestId('row-provider')).toHaveAttribute('title', new RegExp(`MyCirrus registration on ${path}$`))

  await tampered.click()
  const detail = page.getByTestId('detail')
  await expect(detail.getByTestId('verification-result')).toHaveText('Failed')
  await expect(detail.getByTestId('verification-reason')).toContainText('X-Webhook-Signature does not match')
  await expect(detail.getByTestId('verification-registration')).toContainText(path)
  await expect(detail.getByTestId('request-line')).toContainText(path)

  await verified.click()
  await expect(detail.getByTestId('verification-result')).toHaveText('Verified')
  await expect(detail.getByTestId('verification-registration')).toContainText('MyCirrus · Demo lab')

  // Narrow the list to this registration: only its deliveries remain, each flagged.
  await detail.getByRole('button', { name: 'Only this registration' }).click()
  await expect(page.getByTestId('registration-filter')).toContainText(path)
  const flags = await page.locator('[data-testid="delivery-row"] [data-testid="row-verification"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-verification')))
  expect(flags.length).toBeGreaterThan(0)
  expect(flags.every((f) => f === 'verified' || f === 'failed')).toBe(true)
})
