import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { tempDir } from '../../../tests/helpers/http'
import { openDatabase } from '../store/db'
import { SettingsRepository } from '../store/settings'
import {
  SettingsValidationError,
  defaultNotificationSettings,
  isPathMuted,
  mergeSettings,
  notificationsPaused,
  type NotificationSettings,
} from './settings'
import { loadNotificationSettings, saveNotificationSettings } from './settings-store'

const current = (): NotificationSettings => ({
  ...defaultNotificationSettings,
  mode: 'failures',
  muted: ['/noisy'],
  mutedRegistrations: ['reg-1'],
})

test('defaults are the documented ones', () => {
  assert.deepEqual(defaultNotificationSettings, {
    mode: 'all',
    muted: [],
    mutedRegistrations: [],
    doNotDisturbUntil: null,
    groupWindowMs: 5000,
    groupThreshold: 3,
    maxPerMinute: 6,
  })
})

test('a patch with any subset returns the whole, leaving the rest as it was', () => {
  const before = current()
  const merged = mergeSettings(before, { groupWindowMs: 2000, muted: ['/a', '/b/'] })
  assert.deepEqual(merged, { ...before, groupWindowMs: 2000, muted: ['/a', '/b/'] })
  assert.deepEqual(mergeSettings(before, {}), before)
  assert.equal(mergeSettings(before, { doNotDisturbUntil: 123 }).doNotDisturbUntil, 123)
  assert.equal(mergeSettings({ ...before, doNotDisturbUntil: 5 }, { doNotDisturbUntil: null }).doNotDisturbUntil, null)
})

const bad: [string, unknown, string][] = [
  ['unknown mode', { mode: 'loud' }, 'mode'],
  ['negative window', { groupWindowMs: -5 }, 'groupWindowMs'],
  ['zero threshold', { groupThreshold: 0 }, 'groupThreshold'],
  ['fractional cap', { maxPerMinute: 1.5 }, 'maxPerMinute'],
  ['non-array mute list', { muted: '/a' }, 'muted'],
  ['non-array registration mute list', { mutedRegistrations: 'reg-1' }, 'mutedRegistrations'],
  ['relative mute prefix', { muted: ['/ok', 'nope'] }, 'muted.1'],
  ['string DND', { doNotDisturbUntil: 'tomorrow' }, 'doNotDisturbUntil'],
  ['unknown field', { mode: 'all', volume: 11 }, 'volume'],
]

for (const [name, patch, field] of bad) {
  test(`rejects ${name}, naming ${field}, and leaves current unchanged`, () => {
    const before = current()
    const snapshot = structuredClone(before)
    assert.throws(
      () => mergeSettings(before, patch),
      (err: unknown) => {
        assert.ok(err instanceof SettingsValidationError)
        assert.equal(err.field, field)
        assert.equal(err.status, 400)
        assert.match(err.message, new RegExp(`^notifications\\.${field.replace('.', '\\.')}: `))
        return true
      },
    )
    assert.deepEqual(before, snapshot)
  })
}

test('rejects a patch that is not an object', () => {
  for (const patch of [null, [], 'all', 3]) {
    assert.throws(() => mergeSettings(current(), patch), SettingsValidationError)
  }
})

test('the merged result does not share arrays with the current settings', () => {
  const before = current()
  const merged = mergeSettings(before, { mode: 'all' })
  merged.muted.push('/x')
  assert.deepEqual(before.muted, ['/noisy'])
})

test('path muting matches whole segments', () => {
  assert.ok(isPathMuted(['/a'], '/a'))
  assert.ok(isPathMuted(['/a'], '/a/b'))
  assert.ok(!isPathMuted(['/a'], '/ab'))
  assert.ok(isPathMuted(['/a/'], '/a/b'))
  assert.ok(isPathMuted(['/'], '/anything'))
  assert.ok(!isPathMuted([], '/a'))
})

test('paused when mode is none or do-not-disturb has not expired', () => {
  assert.ok(notificationsPaused({ mode: 'none', doNotDisturbUntil: null }, 0))
  assert.ok(notificationsPaused({ mode: 'all', doNotDisturbUntil: 100 }, 99))
  assert.ok(!notificationsPaused({ mode: 'all', doNotDisturbUntil: 100 }, 100))
  assert.ok(!notificationsPaused({ mode: 'failures', doNotDisturbUntil: null }, 0))
})

test('settings persist in the settings table; a rejected patch stores nothing', () => {
  const t = tempDir()
  const file = join(t.dir, 'h.db')
  try {
    let db = openDatabase({ file })
    let repo = new SettingsRepository(db)
    assert.deepEqual(loadNotificationSettings(repo), defaultNotificationSettings)
    const saved = saveNotificationSettings(repo, { mode: 'failures', muted: ['/ci'] })
    assert.equal(saved.mode, 'failures')
    assert.throws(() => saveNotificationSettings(repo, { groupWindowMs: -1 }), SettingsValidationError)
    db.close()

    db = openDatabase({ file })
    repo = new SettingsRepository(db)
    assert.deepEqual(loadNotificationSettings(repo), { ...defaultNotificationSettings, mode: 'failures', muted: ['/ci'] })
    // A stored value no longer valid for the schema falls back to the defaults instead of failing.
    db.prepare("UPDATE settings SET value = '{\"mode\":\"loud\"}' WHERE key = 'notifications'").run()
    assert.deepEqual(loadNotificationSettings(repo), defaultNotificationSettings)
    db.close()
  } finally {
    t.cleanup()
  }
})
