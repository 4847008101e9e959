import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ACTIVE_ICON_MS, TOOLTIP_MAX, nextTrayChangeAt, trayIconState, trayTooltip } from './icon'
import type { TrayInput } from './types'

const T0 = 1_700_000_000_000

function input(over: Partial<TrayInput> = {}): TrayInput {
  return {
    now: T0,
    receiverUrl: 'http://127.0.0.1:8787',
    tunnel: { state: 'connected', publicUrl: 'https://quiet-fox.trycloudflare.com', error: null },
    deliveryCount: 1234,
    lastDeliveryAt: null,
    unread: 0,
    recent: [],
    notifications: { mode: 'all', doNotDisturbUntil: null },
    ...over,
  }
}

test('icon: idle, active for a moment after a delivery, then idle again', () => {
  assert.equal(trayIconState(input()), 'idle')
  const s = input({ lastDeliveryAt: T0 })
  assert.equal(trayIconState(s), 'active')
  assert.equal(nextTrayChangeAt(s), T0 + ACTIVE_ICON_MS)
  assert.equal(trayIconState({ ...s, now: T0 + ACTIVE_ICON_MS - 1 }), 'active')
  assert.equal(trayIconState({ ...s, now: T0 + ACTIVE_ICON_MS }), 'idle')
  assert.equal(nextTrayChangeAt({ ...s, now: T0 + ACTIVE_ICON_MS }), null)
})

test('icon: paused while notifications are off or do-not-disturb runs, and back after it ends', () => {
  assert.equal(trayIconState(input({ notifications: { mode: 'none', doNotDisturbUntil: null } })), 'paused')
  const dnd = input({ notifications: { mode: 'all', doNotDisturbUntil: T0 + 60_000 }, lastDeliveryAt: T0 })
  assert.equal(trayIconState(dnd), 'paused', 'a delivery does not flash a paused icon')
  assert.equal(nextTrayChangeAt(dnd), T0 + ACTIVE_ICON_MS)
  assert.equal(nextTrayChangeAt({ ...dnd, now: T0 + ACTIVE_ICON_MS }), T0 + 60_000)
  assert.equal(trayIconState({ ...dnd, now: T0 + 60_000 }), 'idle')
  assert.equal(trayIconState(input({ notifications: { mode: 'failures', doNotDisturbUntil: null } })), 'idle')
})

test('icon: error when the tunnel or a registration fails, above every other state', () => {
  const err = input({ tunnel: { state: 'error', publicUrl: null, error: 'cloudflared exited' }, lastDeliveryAt: T0 })
  assert.equal(trayIconState(err), 'error')
  assert.equal(trayIconState(input({ failingRegistrations: 1, notifications: { mode: 'none', doNotDisturbUntil: null } })), 'error')
  assert.equal(trayIconState(input({ tunnel: { state: 'reconnecting', publicUrl: null, error: null } })), 'idle')
})

test('tooltip: status, public URL without its query, counts and pause state', () => {
  assert.equal(trayTooltip(input()), 'Hooktray · Online\nhttps://quiet-fox.trycloudflare.com\n1,234 deliveries')
  const t = trayTooltip(
    input({
      tunnel: { state: 'connected', publicUrl: 'https://me:pw@hooks.example.com/in?token=SECRET', error: null },
      unread: 5,
      deliveryCount: 1,
      notifications: { mode: 'all', doNotDisturbUntil: T0 + 42 * 60_000 },
    }),
  )
  assert.equal(t, 'Hooktray · Online\nhttps://hooks.example.com/in\n1 delivery · 5 unread\nDo not disturb: 42 min left')
  const local = trayTooltip(input({ tunnel: { state: 'stopped', publicUrl: null, error: null }, failingRegistrations: 2 }))
  assert.equal(local, 'Hooktray · Local only · 2 registrations failing\nLocal: http://127.0.0.1:8787\n1,234 deliveries')
})

test('tooltip stays within the platform limit however long the URL or error', () => {
  const long = trayTooltip(
    input({
      tunnel: { state: 'error', publicUrl: `https://${'a'.repeat(300)}.example.com`, error: 'x'.repeat(500) },
      unread: 99,
      notifications: { mode: 'failures', doNotDisturbUntil: null },
    }),
  )
  assert.ok(long.length <= TOOLTIP_MAX, `${long.length} chars`)
  assert.match(long, /99 unread/)
  assert.match(long, /Notifying failures only$/)
})
