import assert from 'node:assert/strict'
import { test } from 'node:test'
import { hexDump } from './hex'

test('hex dump lines carry offset, bytes and printable ascii', () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('Hello, world!\n'), 0, 255, 0x41])
  const lines = hexDump(bytes).split('\n')
  assert.equal(lines.length, 2)
  assert.equal(lines[0], '00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 ff  |Hello, world!...|')
  assert.equal(lines[1], '00000010  41                                                |A|')
})

test('hex dump stops at the limit', () => {
  const lines = hexDump(new Uint8Array(100), 32).split('\n')
  assert.equal(lines.length, 2)
  assert.ok(lines[1]!.startsWith('00000010'))
})

test('an empty body dumps to nothing', () => {
  assert.equal(hexDump(new Uint8Array(0)), '')
})
