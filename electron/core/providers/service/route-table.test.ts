import assert from 'node:assert/strict'
import { test } from 'node:test'
import { replaceHeaders } from './provider-service'
import { RouteTable } from './route-table'

const entry = (receiverPath: string, registrationId = receiverPath) => ({ registrationId, receiverPath, verify: null, forwardTo: null })

test('a receiver path claims itself and whole segments below it, longest prefix first', () => {
  const t = new RouteTable()
  assert.equal(t.match('/h/abc'), null)
  t.replace([entry('/h/abc'), entry('/h/abc/deep'), entry('/other/')])
  assert.equal(t.match('/h/abc')?.registrationId, '/h/abc')
  assert.equal(t.match('/h/abc/')?.registrationId, '/h/abc')
  assert.equal(t.match('/h/abc/x/y')?.registrationId, '/h/abc')
  assert.equal(t.match('/h/abc/deep/more')?.registrationId, '/h/abc/deep')
  assert.equal(t.match('/h/abcd'), null, 'a longer segment is another path')
  assert.equal(t.match('/h'), null)
  assert.equal(t.match('/other')?.registrationId, '/other/')
  assert.equal(t.match('/' + 'x/'.repeat(50_000)), null)
  t.replace([])
  assert.equal(t.match('/h/abc'), null)
})

test('re-signed headers replace the old ones in place and drop duplicates; others are appended', () => {
  const out = replaceHeaders(
    [
      ['Content-Type', 'application/json'],
      ['x-webhook-signature', 'old'],
      ['X-Other', '1'],
      ['X-Webhook-Signature', 'dup'],
    ],
    [
      ['X-Webhook-Signature', 'new'],
      ['Authorization', 'Bearer t'],
    ],
  )
  assert.deepEqual(out, [
    ['Content-Type', 'application/json'],
    ['x-webhook-signature', 'new'],
    ['X-Other', '1'],
    ['Authorization', 'Bearer t'],
  ])
})
