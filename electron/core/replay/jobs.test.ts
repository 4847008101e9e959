import assert from 'node:assert/strict'
import type http from 'node:http'
import { after, afterEach, before, test } from 'node:test'
import { request } from '../../../tests/helpers/http'
import { jsonAnswer, startReceiver } from '../receiver/receiver'
import { JobManager, type BulkJob } from './jobs'
import { Replayer } from './replayer'
import { openTestStore, SELF, startTarget, type Target, type TestStore } from './test-helpers'

let store: TestStore
let replayer: Replayer
const targets: Target[] = []

before(() => {
  store = openTestStore()
  replayer = new Replayer({ deliveries: store.deliveries, attempts: store.attempts, self: () => SELF })
})
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close()
})
after(() => store.close())

async function target(respond?: Parameters<typeof startTarget>[0]): Promise<Target> {
  const t = await startTarget(respond)
  targets.push(t)
  return t
}

function addNumbered(n: number): number[] {
  return Array.from({ length: n }, (_, i) => store.add({ body: Buffer.from(`{"n":${i}}`) }).id)
}

test('a bulk replay runs sequentially in arrival order by default and reports progress', async () => {
  let inFlight = 0
  let maxInFlight = 0
  const t = await target((_req, res) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight)
    setImmediate(() => {
      inFlight--
      res.end('ok')
    })
  })
  const ids = addNumbered(8)
  const shuffled = [ids[5]!, ids[0]!, ids[7]!, ids[2]!, ids[2]!, ids[1]!, ids[6]!, ids[4]!, ids[3]!]
  const events: BulkJob[] = []
  const jobs = new JobManager({ replayer, onProgress: (j) => events.push(j) })
  const { id } = jobs.start({ ids: shuffled, target: t.url })
  const final = await jobs.wait(id)
  assert.deepEqual(final, { id, state: 'done', target: t.url, total: 8, done: 8, ok: 8, failed: 0 })
  assert.deepEqual(t.seen.map((s) => s.body.toString()), ids.map((_, i) => `{"n":${i}}`))
  assert.equal(maxInFlight, 1)
  assert.deepEqual(events[events.length - 1], final)
  const dones = events.map((e) => e.done)
  assert.deepEqual(dones, [...dones].sort((a, b) => a - b))

  // Throttled: within one interval only the first report and the final one go out.
  const few: BulkJob[] = []
  const slow = new JobManager({ replayer, onProgress: (j) => few.push(j), progressIntervalMs: 3_600_000 })
  const second = slow.start({ ids, target: t.url })
  const end = await slow.wait(second.id)
  assert.deepEqual(few.map((e) => e.done), [0, 8])
  assert.deepEqual(few[1], end)
})

test('a chosen concurrency sends that many at once and counts failures', async () => {
  const held: http.ServerResponse[] = []
  const t = await target((req, res) => {
    if (req.url === '/fail') return void res.writeHead(500).end('no')
    held.push(res)
  })
  const ids = addNumbered(5)
  const jobs = new JobManager({ replayer })
  const { id } = jobs.start({ ids: [...ids, 987_654], target: t.url, concurrency: 3 })
  await t.waitFor(3)
  assert.equal(t.seen.length, 3)
  assert.equal(jobs.get(id)!.done, 0)
  for (let released = 0; released < 5; released++) {
    await t.waitFor(Math.min(3 + released, 5))
    held.shift()!.end('ok')
  }
  const final = await jobs.wait(id)
  assert.deepEqual({ ...final, id: '' }, { id: '', state: 'done', target: t.url, total: 6, done: 6, ok: 5, failed: 1 })

  const failing = jobs.start({ ids: ids.slice(0, 2), target: `${t.url}/fail` })
  assert.deepEqual((await jobs.wait(failing.id))!.failed, 2)
})

test('cancel stops the job after the attempt in flight; capture keeps working meanwhile', async () => {
  const held: http.ServerResponse[] = []
  const t = await target((_req, res) => held.push(res))
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    handle: async (req) => {
      const [s] = store.deliveries.insertBatch([{ ...req, responseStatus: 200 }])
      return jsonAnswer(200, { ok: true, id: s!.id })
    },
  })
  try {
    const events: BulkJob[] = []
    const jobs = new JobManager({ replayer, onProgress: (j) => events.push(j) })
    const { id } = jobs.start({ ids: addNumbered(10), target: t.url })
    await t.waitFor(1)
    const captured = await request(`${receiver.url}/during-job`, { method: 'POST', body: 'still capturing' })
    assert.equal(captured.status, 200)
    assert.equal(jobs.cancel(id)!.state, 'cancelled')
    held.shift()!.end('ok')
    const final = await jobs.wait(id)
    assert.equal(final!.state, 'cancelled')
    assert.equal(final!.done, 1)
    assert.equal(final!.total, 10)
    assert.equal(t.seen.length, 1)
    assert.deepEqual(events[events.length - 1], final)
    assert.equal(jobs.cancel('no-such-job'), null)
  } finally {
    await receiver.close()
  }
})

test('bad bulk input is refused before anything is sent', () => {
  const jobs = new JobManager({ replayer })
  const [d] = addNumbered(1)
  assert.throws(() => jobs.start({ ids: [d!], target: 'nope' }), { status: 400, message: 'target must be an absolute http(s) URL' })
  assert.throws(() => jobs.start({ ids: [d!], target: `http://localhost:${SELF.receiverPort}` }), { status: 400, message: /^would loop: / })
  assert.throws(() => jobs.start({ ids: [], target: 'http://127.0.0.1:9' }), { status: 400, message: 'ids: ids must not be empty' })
  assert.throws(() => jobs.start({ ids: [d!], target: 'http://127.0.0.1:9', concurrency: 0 }), { status: 400, message: /^concurrency: / })
  assert.deepEqual(jobs.list(), [])
})
