import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatListTime, formatSize, joinUrl, pathWithQuery } from './format'

test('sizes', () => {
  assert.equal(formatSize(0), '0 B')
  assert.equal(formatSize(1023), '1023 B')
  assert.equal(formatSize(1536), '1.5 KiB')
  assert.equal(formatSize(1024 * 1024), '1 MiB')
  assert.equal(formatSize(1.5 * 1024 * 1024), '1.5 MiB')
  assert.equal(formatSize(300 * 1024), '300 KiB')
})

test('list time shows the date only for other days', () => {
  const t = new Date(2024, 0, 2, 3, 4, 5).getTime()
  assert.equal(formatListTime(t, t + 1000), '03:04:05')
  assert.equal(formatListTime(t, t + 2 * 86_400_000), '2024-01-02 03:04:05')
})

test('urls', () => {
  assert.equal(pathWithQuery('/a', ''), '/a')
  assert.equal(pathWithQuery('/a', 'b=1'), '/a?b=1')
  assert.equal(joinUrl('http://h:1/', '/x?y'), 'http://h:1/x?y')
  assert.equal(joinUrl('https://a.trycloudflare.com', '/x'), 'https://a.trycloudflare.com/x')
})
