import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FakeClock } from './fake-clock'
import { NotificationPolicy } from './policy'
import { defaultNotificationSettings, mergeSettings, type NotificationSettings } from './settings'
import type { DeliveryInput, FailureInput, HooktrayNotification } from './types'

function setup(over: Partial<NotificationSettings> = {}) {
  const clock = new FakeClock()
  const shown: HooktrayNotification[] = []
  const policy = new NotificationPolicy({
    clock,
    settings: { ...defaultNotificationSettings, ...over },
    notify: (n) => shown.push(n),
  })
  let nextId = 1
  const deliver = (path = '/p', extra: Partial<DeliveryInput> = {}) =>
    policy.onDelivery({ id: nextId++, method: 'POST', path, bodySize: 0, contentType: null, receivedAt: clock.now(), ...extra })
  const fail = (kind: FailureInput['kind'], extra: Partial<FailureInput> = {}) =>
    policy.onFailure({ kind, message: `${kind} broke`, ...extra })
  return { clock, shown, policy, deliver, fail }
}

const kinds: FailureInput['kind'][] = ['verification', 'forward', 'registration', 'tunnel']

test('mode all: deliveries and every failure kind are shown', () => {
  const { shown, deliver, fail } = setup({ groupThreshold: 10 })
  deliver()
  for (const k of kinds) fail(k)
  assert.deepEqual(
    shown.map((n) => [n.level, n.title]),
    [
      ['info', 'New delivery · /p'],
      ['failure', 'Verification failed'],
      ['failure', 'Forward failed'],
      ['failure', 'Registration failed'],
      ['failure', 'Tunnel error'],
    ],
  )
})

test('mode failures: deliveries are silent, each failure kind is shown (a 5xx forward by its status)', () => {
  const { shown, deliver, fail } = setup({ mode: 'failures', groupThreshold: 10 })
  deliver()
  deliver()
  fail('verification', { path: '/gh', deliveryId: 9 })
  fail('forward', { status: 502, deliveryId: 10 })
  fail('registration', { registrationId: 'r1', registrationName: 'octo/repo' })
  fail('tunnel')
  assert.deepEqual(
    shown.map((n) => [n.level, n.title, n.body, n.deliveryId]),
    [
      ['failure', 'Verification failed', '/gh: verification broke', 9],
      ['failure', 'Forward answered 502', 'forward broke', 10],
      ['failure', 'Registration failed', 'octo/repo: registration broke', null],
      ['failure', 'Tunnel error', 'tunnel broke', null],
    ],
  )
})

test('mode none: nothing at all', () => {
  const { clock, shown, policy, deliver, fail } = setup({ mode: 'none' })
  deliver()
  for (const k of kinds) fail(k)
  clock.advance(60_000)
  assert.equal(shown.length, 0)
  assert.equal(policy.backlog(), 0)
  assert.equal(clock.pendingTimers, 0)
})

test('switching to none mid-burst drops what was pending instead of showing it', () => {
  const { clock, shown, policy, deliver } = setup()
  for (let i = 0; i < 10; i++) deliver()
  policy.updateSettings(mergeSettings(policy.currentSettings, { mode: 'none' }))
  clock.advance(60_000)
  assert.equal(shown.length, 3)
  assert.equal(policy.backlog(), 0)
})

test('muting by path prefix silences that subtree only', () => {
  const { shown, deliver, fail } = setup({ muted: ['/ci'], groupThreshold: 10 })
  deliver('/ci/build')
  deliver('/ci')
  fail('verification', { path: '/ci/build' })
  deliver('/cid')
  deliver('/app')
  assert.deepEqual(shown.map((n) => n.title), ['New delivery · /cid', 'New delivery · /app'])
})

test('muting by registration id silences its deliveries and failures', () => {
  const { shown, deliver, fail } = setup({ mutedRegistrations: ['r-noisy'], groupThreshold: 10 })
  deliver('/a', { registrationId: 'r-noisy', registrationName: 'Noisy' })
  fail('registration', { registrationId: 'r-noisy' })
  deliver('/a', { registrationId: 'r-ok', registrationName: 'Quiet one' })
  assert.deepEqual(shown.map((n) => n.title), ['New delivery · Quiet one'])
})

test('do-not-disturb silences everything until it expires, then notifications resume', () => {
  const { clock, shown, deliver, fail } = setup({ doNotDisturbUntil: new FakeClock().now() + 3_600_000 })
  deliver()
  fail('tunnel')
  clock.advance(3_599_999)
  deliver()
  assert.equal(shown.length, 0)
  clock.advance(1)
  deliver()
  fail('tunnel')
  assert.deepEqual(shown.map((n) => n.level), ['info', 'failure'])
})

test('a failure burst is grouped by kind, with the latest one described', () => {
  const { clock, shown, fail } = setup()
  for (let i = 0; i < 10; i++) fail('verification', { path: `/gh/${i}`, message: `bad signature ${i}` })
  clock.advance(5000)
  assert.equal(shown.length, 4)
  assert.deepEqual(shown[3], {
    title: '7 verification failures',
    body: 'On /gh/…\nLatest: Verification failed, /gh/9: bad signature 9',
    deliveryId: null,
    count: 7,
    level: 'failure',
    filter: { pathPrefix: '/gh/' },
  })
  fail('forward')
  fail('tunnel')
  for (let i = 0; i < 3; i++) fail('registration', { registrationId: 'r1' })
  clock.advance(5000)
  assert.equal(shown[4]!.title, '5 failures')
  assert.equal(shown.reduce((s, n) => s + n.count, 0), 15)
})

test('failures and deliveries share the cap; held-back failures go out first', () => {
  const { clock, shown, deliver, fail } = setup({ maxPerMinute: 2, groupThreshold: 100 })
  deliver()
  deliver()
  deliver()
  fail('tunnel')
  clock.advance(60_000)
  assert.deepEqual(shown.map((n) => [n.level, n.count]), [
    ['info', 1],
    ['info', 1],
    ['failure', 1],
    ['info', 1],
  ])
})
