import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { DeliverySummary } from '../../../shared/types'
import { mergeNewestFirst, pageContinues } from './merge'

const d = (id: number): DeliverySummary => ({
  id,
  method: 'POST',
  path: `/${id}`,
  query: '',
  receivedAt: id,
  bodySize: 0,
  contentType: null,
  remoteAddress: '127.0.0.1',
  responseStatus: 200,
  parseError: null,
  registrationId: null,
  verification: null,
  verificationReason: null,
})
const ids = (list: DeliverySummary[]): number[] => list.map((x) => x.id)

test('newer deliveries are prepended newest first', () => {
  assert.deepEqual(ids(mergeNewestFirst([d(3), d(2)], [d(4), d(6), d(5)])), [6, 5, 4, 3, 2])
})

test('overlapping and older deliveries merge without duplicates', () => {
  assert.deepEqual(ids(mergeNewestFirst([d(5), d(4)], [d(4), d(3), d(6), d(6)])), [6, 5, 4, 3])
})

test('a fresh first page continues the list when it reaches our newest item', () => {
  assert.equal(pageContinues([d(5), d(4)], [d(7), d(6), d(5), d(4)]), true)
  assert.equal(pageContinues([], [d(1)]), true)
})

test('a gap larger than a page, or a clear, does not continue the list', () => {
  assert.equal(pageContinues([d(5), d(4)], [d(9), d(8)]), false)
  // 4 vanished: the store was cleared or trimmed in the range the page covers.
  assert.equal(pageContinues([d(5), d(4), d(3)], [d(6), d(5), d(3)]), false)
})
