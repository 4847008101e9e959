// The service against a real SQLite settings table and the real event bus, under a fake clock.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, test } from 'node:test'
import type { HooktrayEvent } from '../../../shared/contract'
import type { HooktrayNotification, TrayStatus } from '../../../shared/notify-types'
import type { RegistrationView } from '../../../shared/provider-schemas'
import type { Attempt, DeliverySummary, TunnelStatus } from '../../../shared/types'
import { tempDir } from '../../../tests/helpers/http'
import { EventBus } from '../events'
import { openDatabase, type Db } from '../store/db'
import { SettingsRepository } from '../store/settings'
import { ACTIVE_ICON_MS } from '../tray'
import { FakeClock } from './fake-clock'
import { NotifyService, TRAY_THROTTLE_MS } from './notify-service'

const dir = tempDir('hooktray-notify-service-')
const dbs: Db[] = []
after(() => {
  for (const db of dbs) db.close()
  dir.cleanup()
})

let dbCount = 0
function setup(file = `n${++dbCount}.db`) {
  const db = openDatabase({ file: join(dir.dir, file) })
  dbs.push(db)
  const clock = new FakeClock()
  const events = new EventBus()
  const notifications: HooktrayNotification[] = []
  const trays: TrayStatus[] = []
  events.subscribe((e: HooktrayEvent) => {
    if (e.type === 'notification') notifications.push(e.notification)
    if (e.type === 'tray') trays.push(e.tray)
  })
  const ctx = {
    tunnel: { mode: 'cloudflared', state: 'connected', publicUrl: 'https://quiet-fox.trycloudflare.com', error: null } as TunnelStatus,
    deliveryCount: 0,
    forwarding: { enabled: false, target: 'http://localhost:3000/hooks' },
  }
  const settings = new SettingsRepository(db)
  const service = new NotifyService({
    events,
    settings,
    clock,
    context: () => ({ receiverUrl: 'http://127.0.0.1:8787', ...ctx }),
    deliveryPath: (id) => `/stored/${id}`,
  })
  let nextId = 1
  const deliver = (path = '/mycirrus/events', body = '{"type":"device.updated","token":"SECRET"}', extra: Partial<DeliverySummary> = {}) => {
    const summary: DeliverySummary = {
      id: nextId++,
      method: 'POST',
      path,
      query: '',
      receivedAt: clock.now(),
      bodySize: body.length,
      contentType: 'application/json',
      remoteAddress: '127.0.0.1',
      responseStatus: 200,
      parseError: null,
      registrationId: null,
      verification: null,
      verificationReason: null,
      ...extra,
    }
    ctx.deliveryCount++
    service.onDelivery(summary, { headers: [['Content-Type', 'application/json']], body: Buffer.from(body) })
    return summary
  }
  return { db, clock, events, notifications, trays, ctx, service, settings, deliver }
}

test('a delivery notifies with its event name and no secret; the tray goes active, counts unread, then fades', () => {
  const t = setup()
  t.deliver()
  assert.equal(t.notifications.length, 1)
  const n = t.notifications[0]!
  assert.equal(n.title, 'device.updated · /mycirrus/events')
  assert.equal(n.deliveryId, 1)
  assert.equal(n.level, 'info')
  assert.ok(!n.body.includes('SECRET'), n.body)
  assert.equal(t.trays.length, 0, 'tray events are sent from a timer, never from the ingest path')
  t.clock.advance(0)
  assert.deepEqual(
    t.trays.map((s) => [s.icon, s.unread]),
    [['active', 1]],
  )
  assert.deepEqual(t.trays[0]!.recent, [{ id: 1, label: 'POST /mycirrus/events · device.updated' }])
  t.clock.advance(ACTIVE_ICON_MS)
  assert.equal(t.trays.at(-1)!.icon, 'idle')
  assert.equal(t.clock.pendingTimers > 0, true, 'the policy still holds its group window')
  t.clock.advance(60_000)
  assert.equal(t.trays.length, 2, 'nothing changes, nothing is sent')
  t.service.dispose()
  assert.equal(t.clock.pendingTimers, 0)
})

