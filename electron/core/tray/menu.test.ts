import assert from 'node:assert/strict'
import { test } from 'node:test'
import { defaultNotificationSettings, mergeSettings } from '../notify/settings'
import { DO_NOT_DISTURB_MS, buildTrayMenu, settingsPatchForTrayAction } from './menu'
import { trayStatus } from './status'
import type { RecentDelivery, TrayInput, TrayMenuItem } from './types'

const T0 = 1_700_000_000_000

const recent: RecentDelivery[] = Array.from({ length: 8 }, (_, i) => ({
  id: 100 - i,
  method: 'POST',
  path: `/mycirrus/${i}?token=SECRET`,
  eventName: i === 0 ? 'push' : null,
  registrationName: i === 1 ? 'octo/repo' : null,
}))

function input(over: Partial<TrayInput> = {}): TrayInput {
  return {
    now: T0,
    receiverUrl: 'http://127.0.0.1:8787',
    tunnel: { state: 'connected', publicUrl: 'https://quiet-fox.trycloudflare.com', error: null },
    deliveryCount: 8,
    lastDeliveryAt: T0 - 10_000,
    unread: 3,
    recent,
    notifications: { mode: 'all', doNotDisturbUntil: null },
    forwarding: { enabled: false, target: 'http://user:pw@localhost:3000/hooks?key=SECRET' },
    startAtLogin: true,
    ...over,
  }
}

const byId = (items: TrayMenuItem[], id: string) => {
  const item = items.find((i) => i.id === id)
  assert.ok(item, `menu has ${id}`)
  return item
}

test('the menu lists status, URL, the last five deliveries, toggles, open, login and quit in order', () => {
  const items = buildTrayMenu(input())
  assert.deepEqual(
    items.map((i) => i.id),
    [
      'status', 'copy-url',
      'sep-recent', 'recent-header', 'delivery:100', 'delivery:99', 'delivery:98', 'delivery:97', 'delivery:96',
      'sep-notifications', 'pause-notifications', 'failures-only', 'do-not-disturb', 'forwarding',
      'sep-app', 'open-window', 'start-at-login', 'sep-quit', 'quit',
    ],
  )
  assert.deepEqual(byId(items, 'status'), { id: 'status', label: 'Online', kind: 'header', enabled: false })
  assert.deepEqual(byId(items, 'copy-url').action, { type: 'copy-url', url: 'https://quiet-fox.trycloudflare.com' })
  assert.equal(byId(items, 'copy-url').label, 'Copy https://quiet-fox.trycloudflare.com')
  assert.deepEqual(byId(items, 'delivery:100'), {
    id: 'delivery:100', label: 'POST /mycirrus/0 · push', kind: 'action', action: { type: 'open-delivery', id: 100 },
  })
  assert.equal(byId(items, 'delivery:99').label, 'POST octo/repo')
  assert.deepEqual(byId(items, 'pause-notifications').action, { type: 'set-notification-mode', mode: 'none' })
  assert.equal(byId(items, 'pause-notifications').checked, false)
  assert.equal(byId(items, 'do-not-disturb').label, 'Do not disturb for 1 hour')
  assert.deepEqual(byId(items, 'do-not-disturb').action, { type: 'do-not-disturb', durationMs: DO_NOT_DISTURB_MS })
  assert.deepEqual(byId(items, 'forwarding'), {
    id: 'forwarding', label: 'Forward to localhost:3000/hooks', kind: 'checkbox', checked: false, enabled: true,
    action: { type: 'set-forwarding', enabled: true },
  })
  assert.equal(byId(items, 'open-window').label, 'Open Hooktray (3 new)')
  assert.deepEqual(byId(items, 'start-at-login').action, { type: 'set-start-at-login', enabled: false })
  assert.deepEqual(byId(items, 'quit').action, { type: 'quit' })
  for (const i of items) {
    if (i.kind === 'separator' || i.kind === 'header') assert.equal(i.action, undefined)
    else assert.ok(i.action, `${i.id} has an action`)
  }
  const text = JSON.stringify(items.map((i) => i.label))
  assert.ok(!text.includes('SECRET') && !text.includes('pw'), text)
})

test('menu reflects paused, do-not-disturb, no tunnel, no deliveries, and headless (no login/forwarding)', () => {
  const items = buildTrayMenu(
    input({
      tunnel: { state: 'stopped', publicUrl: null, error: null },
      recent: [],
      unread: 0,
      notifications: { mode: 'none', doNotDisturbUntil: T0 + 30 * 60_000 },
      forwarding: null,
      startAtLogin: null,
    }),
  )
  assert.deepEqual(byId(items, 'copy-url').action, { type: 'copy-url', url: 'http://127.0.0.1:8787' })
  assert.equal(byId(items, 'copy-url').label, 'Copy local URL http://127.0.0.1:8787')
  assert.equal(byId(items, 'recent-header').label, 'No deliveries yet')
  assert.ok(!items.some((i) => i.id.startsWith('delivery:') || i.id === 'forwarding' || i.id === 'start-at-login'))
  const pause = byId(items, 'pause-notifications')
  assert.deepEqual([pause.checked, pause.action], [true, { type: 'set-notification-mode', mode: 'all' }])
  assert.equal(byId(items, 'failures-only').enabled, false)
  const dnd = byId(items, 'do-not-disturb')
  assert.deepEqual([dnd.label, dnd.checked, dnd.action], ['Do not disturb (30 min left)', true, { type: 'do-not-disturb', durationMs: null }])
  assert.equal(byId(items, 'open-window').label, 'Open Hooktray')
})

test('menu actions map to settings patches that mergeSettings accepts', () => {
  const settings = defaultNotificationSettings
  const dndOn = settingsPatchForTrayAction({ type: 'do-not-disturb', durationMs: DO_NOT_DISTURB_MS }, T0)
  assert.equal(mergeSettings(settings, dndOn).doNotDisturbUntil, T0 + DO_NOT_DISTURB_MS)
  assert.deepEqual(settingsPatchForTrayAction({ type: 'do-not-disturb', durationMs: null }, T0), { doNotDisturbUntil: null })
  const failuresOnly = buildTrayMenu(input()).find((i) => i.id === 'failures-only')!.action!
  assert.equal(mergeSettings(settings, settingsPatchForTrayAction(failuresOnly, T0)).mode, 'failures')
  assert.equal(settingsPatchForTrayAction({ type: 'quit' }, T0), null)
})

test('status summary for GET /api/status', () => {
  const status = trayStatus(input({ lastDeliveryAt: T0 - 1000 }))
  assert.deepEqual(status, {
    icon: 'active',
    tooltip: 'Hooktray · Online\nhttps://quiet-fox.trycloudflare.com\n8 deliveries · 3 unread',
    unread: 3,
    recent: [
      { id: 100, label: 'POST /mycirrus/0 · push' },
      { id: 99, label: 'POST octo/repo' },
      { id: 98, label: 'POST /mycirrus/2' },
      { id: 97, label: 'POST /mycirrus/3' },
      { id: 96, label: 'POST /mycirrus/4' },
    ],
  })
})
