// Bulk replay bench: replays/s through the real API of a running `hooktray serve` to a local
// target, next to a bare Node client loop sending the same requests to the same target in the
// same run; then ingest latency at a fixed rate while a bulk replay runs (and without, for scale).
// Loopback only, bounded. Called by scripts/bench.mjs; runs alone with `node scripts/bench/replay.mjs`.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { fixedRate } from './fixed-rate.mjs'

const TOKEN = 'bench-replay'
const PATH = '/bench/replay'

function start(args, env = {}) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      if (out.includes('\n')) resolve({ child, info: JSON.parse(out.split('\n')[0]) })
    })
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)))
  })
}

async function stop(child) {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

/** One request, fresh connection (what Hooktray's replay does: agent: false). */
function send(url, body, agent = false) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function seed(receiverUrl, body, n) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })
  const ids = []
  let next = 0
  const worker = async () => {
    while (next < n) {
      next++
      const r = await send(`${receiverUrl}${PATH}`, body, agent)
      if (r.status !== 200) throw new Error(`seeding: receiver answered ${r.status}`)
      ids.push(JSON.parse(r.body.toString()).id)
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
  agent.destroy()
  return ids.sort((a, b) => a - b)
}

/** The baseline: the same N requests to the same target, `concurrency` at a time, from plain Node. */
async function bareLoop(targetUrl, body, n, concurrency) {
  let next = 0
  let ok = 0
  const t0 = performance.now()
  const worker = async () => {
    while (next < n) {
      next++
      const r = await send(`${targetUrl}${PATH}`, body)
      if (r.status < 400) ok++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { rps: n / ((performance.now() - t0) / 1000), ok }
}

function api(apiUrl, method, path, body) {
  return fetch(`${apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => {
    const json = await r.json()
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${json.error}`)
    return json
  })
}

async function waitJob(apiUrl, id) {
  for (;;) {
    const job = await api(apiUrl, 'GET', `/api/replay-jobs/${id}`)
    if (job.state !== 'running') return job
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Replays/s of a bulk job through the API, from the POST to the job's last attempt. */
async function hooktrayBulk(apiUrl, targetUrl, ids, concurrency) {
  const t0 = performance.now()
  const { id } = await api(apiUrl, 'POST', '/api/replay-jobs', { ids, target: targetUrl, concurrency })
  const job = await waitJob(apiUrl, id)
  return { rps: ids.length / ((performance.now() - t0) / 1000), job }
}

export async function benchReplay({ body, rate = 5000, seconds = 5, count = 2000, ingestJobSize = 20_000 } = {}) {
  body ??= Buffer.from(JSON.stringify({ type: 'NewMeasurement', pad: 'x'.repeat(980) }))
  const work = mkdtempSync(join(tmpdir(), 'hooktray-bench-replay-'))
  const children = []
  try {
    console.log(`\nReplay bench: ${count} replays of ${body.length}-byte POSTs to a local node:http target, loopback only\n`)
    const target = await start(['scripts/bench/bare-server.mjs'])
    children.push(target.child)
    const targetUrl = target.info.receiverUrl
    const ht = await start(['bin/hooktray.js', 'serve', '--port', '0', '--ui-port', '0', '--data-dir', join(work, 'data'), '--json'], { HOOKTRAY_TOKEN: TOKEN })
    children.push(ht.child)
    const { apiUrl, receiverUrl } = ht.info

    const ids = await seed(receiverUrl, body, Math.max(count, ingestJobSize))
    const sample = ids.slice(0, count)
    // Warm both paths (JIT, SQLite pages) before measuring either.
    await bareLoop(targetUrl, body, 200, 1)
    await hooktrayBulk(apiUrl, targetUrl, sample.slice(0, 200), 1)

    const bare1 = await bareLoop(targetUrl, body, count, 1)
    const ht1 = await hooktrayBulk(apiUrl, targetUrl, sample, 1)
    const bare8 = await bareLoop(targetUrl, body, count, 8)
    const ht8 = await hooktrayBulk(apiUrl, targetUrl, sample, 8)

    // Ingest at a fixed rate, first alone, then while a bulk replay (in order) runs.
    const idle = await fixedRate(`${receiverUrl}/bench/ingest`, { rate, seconds, body })
    const { id: jobId } = await api(apiUrl, 'POST', '/api/replay-jobs', { ids, target: targetUrl })
    const during = await fixedRate(`${receiverUrl}/bench/ingest`, { rate, seconds, body })
    const jobAfterLoad = await api(apiUrl, 'GET', `/api/replay-jobs/${jobId}`)
    const overlapped = jobAfterLoad.state === 'running'
    if (overlapped) await api(apiUrl, 'DELETE', `/api/replay-jobs/${jobId}`)
    const stored = (await api(apiUrl, 'GET', '/api/status')).deliveryCount
    const ingestOk = (r) => r.total - r.non2xx - r.errors
    const expectedStored = ids.length + ingestOk(idle) + ingestOk(during)

    const ratio = (a, b) => `${((a / b) * 100).toFixed(1)} % of bare`
    const okNote = (job) => `${job.ok}/${job.total} ok`
    const rows = [
      ['bare client replays/s (1)', bare1.rps.toFixed(0), `sequential, fresh connection each (${bare1.ok} ok)`],
      ['hooktray replays/s (1)', ht1.rps.toFixed(0), `${ratio(ht1.rps, bare1.rps)}, arrival order, ${okNote(ht1.job)}`],
      ['bare client replays/s (8)', bare8.rps.toFixed(0), `8 in flight (${bare8.ok} ok)`],
      ['hooktray replays/s (8)', ht8.rps.toFixed(0), `${ratio(ht8.rps, bare8.rps)}, concurrency 8, ${okNote(ht8.job)}`],
      [`ingest p99 @ ${rate}/s idle`, `${idle.p99.toFixed(2)} ms`, `p50 ${idle.p50.toFixed(2)} ms, max ${idle.max.toFixed(1)} ms`],
      [
        `ingest p99 @ ${rate}/s in bulk`,
        `${during.p99.toFixed(2)} ms`,
        `p50 ${during.p50.toFixed(2)} ms, max ${during.max.toFixed(1)} ms, ${jobAfterLoad.done} replayed meanwhile${overlapped ? '' : ' (job ended before the load)'}`,
      ],
      [
        'ingest 2xx during bulk',
        `${ingestOk(during)} / ${during.total}`,
        stored >= expectedStored ? 'every 2xx stored OK' : `LOST DELIVERIES (${stored} stored, ${expectedStored} expected)`,
      ],
    ]
    for (const [name, value, note] of rows) console.log(`${name.padEnd(28)} ${String(value).padStart(16)}   ${note}`)
    return { bare1, ht1, bare8, ht8, idle, during, replayedDuringLoad: jobAfterLoad.done }
  } finally {
    for (const child of children.reverse()) await stop(child)
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchReplay({ rate: Number(process.env.BENCH_RATE ?? 5000) })
}