test('a burst of deliveries: exact unread, a few coalesced tray events, grouped notifications adding up', () => {
  const t = setup()
  for (let i = 0; i < 500; i++) t.deliver(`/mycirrus/${i % 7}`, '{}')
  t.clock.advance(120_000)
  assert.equal(t.service.unread.unread, 500)
  assert.equal(t.trays.at(-1)!.unread, 500)
  assert.ok(t.trays.length <= 3, `${t.trays.length} tray events`)
  assert.equal(t.notifications.reduce((sum, n) => sum + n.count, 0), 500)
  const grouped = t.notifications.filter((n) => n.count > 1)
  assert.equal(grouped[0]!.title, `${grouped[0]!.count} new deliveries`)
  assert.equal(grouped[0]!.body, 'Received on /mycirrus/…')
  assert.deepEqual(grouped[0]!.filter, { pathPrefix: '/mycirrus/' })
  assert.equal(t.service.backlog(), 0)
  t.service.unread.setFocused(true)
  t.clock.advance(TRAY_THROTTLE_MS)
  assert.equal(t.trays.at(-1)!.unread, 0)
  const before = t.notifications.length
  t.deliver('/while-looking', '{}')
  t.clock.advance(60_000)
  assert.equal(t.notifications.length, before, 'nothing pops up over the list the user is looking at')
  assert.equal(t.service.unread.unread, 0)
  t.service.dispose()
})

const attempt = (over: Partial<Attempt>): Attempt => ({
  id: 1,
  kind: 'forward',
  deliveryId: 7,
  target: 'http://user:pw@localhost:3000/hooks?key=SECRET',
  status: 200,
  error: null,
  durationMs: 5,
  responseHeaders: [],
  responseBodySize: 0,
  truncated: false,
  edited: false,
  createdAt: 0,
  ...over,
})

test('failures come from the events: forward 5xx or error, tunnel error, failed registration, failed verification', () => {
  const t = setup()
  t.events.emit({ type: 'attempt', attempt: attempt({ status: 200 }) })
  t.events.emit({ type: 'attempt', attempt: attempt({ kind: 'replay', status: 500 }) })
  t.events.emit({ type: 'attempt', attempt: attempt({ status: 404 }) })
  assert.equal(t.notifications.length, 0, 'a 2xx/4xx forward and any replay are not failures')
  t.events.emit({ type: 'attempt', attempt: attempt({ status: 502 }) })
  assert.deepEqual(t.notifications.at(-1), {
    title: 'Forward answered 502',
    body: '/stored/7: http://localhost:3000/hooks?… answered 502',
    deliveryId: 7,
    count: 1,
    level: 'failure',
  })
  t.events.emit({ type: 'attempt', attempt: attempt({ id: 2, deliveryId: 8, status: null, error: 'connect ECONNREFUSED 127.0.0.1:3000' }) })
  assert.equal(t.notifications.at(-1)!.title, 'Forward failed')
  assert.equal(t.notifications.at(-1)!.body, '/stored/8: connect ECONNREFUSED 127.0.0.1:3000')

  const tunnel: TunnelStatus = { mode: 'cloudflared', state: 'error', publicUrl: null, error: 'cloudflared exited with code 1' }
  t.ctx.tunnel = tunnel
  t.events.emit({ type: 'tunnel', tunnel })
  t.events.emit({ type: 'tunnel', tunnel })
  t.clock.advance(10_000) // the failure channel's group window closes
  const tunnelErrors = t.notifications.filter((n) => n.title === 'Tunnel error')
  assert.equal(tunnelErrors.length, 1, 'one notification per transition into error')
  assert.equal(tunnelErrors[0]!.body, 'cloudflared exited with code 1')
  assert.equal(t.trays.at(-1)!.icon, 'error')

  t.ctx.tunnel = { mode: 'cloudflared', state: 'connected', publicUrl: 'https://a.trycloudflare.com', error: null }
  t.events.emit({ type: 'tunnel', tunnel: t.ctx.tunnel })
  const reg = { id: 'r1', provider: 'mycirrus', receiverPath: '/h/mycirrus-1', state: 'failed', error: 'HTTP 401: bad key' } as RegistrationView
  t.events.emit({ type: 'registration', registration: reg })
  t.clock.advance(10_000)
  assert.equal(t.trays.at(-1)!.icon, 'error', 'a failing registration keeps the icon red')
  assert.equal(t.notifications.at(-1)!.title, 'Registration failed')
  assert.equal(t.notifications.at(-1)!.body, 'mycirrus /h/mycirrus-1: HTTP 401: bad key')
  t.events.emit({ type: 'registration', registration: { ...reg, state: 'registered', error: null } })
  t.clock.advance(TRAY_THROTTLE_MS)
  assert.equal(t.trays.at(-1)!.icon, 'idle')

  const before = t.notifications.length
  const bad = t.deliver('/h/mycirrus-1/in', '{}', { registrationId: 'r1', verification: 'failed', verificationReason: 'X-Webhook-Signature does not match' })
  t.clock.advance(10_000)
  const last = t.notifications.slice(before)
  assert.equal(last.length, 1, 'a failed verification is one failure notification, not also a delivery one')
  assert.equal(last[0]!.title, 'Verification failed')
  assert.equal(last[0]!.body, 'mycirrus /h/mycirrus-1: X-Webhook-Signature does not match')
  assert.equal(last[0]!.deliveryId, bad.id)
  t.service.dispose()
})

