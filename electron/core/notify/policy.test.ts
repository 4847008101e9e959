import assert from 'node:assert/strict'
import { test } from 'node:test'
import { systemClock } from './clock'
import { FakeClock } from './fake-clock'
import { NotificationPolicy } from './policy'
import { defaultNotificationSettings, type NotificationSettings } from './settings'
import type { DeliveryInput, HooktrayNotification } from './types'

interface Shown extends HooktrayNotification {
  at: number
}

function setup(over: Partial<NotificationSettings> = {}) {
  const clock = new FakeClock()
  const shown: Shown[] = []
  const policy = new NotificationPolicy({
    clock,
    settings: { ...defaultNotificationSettings, ...over },
    notify: (n) => shown.push({ ...n, at: clock.now() }),
  })
  let nextId = 1
  const deliver = (path = '/mycirrus/events', extra: Partial<DeliveryInput> = {}) =>
    policy.onDelivery({
      id: nextId++,
      method: 'POST',
      path,
      bodySize: 2,
      contentType: 'application/json',
      receivedAt: clock.now(),
      bodyPrefix: new TextEncoder().encode('{}'),
      ...extra,
    })
  return { clock, shown, policy, deliver }
}

const total = (shown: HooktrayNotification[]) => shown.reduce((sum, n) => sum + n.count, 0)

/** The most notifications shown in any rolling minute. */
function maxInAnyMinute(shown: Shown[]): number {
  let max = 0
  for (const a of shown) max = Math.max(max, shown.filter((b) => b.at > a.at - 60_000 && b.at <= a.at).length)
  return max
}

test('a single delivery is shown at once, alone, and leaves no timer behind', () => {
  const { clock, shown, policy, deliver } = setup()
  deliver('/mycirrus/events')
  assert.equal(shown.length, 1)
  assert.equal(shown[0]!.deliveryId, 1)
  assert.equal(shown[0]!.count, 1)
  assert.equal(shown[0]!.title, 'New delivery · /mycirrus/events')
  clock.advance(60_000)
  assert.equal(shown.length, 1)
  assert.equal(policy.backlog(), 0)
  assert.equal(clock.pendingTimers, 0)
})

test('a burst shows the first few, then one grouped notification per window with the exact rest', () => {
  const { clock, shown, policy, deliver } = setup()
  for (let i = 0; i < 27; i++) {
    deliver(`/mycirrus/${i % 4}/events`)
    clock.advance(100)
  }
  assert.deepEqual(shown.map((n) => n.deliveryId), [1, 2, 3])
  assert.equal(policy.backlog(), 24)
  clock.advance(5000)
  assert.equal(shown.length, 4)
  const group = shown[3]!
  assert.deepEqual(
    { title: group.title, body: group.body, deliveryId: group.deliveryId, count: group.count, filter: group.filter },
    { title: '24 new deliveries', body: 'Received on /mycirrus/…', deliveryId: null, count: 24, filter: { pathPrefix: '/mycirrus/' } },
  )
  assert.equal(group.at - shown[0]!.at, 5000, 'the group fires when the window closes')
  assert.equal(total(shown), 27)
  assert.equal(policy.backlog(), 0)
})

test('a group across unrelated paths says how many paths', () => {
  const { clock, shown, deliver } = setup({ groupThreshold: 1 })
  for (const p of ['/a', '/b', '/c', '/a']) deliver(p)
  clock.advance(5000)
  assert.equal(shown.length, 2)
  assert.equal(shown[1]!.body, 'Received on 3 paths')
  assert.equal(shown[1]!.filter, undefined)
})

test('while a burst goes on every window is grouped; once it stops, deliveries show one by one again', () => {
  const { clock, shown, deliver } = setup()
  for (let i = 0; i < 10; i++) deliver()
  clock.advance(5000)
  assert.deepEqual(shown.map((n) => n.count), [1, 1, 1, 7])
  for (let i = 0; i < 5; i++) deliver()
  assert.equal(shown.length, 4, 'the window right after an overflowing one shows nothing one by one')
  clock.advance(5000)
  assert.deepEqual(shown.map((n) => n.count), [1, 1, 1, 7, 5])
  clock.advance(5000)
  deliver()
  assert.equal(shown.length, 6)
  assert.equal(shown[5]!.count, 1)
  assert.notEqual(shown[5]!.deliveryId, null)
})

