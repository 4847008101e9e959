import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { json, request, tempDir } from '../../tests/helpers/http'
import { RUNTIME_FILE } from './runtime-file'

interface Started {
  receiverUrl: string
  apiUrl: string
}

function startCli(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'index.ts'), 'serve', '--port', '0', '--ui-port', '0', '--data-dir', dataDir, '--json'], {
    env: { ...process.env, HOOKTRAY_TOKEN: 'tok' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const started = new Promise<Started>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const line = out.split('\n')[0]
      if (out.includes('\n')) resolve(JSON.parse(line!) as Started)
    })
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)))
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, started, exited }
}

test('SIGTERM closes both servers and the database; a restart on the same data dir finds everything', async () => {
  const t = tempDir()
  try {
    const first = startCli(t.dir)
    const a = await first.started
    const runtime = join(t.dir, RUNTIME_FILE)
    assert.ok(existsSync(runtime))
    assert.equal(statSync(runtime).mode & 0o777, 0o600)
    const ids: number[] = []
    for (const body of ['{"first":1}', 'second', Buffer.from([0xde, 0xad, 0xbe, 0xef]).toString('latin1')]) {
      ids.push(json<{ id: number }>(await request(`${a.receiverUrl}/restart`, { method: 'POST', body })).id)
    }
    first.child.kill('SIGTERM')
    assert.equal(await first.exited, 0)
    assert.equal(existsSync(runtime), false, 'runtime file removed on exit')
    await assert.rejects(request(`${a.receiverUrl}/after`), /ECONNREFUSED/)

    const second = startCli(t.dir)
    const b = await second.started
    const list = json<{ items: { id: number }[] }>(await request(`${b.apiUrl}/api/deliveries`, { headers: { Authorization: 'Bearer tok' } }))
    assert.deepEqual(list.items.map((d) => d.id), [...ids].reverse())
    const body = await request(`${b.apiUrl}/api/deliveries/${ids[0]}/body`, { headers: { Authorization: 'Bearer tok' } })
    assert.equal(body.body.toString(), '{"first":1}')
    second.child.kill('SIGINT')
    assert.equal(await second.exited, 0)
  } finally {
    t.cleanup()
  }
})

test('a taken port is a clear error, not a silent move', async () => {
  const t = tempDir()
  const first = startCli(t.dir)
  try {
    const a = await first.started
    const port = new URL(a.receiverUrl).port
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'index.ts'), 'serve', '--port', port, '--ui-port', '0', '--data-dir', join(t.dir, 'other')], { stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    const code = await new Promise<number | null>((r) => child.once('exit', r))
    assert.equal(code, 1)
    assert.match(err, /port is taken/)
  } finally {
    first.child.kill('SIGTERM')
    await first.exited
    t.cleanup()
  }
})