test('registrations already failing at start-up turn the icon red without a notification; events win over the listing', () => {
  const t = setup()
  const reg = (id: string, state: RegistrationView['state']) =>
    ({ id, provider: 'droplit', receiverPath: `/h/${id}`, state, error: 'HTTP 500' }) as RegistrationView
  t.events.emit({ type: 'registration', registration: reg('fixed', 'registered') })
  t.service.noteRegistrations([reg('old', 'failed'), reg('fixed', 'failed'), reg('fine', 'registered')])
  t.clock.advance(TRAY_THROTTLE_MS)
  assert.equal(t.trays.at(-1)!.icon, 'error')
  assert.match(t.trays.at(-1)!.tooltip, /1 registration failing/)
  assert.equal(t.notifications.length, 0)
  t.deliver('/h/old/x', '{}', { registrationId: 'old' })
  assert.equal(t.notifications.at(-1)!.title, 'New delivery · droplit /h/old')
  t.service.dispose()
})

test('settings: a bad patch is refused naming the field and changes nothing; a good one persists and applies', () => {
  const t = setup('settings.db')
  for (const [patch, field] of [
    [{ mode: 'loud' }, 'mode'],
    [{ groupWindowMs: -1 }, 'groupWindowMs'],
    [{ muted: '/a' }, 'muted'],
    [{ volume: 3 }, 'volume'],
  ] as const) {
    assert.throws(
      () => t.service.setSettings(patch),
      (err: Error & { status?: number }) => err.status === 400 && err.message.startsWith(`notifications.${field}:`),
      JSON.stringify(patch),
    )
  }
  assert.equal(t.service.getSettings().mode, 'all')
  const saved = t.service.setSettings({ mode: 'failures', muted: ['/quiet'] })
  assert.deepEqual([saved.mode, saved.muted, saved.groupWindowMs], ['failures', ['/quiet'], 5000])
  t.deliver()
  assert.equal(t.notifications.length, 0, 'failures-only mode drops plain deliveries')
  t.service.dispose()
  const again = setup('settings.db')
  assert.equal(again.service.getSettings().mode, 'failures', 'read back from SQLite')
  again.service.dispose()
})

test('menu model: start-at-login from the shell, DND label ticking by the minute', () => {
  const t = setup()
  t.deliver()
  let menu = t.service.trayMenu(true)
  assert.equal(menu.items.find((i) => i.id === 'start-at-login')?.checked, true)
  assert.equal(menu.items.find((i) => i.id === 'forwarding')?.label, 'Forward to localhost:3000/hooks')
  assert.equal(menu.nextChangeAt, t.clock.now() + ACTIVE_ICON_MS)
  assert.equal(t.service.trayMenu(null).items.some((i) => i.id === 'start-at-login'), false)
  t.service.setSettings({ doNotDisturbUntil: t.clock.now() + 90 * 60_000 + 30_000 })
  t.clock.advance(ACTIVE_ICON_MS)
  menu = t.service.trayMenu(null)
  assert.equal(menu.icon, 'paused')
  assert.equal(menu.items.find((i) => i.id === 'do-not-disturb')?.label, 'Do not disturb (91 min left)')
  assert.equal(menu.nextChangeAt, t.clock.now() + 27_000, 'when the label turns to 90 min')
  t.service.dispose()
})