test('10 000 deliveries in one burst: at most the cap, exact total, nothing left over', () => {
  const { clock, shown, policy, deliver } = setup()
  for (let i = 0; i < 10_000; i++) deliver(`/burst/${i}`)
  clock.advance(10 * 60_000)
  assert.ok(shown.length <= 6)
  assert.equal(total(shown), 10_000)
  assert.equal(policy.backlog(), 0)
  assert.equal(clock.pendingTimers, 0)
})

test('the per-minute cap holds for a long stream; held-back counts are carried, none lost', () => {
  // A high threshold makes the cap, not the grouping, the thing that holds deliveries back.
  const { clock, shown, policy, deliver } = setup({ groupThreshold: 1000, maxPerMinute: 6 })
  for (let i = 0; i < 10_000; i++) {
    deliver(i % 2 ? '/a/x' : '/a/y')
    clock.advance(20)
  }
  clock.advance(10 * 60_000)
  assert.ok(maxInAnyMinute(shown) <= 6, `at most 6 per rolling minute, saw ${maxInAnyMinute(shown)}`)
  assert.equal(total(shown), 10_000)
  assert.equal(policy.backlog(), 0)
  assert.equal(clock.pendingTimers, 0)
})

test('what the cap holds back is shown when a slot frees, alone if it is one delivery', () => {
  const { clock, shown, deliver } = setup({ maxPerMinute: 1, groupWindowMs: 1000 })
  deliver('/one')
  clock.advance(10_000)
  deliver('/two')
  assert.equal(shown.length, 1)
  clock.advance(50_000)
  assert.equal(shown.length, 2)
  assert.deepEqual([shown[1]!.deliveryId, shown[1]!.count, shown[1]!.at - shown[0]!.at], [2, 1, 60_000])
  deliver('/three')
  clock.advance(10_000)
  deliver('/four')
  clock.advance(60_000)
  assert.deepEqual(shown.slice(2).map((n) => [n.count, n.deliveryId]), [[2, null]])
})

test('raising the cap lets held-back deliveries out at once', () => {
  const { shown, policy, deliver } = setup({ maxPerMinute: 1 })
  deliver()
  deliver()
  deliver()
  assert.equal(shown.length, 1)
  policy.updateSettings({ ...policy.currentSettings, maxPerMinute: 6 })
  assert.deepEqual(shown.map((n) => n.count), [1, 2])
  assert.equal(policy.backlog(), 0)
})

test('dispose clears every timer and ignores later input', () => {
  const { clock, shown, policy, deliver } = setup({ maxPerMinute: 1 })
  for (let i = 0; i < 10; i++) deliver()
  assert.ok(clock.pendingTimers > 0)
  policy.dispose()
  assert.equal(clock.pendingTimers, 0)
  deliver()
  clock.advance(120_000)
  assert.equal(shown.length, 1)
})

test('a throwing notify does not wedge the policy', (t) => {
  t.mock.method(console, 'error', () => {})
  const clock = new FakeClock()
  let calls = 0
  const policy = new NotificationPolicy({
    clock,
    notify: () => {
      calls++
      throw new Error('no notification server')
    },
  })
  const d = { method: 'POST', path: '/x', bodySize: 0, contentType: null, receivedAt: 0 }
  policy.onDelivery({ id: 1, ...d })
  policy.onDelivery({ id: 2, ...d })
  assert.equal(calls, 2)
  assert.equal(policy.backlog(), 0)
})

test('real timers are unref\'d so they never keep the process alive', () => {
  const handle = systemClock.setTimer(() => assert.fail('cleared timer ran'), 60_000)
  assert.equal((handle as ReturnType<typeof setTimeout>).hasRef(), false)
  systemClock.clearTimer(handle)
})
