import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Delivery } from '../../../shared/types'
import { bytesToBase64, DEFAULT_TARGET, formToEdits, initialForm, newRow, rangeBetween, rememberedTarget } from './replay-form'

const delivery = (over: Partial<Delivery> = {}): Delivery => ({
  id: 1,
  method: 'POST',
  path: '/hook',
  query: 'a=1',
  receivedAt: 0,
  bodySize: 11,
  contentType: 'application/json',
  remoteAddress: '127.0.0.1',
  responseStatus: 200,
  parseError: null,
  registrationId: null,
  verification: null,
  verificationReason: null,
  headers: [
    ['Content-Type', 'application/json'],
    ['X-Dup', '1'],
    ['x-dup', '2'],
  ],
  httpVersion: '1.1',
  ...over,
})

test('an untouched form sends no edits; each changed field is sent alone', () => {
  const body = new TextEncoder().encode('{"hello":1}')
  const initial = initialForm(delivery(), body)
  assert.equal(initial.body, '{"hello":1}')
  assert.equal(initial.binary, false)
  assert.equal(initial.bodyComplete, true)
  assert.deepEqual(initial.headers.map((r) => [r.name, r.value]), [['Content-Type', 'application/json'], ['X-Dup', '1'], ['x-dup', '2']])
  assert.equal(formToEdits(initial, initial), undefined)

  assert.deepEqual(formToEdits({ ...initial, body: '{"hello":2}' }, initial), { body: '{"hello":2}' })
  assert.deepEqual(formToEdits({ ...initial, method: 'PUT', query: '' }, initial), { method: 'PUT', query: '' })
  const headers = [...initial.headers.slice(1), newRow('X-New', 'v'), newRow()]
  assert.deepEqual(formToEdits({ ...initial, headers }, initial), {
    headers: [['X-Dup', '1'], ['x-dup', '2'], ['X-New', 'v']],
  })
})

test('binary bodies are edited as base64 and sent as bodyBase64', () => {
  const bytes = new Uint8Array([0xff, 0x00, 0x80, 0x7b])
  const initial = initialForm(delivery({ bodySize: 4, contentType: 'application/octet-stream' }), bytes)
  assert.equal(initial.binary, true)
  assert.equal(initial.body, Buffer.from(bytes).toString('base64'))
  assert.equal(formToEdits(initial, initial), undefined)
  const replaced = Buffer.from([1, 2, 3]).toString('base64')
  assert.deepEqual(formToEdits({ ...initial, body: replaced }, initial), { bodyBase64: replaced })
})

test('a body loaded only in part is sent as captured unless replaced', () => {
  const prefix = new TextEncoder().encode('{"big":"')
  const initial = initialForm(delivery({ bodySize: 5_000_000 }), prefix)
  assert.equal(initial.bodyComplete, false)
  assert.equal(initial.body, '')
  assert.equal(formToEdits(initial, initial), undefined)
  assert.deepEqual(formToEdits({ ...initial, body: 'small' }, initial), { body: 'small' })
})

test('base64 of large bodies matches Node and does not overflow the stack', () => {
  const big = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff)
  assert.equal(bytesToBase64(big), Buffer.from(big).toString('base64'))
  assert.equal(bytesToBase64(new Uint8Array()), '')
})

test('shift-click ranges go either way and fall back to the clicked row', () => {
  const ids = [9, 8, 7, 6, 5]
  assert.deepEqual(rangeBetween(ids, 8, 6), [8, 7, 6])
  assert.deepEqual(rangeBetween(ids, 5, 7), [7, 6, 5])
  assert.deepEqual(rangeBetween(ids, null, 7), [7])
  assert.deepEqual(rangeBetween(ids, 42, 7), [7])
  assert.deepEqual(rangeBetween(ids, 8, 42), [])
})

test('without storage the remembered target is the default', () => {
  assert.equal(rememberedTarget(), DEFAULT_TARGET)
})
