import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseQuery } from './query'

test('pairs keep order, duplicates and empty values', () => {
  assert.deepEqual(parseQuery('b=2&a=1&b=3&flag&empty='), [
    ['b', '2'],
    ['a', '1'],
    ['b', '3'],
    ['flag', ''],
    ['empty', ''],
  ])
})

test('escapes and plus signs are decoded; malformed escapes stay as sent', () => {
  assert.deepEqual(parseQuery('q=hello+w%C3%B6rld&bad=%E0%A4%A&eq=a=b'), [
    ['q', 'hello wörld'],
    ['bad', '%E0%A4%A'],
    ['eq', 'a=b'],
  ])
})

test('empty query', () => {
  assert.deepEqual(parseQuery(''), [])
  assert.deepEqual(parseQuery('?'), [])
})
