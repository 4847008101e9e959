import assert from 'node:assert/strict'
import { test } from 'node:test'
import { GroupCommitter } from './group-commit'

test('writes submitted in one event-loop turn share one commit', async () => {
  const commits: number[][] = []
  const g = new GroupCommitter<number, number>((items) => {
    commits.push(items)
    return items.map((x) => x * 10)
  })
  const results = await Promise.all([1, 2, 3, 4].map((n) => g.submit(n)))
  assert.deepEqual(results, [10, 20, 30, 40])
  assert.deepEqual(commits, [[1, 2, 3, 4]])
  await g.submit(5)
  assert.equal(commits.length, 2)
})

test('a failed commit rejects every write in it, and later writes still go through', async () => {
  let fail = true
  const g = new GroupCommitter<number, number>((items) => {
    if (fail) throw new Error('disk full')
    return items
  })
  const settled = await Promise.allSettled([g.submit(1), g.submit(2)])
  assert.deepEqual(
    settled.map((s) => s.status),
    ['rejected', 'rejected'],
  )
  fail = false
  assert.equal(await g.submit(3), 3)
  g.close()
  await assert.rejects(g.submit(4), /closed/)
})
