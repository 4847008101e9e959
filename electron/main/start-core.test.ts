import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { DEFAULT_PORT, receiverPort, startCore } from './start-core'

test('HOOKTRAY_PORT: a valid port (0 included) is used, anything else means 8787', () => {
  assert.equal(receiverPort(undefined), DEFAULT_PORT)
  assert.equal(receiverPort(''), DEFAULT_PORT)
  assert.equal(receiverPort('9000'), 9000)
  assert.equal(receiverPort('0'), 0)
  assert.equal(receiverPort('65535'), 65535)
  assert.equal(receiverPort('65536'), DEFAULT_PORT)
  assert.equal(receiverPort('-1'), DEFAULT_PORT)
  assert.equal(receiverPort('80abc'), DEFAULT_PORT)
  assert.equal(receiverPort('1e3'), DEFAULT_PORT)
})

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : -1)
    })
  })
}

test('a busy port falls back to a free one, and the receiver really answers there', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hooktray-start-core-'))
  const blocker = createServer()
  const busyPort = await listen(blocker, 0)
  try {
    const core = await startCore({ dataDir, port: busyPort })
    try {
      assert.notEqual(core.receiver.port, busyPort)
      assert.ok(core.receiver.port > 0)
      const res = await fetch(`${core.receiver.url}/fallback`, { method: 'POST', body: 'hi' })
      assert.equal(res.status, 200)
      assert.equal(core.status().deliveryCount, 1)
    } finally {
      await core.close()
    }
  } finally {
    blocker.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('a free wanted port is kept', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hooktray-start-core-'))
  const probe = createServer()
  const port = await listen(probe, 0)
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  try {
    const core = await startCore({ dataDir, port })
    await core.close()
    assert.equal(core.receiver.port, port)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
