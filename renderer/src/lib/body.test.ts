import assert from 'node:assert/strict'
import { test } from 'node:test'
import { analyseBody, decodeUtf8, isJsonContentType, showControls } from './body'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

test('valid JSON with a JSON content type is pretty-printed', () => {
  const a = analyseBody(bytes('{"a":[1,true]}'), 'application/json; charset=utf-8', 14)
  assert.equal(a.prettyJson, '{\n  "a": [\n    1,\n    true\n  ]\n}')
  assert.equal(a.jsonError, null)
})

test('a body that claims JSON but does not parse keeps its text and reports the parser message', () => {
  const a = analyseBody(bytes('{"a": }'), 'application/vnd.api+json', 7)
  assert.equal(a.prettyJson, null)
  assert.equal(a.text, '{"a": }')
  assert.ok(a.jsonError && a.jsonError.length > 0)
})

test('text that merely looks like JSON without a JSON type gets no warning', () => {
  const a = analyseBody(bytes('{not json'), 'text/plain', 9)
  assert.equal(a.jsonError, null)
  assert.equal(a.prettyJson, null)
})

test('invalid UTF-8 is not decoded', () => {
  assert.equal(decodeUtf8(new Uint8Array([0x66, 0xff, 0x6f])), null)
  assert.equal(analyseBody(new Uint8Array([0xc3, 0x28]), 'text/plain', 2).text, null)
})

test('a truncated body may end in the middle of a character', () => {
  const snowman = bytes('ab☃') // the snowman is 3 bytes
  const cut = snowman.subarray(0, 4)
  assert.equal(decodeUtf8(cut, false), null)
  assert.equal(decodeUtf8(cut, true), 'ab')
  assert.equal(analyseBody(cut, 'text/plain', 5).truncated, true)
})

test('form bodies become ordered pairs with duplicates', () => {
  const a = analyseBody(bytes('a=1&b=two+words&a=%C3%A9'), 'application/x-www-form-urlencoded', 24)
  assert.deepEqual(a.form, [
    ['a', '1'],
    ['b', 'two words'],
    ['a', 'é'],
  ])
})

test('content types', () => {
  assert.ok(isJsonContentType('application/json'))
  assert.ok(isJsonContentType('application/cloudevents+json; charset=utf-8'))
  assert.ok(!isJsonContentType('text/plain'))
  assert.ok(!isJsonContentType(null))
})

test('control characters are made visible for display', () => {
  assert.equal(showControls('a\u0000b\tc\n\u007f'), 'a\u2400b\tc\n\u2421')
})

test('pretty JSON keeps big integers as sent', () => {
  const a = analyseBody(bytes('{"id":12345678901234567890}'), 'application/json', 27)
  assert.equal(a.prettyJson, '{\n  "id": 12345678901234567890\n}')
})

test('a truncated JSON body is not reported as invalid', () => {
  const a = analyseBody(bytes('{"items":[1,2'), 'application/json', 1000)
  assert.equal(a.truncated, true)
  assert.equal(a.jsonError, null)
  assert.equal(a.prettyJson, null)
})
