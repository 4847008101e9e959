import assert from 'node:assert/strict'
import { test } from 'node:test'
import { reindentJson } from './json'

test('matches JSON.stringify layout for ordinary documents', () => {
  const doc = { a: [1, 'two', { b: null, c: [] }, {}], 'd:e': 'x,y', f: { g: true } }
  assert.equal(reindentJson(JSON.stringify(doc)), JSON.stringify(doc, null, 2))
})

test('keeps number literals and escapes exactly as sent', () => {
  const text = '{"id":12345678901234567890,"n":1.5e3,"s":"caf\\u00e9 \\"q\\" \\\\","neg":-0.0}'
  assert.equal(
    reindentJson(text),
    '{\n  "id": 12345678901234567890,\n  "n": 1.5e3,\n  "s": "caf\\u00e9 \\"q\\" \\\\",\n  "neg": -0.0\n}',
  )
})

test('ignores original whitespace, including inside empty containers', () => {
  assert.equal(reindentJson(' [ { } ,\n\t[ ] , 1 ] '), '[\n  {},\n  [],\n  1\n]')
  assert.equal(reindentJson('"just a string"'), '"just a string"')
})
