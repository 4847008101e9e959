// Capture keeps working while a 10 000-delivery bulk replay runs: every request sent to the
// receiver meanwhile is answered 200 and stored. The latency is printed, not asserted (timing
// on a shared machine proves nothing), so the figure can be read next to `npm run bench`.
import assert from 'node:assert/strict'
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import { after, before, test } from 'node:test'
import type { BulkJob } from '../../../shared/types'
import { tempDir } from '../../../tests/helpers/http'
import { createCore, type Core } from '../core'
import { startTarget, type Target } from './test-helpers'

const JOB_SIZE = 10_000
/** One ingest request every this many ms while the job runs. */
const INGEST_EVERY_MS = 2

let core: Core
let target: Target
let dir: ReturnType<typeof tempDir>
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })

before(async () => {
  dir = tempDir('hooktray-ingest-bulk-')
  core = await createCore({ dataDir: dir.dir })
  target = await startTarget()
})
after(async () => {
  agent.destroy()
  await core.close()
  await target.close()
  dir.cleanup()
})

function post(path: string, body: string): Promise<{ status: number; id: number | null; ms: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = http.request(`${core.receiver.url}${path}`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const ms = performance.now() - started
        const parsed = JSON.parse(Buffer.concat(chunks).toString()) as { id?: number }
        resolve({ status: res.statusCode ?? 0, id: parsed.id ?? null, ms })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function seed(n: number): Promise<number[]> {
  const ids: number[] = new Array(n)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++
      const r = await post(`/seed/${i}`, `{"n":${i}}`)
      assert.equal(r.status, 200)
      ids[i] = r.id!
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
  return ids
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

test(`ingest answers 200 and stores everything while a ${JOB_SIZE}-delivery bulk replay runs`, async () => {
  const ids = await seed(JOB_SIZE)
  const before = (await core.api.getStatus({})).deliveryCount

  const jobStarted = performance.now()
  const { id: jobId } = await core.api.startReplayJob({ ids, target: target.url })
  const finished = new Promise<BulkJob>((resolve) => {
    const off = core.events.subscribe((e) => {
      if (e.type === 'replay-job' && e.job.id === jobId && e.job.state !== 'running') {
        off()
        resolve(e.job)
      }
    })
  })
  let running = true
  void finished.then(() => (running = false))

  // Open loop: a request goes out every INGEST_EVERY_MS whether or not earlier ones were answered.
  const inflight: Promise<{ status: number; id: number | null; ms: number }>[] = []
  let sentDuringJob = 0
  while (running) {
    inflight.push(post('/during', `{"i":${inflight.length}}`))
    if (target.seen.length < JOB_SIZE) sentDuringJob++
    await new Promise((r) => setTimeout(r, INGEST_EVERY_MS))
  }
  const job = await finished
  const results = await Promise.all(inflight)

  assert.equal(job.state, 'done')
  assert.equal(job.done, JOB_SIZE)
  assert.equal(job.ok, JOB_SIZE)
  assert.ok(sentDuringJob > 100, `only ${sentDuringJob} ingest requests overlapped the job`)
  assert.deepEqual(results.filter((r) => r.status !== 200), [], 'every ingest request answered 200')
  const stored = (await core.api.getStatus({})).deliveryCount
  assert.equal(stored - before, results.length, 'every answered delivery stored')
  for (const r of results) assert.ok(await core.api.getDelivery({ id: r.id! }))

  // The target got the job in arrival order (id order: seeding ran 16 requests at a time).
  const expected = ids.map((id, n) => [id, `{"n":${n}}`] as const).sort((a, b) => a[0] - b[0])
  const bodies = target.seen.map((s) => s.body.toString())
  assert.equal(bodies.length, JOB_SIZE)
  for (let i = 0; i < JOB_SIZE; i++) assert.equal(bodies[i], expected[i]![1], `replay #${i} out of order`)

  const seconds = (performance.now() - jobStarted) / 1000
  const ms = results.map((r) => r.ms).sort((a, b) => a - b)
  console.log(
    `ingest during a ${JOB_SIZE}-delivery bulk replay (${(JOB_SIZE / seconds).toFixed(0)} replays/s): ${results.length} requests, ` +
      `p50 ${percentile(ms, 50).toFixed(2)} ms, p99 ${percentile(ms, 99).toFixed(2)} ms, max ${ms[ms.length - 1]!.toFixed(1)} ms`,
  )
})
