import assert from 'node:assert/strict'
import { test } from 'node:test'
import { redact } from './errors'
import { apiUrl, getPointer, joinUrl, randomSecret } from './util'

test('joinUrl keeps a path prefix and never doubles or drops a slash', () => {
  assert.equal(joinUrl('https://a.trycloudflare.com', '/hooks/x'), 'https://a.trycloudflare.com/hooks/x')
  assert.equal(joinUrl('https://a.trycloudflare.com/', 'hooks/x'), 'https://a.trycloudflare.com/hooks/x')
  assert.equal(joinUrl('https://proxy.example/tray/', '/hooks/x'), 'https://proxy.example/tray/hooks/x')
  assert.equal(joinUrl('https://a.example', ''), 'https://a.example/')
  assert.equal(apiUrl('https://api.mycirrus.cloud/v1/', '/webhooks'), 'https://api.mycirrus.cloud/v1/webhooks')
})

test('getPointer follows RFC 6901, including escapes and array indexes', () => {
  const doc = { data: { items: [{ id: 'a' }], 'a/b': { 'm~n': 1 } } }
  assert.equal(getPointer(doc, ''), doc)
  assert.equal(getPointer(doc, '/data/items/0/id'), 'a')
  assert.equal(getPointer(doc, '/data/a~1b/m~0n'), 1)
  assert.equal(getPointer(doc, '/data/missing/x'), undefined)
  assert.throws(() => getPointer(doc, 'data'))
})

test('randomSecret is long and unique; redact hides real-length secrets only', () => {
  const a = randomSecret()
  assert.equal(a.length, 43)
  assert.notEqual(a, randomSecret())
  assert.equal(redact(`key ${a} and ${a}`, [a, undefined, 'short']), 'key [redacted] and [redacted]')
  assert.equal(redact('token expired', ['expired']), 'token expired')
})
