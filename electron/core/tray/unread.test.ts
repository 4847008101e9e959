import assert from 'node:assert/strict'
import { test } from 'node:test'
import { UnreadTracker } from './unread'

test('counts deliveries only while the window is unfocused; focusing marks them read', () => {
  const u = new UnreadTracker({ focused: true })
  u.onDelivery()
  assert.equal(u.unread, 0)
  u.setFocused(false)
  u.onDelivery()
  u.onDelivery()
  assert.equal(u.unread, 2)
  u.setFocused(true)
  assert.equal(u.unread, 0)
  u.onDelivery()
  assert.equal(u.unread, 0)
})

test('starts unfocused by default (no window yet) and clear() resets', () => {
  const u = new UnreadTracker()
  u.onDelivery()
  u.onDelivery()
  assert.equal(u.unread, 2)
  u.clear()
  assert.equal(u.unread, 0)
  assert.equal(u.isFocused, false)
})

test('subscribers hear each change once, and stop after unsubscribing', () => {
  const u = new UnreadTracker()
  const heard: number[] = []
  const off = u.subscribe((n) => heard.push(n))
  u.onDelivery()
  u.onDelivery()
  u.clear()
  u.clear()
  u.setFocused(true)
  off()
  u.setFocused(false)
  u.onDelivery()
  assert.deepEqual(heard, [1, 2, 0])
  assert.equal(u.unread, 1)
})

test('a leased focus lapses unless renewed: a tab that closed without a word stops holding unread at 0', () => {
  let now = 1_000
  const u = new UnreadTracker({ now: () => now })
  u.setFocused(true, 30_000)
  u.onDelivery()
  assert.equal(u.unread, 0, 'looked at: nothing unread')
  now += 20_000
  u.setFocused(true, 30_000) // renewed
  now += 25_000
  u.onDelivery()
  assert.equal(u.unread, 0, 'still within the renewed lease')
  now += 5_000
  assert.equal(u.isFocused, false, 'the lease ran out')
  u.onDelivery()
  u.onDelivery()
  assert.equal(u.unread, 2)
  // Without a lease (the desktop shell) focus holds until the next report.
  u.setFocused(true)
  now += 3_600_000
  assert.equal(u.isFocused, true)
})
