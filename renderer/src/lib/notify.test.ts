import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  initialBrowserNotifications,
  isLooking,
  matchesFilter,
  notificationTarget,
  parseList,
  parseLocalDateTime,
  parseNumberField,
  readTheme,
  settingsErrorField,
  titleWithUnread,
  toLocalDateTime,
} from './notify'

const storage = (values: Record<string, string>) => ({ getItem: (k: string) => values[k] ?? null })

test('the page title carries the unread count', () => {
  assert.equal(titleWithUnread(0), 'Hooktray')
  assert.equal(titleWithUnread(3), '(3) Hooktray')
  assert.equal(titleWithUnread(12_345), '(999+) Hooktray')
})

test('looking means visible and focused', () => {
  assert.equal(isLooking({ visibilityState: 'visible', hasFocus: () => true }), true)
  assert.equal(isLooking({ visibilityState: 'visible', hasFocus: () => false }), false)
  assert.equal(isLooking({ visibilityState: 'hidden', hasFocus: () => true }), false)
})

test('a click goes to the delivery, or to the group it stood for', () => {
  const base = { title: 't', body: 'b', count: 1, level: 'info' as const }
  assert.deepEqual(notificationTarget({ ...base, deliveryId: 5 }), { type: 'open-delivery', id: 5 })
  assert.deepEqual(notificationTarget({ ...base, deliveryId: null, count: 9, filter: { pathPrefix: '/a/' } }), {
    type: 'open-filter',
    filter: { pathPrefix: '/a/' },
  })
  assert.equal(notificationTarget({ ...base, deliveryId: null, level: 'failure' }), null)
  assert.equal(matchesFilter({ path: '/a/b', registrationId: null }, { pathPrefix: '/a/' }), true)
  assert.equal(matchesFilter({ path: '/ab', registrationId: null }, { pathPrefix: '/a/' }), false)
  assert.equal(matchesFilter({ path: '/a/b', registrationId: 'r1' }, { registrationId: 'r2' }), false)
})

test('settings form helpers', () => {
  assert.equal(settingsErrorField('notifications.groupWindowMs: Too small'), 'groupWindowMs')
  assert.equal(settingsErrorField('notifications.muted.2: must start with /'), 'muted')
  assert.equal(settingsErrorField('setNotificationSettings: expected an object'), null)
  assert.deepEqual(parseList(' /a \n\n/b, /a\n'), ['/a', '/b'])
  assert.equal(parseNumberField(' 300 '), 300)
  assert.equal(parseNumberField('-5'), -5)
  assert.equal(parseNumberField('3.5'), '3.5')
  assert.equal(parseNumberField(''), '')
  const ms = parseLocalDateTime('2030-01-02T03:04')
  assert.equal(ms, new Date(2030, 0, 2, 3, 4).getTime())
  assert.equal(toLocalDateTime(ms!), '2030-01-02T03:04')
  assert.equal(parseLocalDateTime('tomorrow'), null)
})

test('theme and browser-notification preferences read back safely', () => {
  assert.equal(readTheme(storage({ 'hooktray.theme': 'dark' })), 'dark')
  assert.equal(readTheme(storage({ 'hooktray.theme': 'purple' })), 'system')
  assert.equal(readTheme({ getItem: () => { throw new Error('blocked') } }), 'system')
  assert.equal(readTheme(null), 'system')
  const on = storage({ 'hooktray.browserNotifications': 'on' })
  assert.equal(initialBrowserNotifications(null, on), 'unsupported')
  assert.equal(initialBrowserNotifications('denied', on), 'denied')
  assert.equal(initialBrowserNotifications('granted', on), 'on')
  assert.equal(initialBrowserNotifications('granted', storage({})), 'off', 'granted elsewhere is not switched on here')
  assert.equal(initialBrowserNotifications('default', on), 'off', 'a prompt needs a click')
})
