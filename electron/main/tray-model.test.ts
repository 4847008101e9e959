import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { test } from 'node:test'
import type { HooktrayEvent } from '../../shared/contract'
import type { HooktrayNotification, TrayAction } from '../../shared/notify-types'
import { buildTrayMenu } from '../core/tray/menu'
import {
  menuSpecs,
  notificationClickEvent,
  redrawDelay,
  runTrayAction,
  shouldShowNative,
  trayIconFile,
  unreadDescription,
} from './tray-model'

const RESOURCES = resolve(__dirname, '..', '..', 'resources')

test('every state has its icon file, at 1x and 2x, coloured and as a macOS template', () => {
  for (const state of ['idle', 'active', 'paused', 'error'] as const) {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const file = trayIconFile(state, platform)
      assert.equal(file.endsWith('Template.png'), platform === 'darwin', file)
      for (const name of [file, file.replace('.png', '@2x.png')]) {
        assert.ok(existsSync(join(RESOURCES, name)), `resources/${name} (run node resources/make-icons.mjs)`)
      }
    }
  }
  assert.equal(trayIconFile('idle', 'darwin'), 'trayTemplate.png')
  assert.equal(trayIconFile('error', 'darwin'), 'trayErrorTemplate.png')
  assert.equal(trayIconFile('active', 'linux'), 'tray-active.png')
})

test('menu specs: headers are disabled text, checkboxes keep their state, separators carry nothing', () => {
  const items = buildTrayMenu({
    now: 0,
    receiverUrl: 'http://127.0.0.1:8787',
    tunnel: { state: 'connected', publicUrl: 'https://a.trycloudflare.com', error: null },
    deliveryCount: 1,
    lastDeliveryAt: null,
    unread: 0,
    recent: [{ id: 4, method: 'POST', path: '/x' }],
    notifications: { mode: 'none', doNotDisturbUntil: null },
    startAtLogin: false,
  })
  const specs = menuSpecs(items)
  const by = (id: string) => specs.find((s) => s.id === id)!
  assert.deepEqual(by('status'), { id: 'status', label: 'Online', type: 'normal', checked: false, enabled: false, action: null })
  assert.deepEqual(by('pause-notifications').type, 'checkbox')
  assert.equal(by('pause-notifications').checked, true)
  assert.equal(by('failures-only').enabled, false, 'disabled while everything is paused')
  assert.deepEqual(by('delivery:4').action, { type: 'open-delivery', id: 4 })
  assert.equal(by('sep-quit').type, 'separator')
  assert.equal(by('sep-quit').enabled, false)
  assert.deepEqual(by('start-at-login').action, { type: 'set-start-at-login', enabled: true })
})

test('menu actions reach the right handler', async () => {
  const calls: unknown[] = []
  const on = {
    copy: (t: string) => void calls.push(['copy', t]),
    show: (e?: HooktrayEvent) => void calls.push(['show', e ?? null]),
    updateNotifications: async (p: unknown) => void calls.push(['notifications', p]),
    setForwarding: async (enabled: boolean) => void calls.push(['forwarding', enabled]),
    setStartAtLogin: (enabled: boolean) => void calls.push(['login', enabled]),
    quit: () => void calls.push(['quit']),
  }
  const actions: TrayAction[] = [
    { type: 'copy-url', url: 'https://a.trycloudflare.com' },
    { type: 'open-delivery', id: 9 },
    { type: 'open-window' },
    { type: 'do-not-disturb', durationMs: 3_600_000 },
    { type: 'set-notification-mode', mode: 'failures' },
    { type: 'set-forwarding', enabled: true },
    { type: 'set-start-at-login', enabled: false },
    { type: 'quit' },
  ]
  for (const a of actions) await runTrayAction(a, on, 1000)
  assert.deepEqual(calls, [
    ['copy', 'https://a.trycloudflare.com'],
    ['show', { type: 'open-delivery', id: 9 }],
    ['show', null],
    ['notifications', { doNotDisturbUntil: 3_601_000 }],
    ['notifications', { mode: 'failures' }],
    ['forwarding', true],
    ['login', false],
    ['quit'],
  ])
})

test('redraw timing: after the change, never a busy loop, never an overflowing timer', () => {
  assert.equal(redrawDelay(null, 1000), null)
  assert.equal(redrawDelay(4000, 1000), 3020)
  assert.equal(redrawDelay(900, 1000), 50)
  assert.equal(redrawDelay(1000 + 40 * 86_400_000, 1000), 2_147_483_647)
})

const n = (over: Partial<HooktrayNotification>): HooktrayNotification => ({
  title: 't',
  body: 'b',
  deliveryId: null,
  count: 1,
  level: 'info',
  ...over,
})

test('a notification click opens its delivery, or the list its group stood for', () => {
  assert.deepEqual(notificationClickEvent(n({ deliveryId: 12 })), { type: 'open-delivery', id: 12 })
  assert.deepEqual(notificationClickEvent(n({ count: 27, filter: { pathPrefix: '/mycirrus/' } })), {
    type: 'open-filter',
    filter: { pathPrefix: '/mycirrus/' },
  })
  assert.equal(notificationClickEvent(n({ level: 'failure', title: 'Tunnel error' })), null)
  assert.equal(shouldShowNative(n({}), true), false)
  assert.equal(shouldShowNative(n({}), false), true)
  assert.equal(shouldShowNative(n({ level: 'failure' }), true), true)
  assert.equal(unreadDescription(0), '')
  assert.equal(unreadDescription(1), '1 unread delivery')
  assert.equal(unreadDescription(1234), '1,234 unread deliveries')
})

test('the Windows notification identity matches the installer (electron-builder.yml appId)', () => {
  const yml = readFileSync(join(RESOURCES, '..', 'electron-builder.yml'), 'utf8')
  const appId = /^appId: (\S+)$/m.exec(yml)?.[1]
  // notifications.ts imports Electron, so its constant is read as text here.
  const source = readFileSync(join(__dirname, 'notifications.ts'), 'utf8')
  assert.equal(/APP_USER_MODEL_ID = '([^']+)'/.exec(source)?.[1], appId)
  for (const line of ['from: .electron-native/better_sqlite3.node', 'to: better_sqlite3.node', "- '*.png'", '- AppImage', '- deb', 'target: dmg', 'target: nsis']) {
    assert.ok(yml.includes(line), line)
  }
})
