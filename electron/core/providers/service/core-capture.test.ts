// The whole path in one process: a provider simulator delivers through the real receiver of a
// real core; each delivery is stored with its registration and what verification said.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createCore, type Core } from '../../core'
import { rewriteOrigin, simulatedProviders, simulatorDefaults, startProviderSimulator, type SimulatedProvider } from '../simulators'
import { startCapture } from '../testing/capture'
import { verifyDelivery } from '../../verify'
import { tempDir, request } from '../../../../tests/helpers/http'
import { PROVIDER_INFO } from '../../../../shared/provider-schemas'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { KEY_FILE } from '../../secrets'

const PUBLIC = 'https://hooks.example.test'

async function withCore(fn: (core: Core) => Promise<void>): Promise<void> {
  const t = tempDir()
  const core = await createCore({ dataDir: t.dir, port: 0, tunnel: { mode: 'manual', url: PUBLIC } })
  try {
    await core.ready
    await fn(core)
  } finally {
    await core.close()
    t.cleanup()
  }
}

async function register(core: Core, kind: SimulatedProvider, simUrl: string) {
  const d = simulatorDefaults[kind]
  const { baseUrl, ...options } = d.connectorOptions(simUrl) as { baseUrl: string } & Record<string, unknown>
  const conn = await core.api.createConnection({ provider: kind, name: kind, baseUrl, credentials: { [PROVIDER_INFO[kind].credentialField]: d.apiKey }, options })
  const reg = await core.api.createRegistration({ connectionId: conn.id, options })
  assert.equal(reg.state, 'registered', `${kind}: ${reg.error}`)
  return reg
}

for (const kind of simulatedProviders) {
  test(`${kind}: a genuine delivery is stored verified; a tampered one is stored failed with the reason and answered 401`, async () => {
    await withCore(async (core) => {
      const sim = await startProviderSimulator(kind, { deliverTo: rewriteOrigin(core.receiver.url) })
      try {
        const reg = await register(core, kind, sim.url)
        assert.equal(reg.targetUrl, `${PUBLIC}${reg.receiverPath}`)
        const webhookId = [...sim.state.webhooks.keys()][0]!
        const good = await sim.deliver(webhookId)
        assert.equal(good.status, 200, good.error)
        const bad = await sim.deliver(webhookId, { tamper: true })
        assert.equal(bad.status, 401)

        const page = await core.api.listDeliveries({ registrationId: reg.id })
        assert.equal(page.items.length, 2)
        const [failed, verified] = page.items
        assert.deepEqual([verified!.registrationId, verified!.verification, verified!.verificationReason, verified!.responseStatus], [reg.id, 'verified', null, 200])
        assert.deepEqual([failed!.verification, failed!.responseStatus], ['failed', 401])
        assert.match(failed!.verificationReason ?? '', /does not match/)
        assert.equal(failed!.path, reg.receiverPath)
        const stored = await core.api.getDelivery({ id: verified!.id })
        assert.equal(stored.verification, 'verified')
      } finally {
        await sim.close()
      }
    })
  })
}

test('paths outside any registration are not checked; the failure status is a setting; the list filter uses the registration', async () => {
  await withCore(async (core) => {
    const sim = await startProviderSimulator('mycirrus', { deliverTo: rewriteOrigin(core.receiver.url) })
    try {
      const reg = await register(core, 'mycirrus', sim.url)
      const plain = await request(`${core.receiver.url}/github`, { method: 'POST', body: '{}' })
      assert.equal(plain.status, 200)
      const other = await request(`${core.receiver.url}/h/zzzzzzzzzz`, { method: 'POST', body: '{}' })
      assert.equal(other.status, 200)
      // A sub-path of the registration belongs to it too; an unsigned request there fails.
      const unsigned = await request(`${core.receiver.url}${reg.receiverPath}/extra?x=1`, { method: 'POST', body: '{}' })
      assert.equal(unsigned.status, 401)
      await core.api.setProviderSettings({ failedVerificationStatus: 403 })
      const id = [...sim.state.webhooks.keys()][0]!
      assert.equal((await sim.deliver(id, { tamper: true })).status, 403)

      const all = (await core.api.listDeliveries({})).items
      assert.deepEqual(all.map((d) => [d.registrationId, d.verification]), [
        [reg.id, 'failed'],
        [reg.id, 'failed'],
        [null, null],
        [null, null],
      ])
      assert.equal(all[1]!.verificationReason, 'missing X-Webhook-Signature header')
      assert.equal((await core.api.listDeliveries({ registrationId: reg.id })).items.length, 2)
      assert.equal((await core.api.listDeliveries({ registrationId: 'nothing' })).items.length, 0)
    } finally {
      await sim.close()
    }
  })
})

test('replaying an edited body re-signs it with the registration secret', async () => {
  await withCore(async (core) => {
    const sim = await startProviderSimulator('webhooks-api', { deliverTo: rewriteOrigin(core.receiver.url) })
    const target = await startCapture()
    try {
      const reg = await register(core, 'webhooks-api', sim.url)
      const hookId = reg.remoteIds[0]!
      const hook = sim.state.webhooks.get(hookId) as { secret: string }
      await sim.deliver(hookId)
      const [delivery] = (await core.api.listDeliveries({ registrationId: reg.id })).items
      const attempt = await core.api.replayDelivery({ id: delivery!.id, target: `${target.url}/app`, edits: { body: '{"edited":true}' } })
      assert.equal(attempt.edited, true)
      const got = target.requests[0]!
      assert.equal(got.body.toString(), '{"edited":true}')
      const check = verifyDelivery({ scheme: 'hmac', secret: hook.secret, header: 'X-Webhook-Signature', algorithm: 'sha256', encoding: 'hex', prefix: '' }, { headers: got.headers, body: got.body })
      assert.deepEqual(check, { result: 'verified' })
      assert.equal(got.headers.filter(([n]) => n.toLowerCase() === 'x-webhook-signature').length, 1)
    } finally {
      await Promise.all([sim.close(), target.close()])
    }
  })
})

test("a registration's own forward target gets its deliveries, with the receiver path prefix stripped", async () => {
  await withCore(async (core) => {
    const sim = await startProviderSimulator('droplit', { deliverTo: rewriteOrigin(core.receiver.url) })
    const target = await startCapture()
    try {
      await core.api.setForwarding({ enabled: true })
      const reg = await register(core, 'droplit', sim.url)
      // Pointing it back at Hooktray's own receiver would capture and forward forever: refused.
      for (const loop of [core.receiver.url, `${core.receiver.url.replace('127.0.0.1', 'localhost')}/app`]) {
        await assert.rejects(core.api.updateRegistration({ id: reg.id, forwardTo: loop }), (e: Error & { status?: number }) => {
          assert.equal(e.status, 400)
          assert.match(e.message, /^forwardTo: would loop: .* is Hooktray's own receiver$/)
          return true
        })
      }
      assert.equal((await core.api.listRegistrations({})).items.find((r) => r.id === reg.id)?.forwardTo, null, 'nothing changed')
      await core.api.updateRegistration({ id: reg.id, forwardTo: target.url })
      const sent = await request(`${core.receiver.url}${reg.receiverPath}/devices/changed?x=1`, { method: 'POST', body: '{}' })
      assert.equal(sent.status, 401, 'unsigned: stored as failed and not forwarded')
      await sim.deliver(reg.remoteIds[0]!)
      const [delivery] = (await core.api.listDeliveries({ registrationId: reg.id })).items
      assert.equal(delivery!.verification, 'verified')
      // Forwarding runs behind the answer: wait for its recorded attempt.
      await new Promise<void>((resolve) => {
        const off = core.events.subscribe((e) => e.type === 'attempt' && (off(), resolve()))
        void core.api.listAttempts({ deliveryId: delivery!.id }).then((a) => a.items.length && (off(), resolve()))
      })
      assert.equal(target.requests.length, 1)
      assert.equal(target.requests[0]!.path, '/')
      assert.ok(target.requests[0]!.headers.some(([n]) => n.toLowerCase() === 'x-droplit-signature'))
    } finally {
      await Promise.all([sim.close(), target.close()])
    }
  })
})

test('"send test" without a provider test endpoint posts a signed sample to the public URL, and it verifies', async () => {
  const t = tempDir()
  // The receiver itself stands in for the public URL (Droplit accepts plain http callbacks).
  const core = await createCore({ dataDir: t.dir, port: 0 })
  const sim = await startProviderSimulator('droplit')
  try {
    await core.api.setTunnel({ mode: 'manual', url: core.receiver.url })
    const reg = await register(core, 'droplit', sim.url)
    const result = await core.api.testRegistration({ id: reg.id })
    assert.deepEqual([result.via, result.ok, result.status], ['self', true, 200])
    const [delivery] = (await core.api.listDeliveries({ registrationId: reg.id })).items
    assert.equal(delivery?.verification, 'verified')
  } finally {
    await core.close()
    await sim.close()
    t.cleanup()
  }
})

test('the credential Aggregate Intelligence sends back never leaves the core: a marker in the list, the detail, events and what was sent; replay still sends it', async () => {
  await withCore(async (core) => {
    const sim = await startProviderSimulator('aggregate-intelligence', { deliverTo: rewriteOrigin(core.receiver.url) })
    const target = await startCapture()
    const events: unknown[] = []
    const off = core.events.subscribe((e) => events.push(e))
    try {
      const d = simulatorDefaults['aggregate-intelligence']
      const conn = await core.api.createConnection({ provider: 'aggregate-intelligence', name: 'AI', baseUrl: sim.url, credentials: { accessToken: d.apiKey } })
      for (const authType of ['querystring', 'basic'] as const) {
        const reg = await core.api.createRegistration({ connectionId: conn.id, options: { authType, isAlertHook: false } })
        assert.equal(reg.state, 'registered', reg.error ?? '')
        // The API returns no id for a new webhook: the simulator's newest one is this registration's.
        const good = await sim.deliver([...sim.state.webhooks.keys()].at(-1)!)
        assert.equal(good.status, 200, good.error)
        // What the simulator really sent: the generated credential, in the query or in Basic.
        const authorization = Object.entries(good.headers).find(([n]) => n.toLowerCase() === 'authorization')?.[1] ?? ''
        const secret = authType === 'querystring' ? new URL(good.sentTo).searchParams.get('token')! : /^Basic (\S+)$/.exec(authorization)![1]!
        assert.ok(secret.length >= 16, `a credential was sent (${authType})`)

        const [row] = (await core.api.listDeliveries({ registrationId: reg.id })).items
        assert.equal(row!.verification, 'verified')
        const detail = await core.api.getDelivery({ id: row!.id })
        const shown = JSON.stringify([row, detail, events])
        assert.equal(shown.includes(secret), false, `${authType}: the credential is not in the list, the detail or the events`)
        assert.ok(shown.includes('***hidden-credential***'), `${authType}: a marker stands in for it`)

        // Replaying with the headers and query as the client saw them (marker and all) sends the real thing.
        const attempt = await core.api.replayDelivery({ id: row!.id, target: `${target.url}/app`, edits: { headers: detail.headers, query: detail.query, body: '{"edited":1}' }, resign: false })
        assert.equal(attempt.status, 200)
        const got = target.requests.at(-1)!
        const sentCredential = authType === 'querystring' ? new URLSearchParams(got.query).get('token') : got.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1]
        assert.equal(sentCredential, authType === 'querystring' ? secret : `Basic ${secret}`)
        const sent = await core.api.getAttemptSent({ id: attempt.id })
        assert.ok(sent, 'an edited attempt records what was sent')
        assert.equal(JSON.stringify(sent.request).includes(secret), false, `${authType}: what was sent is shown with the marker`)
      }
    } finally {
      off()
      await Promise.all([sim.close(), target.close()])
    }
  })
})

test('the credential stays hidden after its connection is deleted, and after a restart with a key that cannot open it', async () => {
  const t = tempDir()
  let core = await createCore({ dataDir: t.dir, port: 0, tunnel: { mode: 'manual', url: PUBLIC } })
  const sim = await startProviderSimulator('aggregate-intelligence', { deliverTo: rewriteOrigin(core.receiver.url) })
  try {
    await core.ready
    const conn = await core.api.createConnection({ provider: 'aggregate-intelligence', name: 'AI', baseUrl: sim.url, credentials: { accessToken: simulatorDefaults['aggregate-intelligence'].apiKey } })
    const reg = await core.api.createRegistration({ connectionId: conn.id, options: { authType: 'querystring', isAlertHook: false } })
    assert.equal(reg.state, 'registered', reg.error ?? '')
    const good = await sim.deliver([...sim.state.webhooks.keys()].at(-1)!)
    assert.equal(good.status, 200, good.error)
    const token = new URL(good.sentTo).searchParams.get('token')
    assert.ok(token && token.length >= 16, 'the delivery carried the generated token')
    const leaks = async (c: Core) => {
      const page = await c.api.listDeliveries({})
      const detail = await c.api.getDelivery({ id: page.items[0]!.id })
      return JSON.stringify([page, detail]).includes(token)
    }
    assert.equal(await leaks(core), false)

    await core.api.deleteConnection({ id: conn.id })
    // Another registration elsewhere makes the service rebuild what it knows.
    const conn2 = await core.api.createConnection({ provider: 'aggregate-intelligence', name: 'AI 2', baseUrl: sim.url, credentials: { accessToken: simulatorDefaults['aggregate-intelligence'].apiKey } })
    await core.api.createRegistration({ connectionId: conn2.id, options: { authType: 'bearer', isAlertHook: false } })
    assert.equal(await leaks(core), false, 'hidden after the connection (and its registrations) went')
    await core.close()

    // A new key file: the sealed secret cannot be opened; the whole token parameter is hidden instead.
    rmSync(join(t.dir, KEY_FILE))
    core = await createCore({ dataDir: t.dir, port: 0, tunnel: { mode: 'manual', url: PUBLIC } })
    await core.ready
    assert.equal(await leaks(core), false, 'hidden by location when the secret cannot be read')
    const [row] = (await core.api.listDeliveries({})).items.filter((d) => d.registrationId === reg.id)
    assert.equal(new URLSearchParams(row!.query).get('token'), '***hidden-credential***')
  } finally {
    await core.close()
    await sim.close()
    t.cleanup()
  }
})

test('a removed registration whose webhook lives on at the provider: what it still sends is attributed and checked, not forwarded', async () => {
  await withCore(async (core) => {
    const sim = await startProviderSimulator('mycirrus', { deliverTo: rewriteOrigin(core.receiver.url) })
    const target = await startCapture()
    try {
      // Forwarding on, with a global target as well as the registration's own.
      await core.api.setForwarding({ enabled: true, target: `${target.url}/global` })
      const reg = await register(core, 'mycirrus', sim.url)
      await core.api.updateRegistration({ id: reg.id, forwardTo: target.url })
      const removed = await core.api.deleteRegistration({ id: reg.id })
      assert.equal(removed.state, 'removed')
      assert.match(removed.notice ?? '', /cannot delete webhooks/)
      const hookId = reg.remoteIds[0]!
      assert.ok(sim.state.webhooks.has(hookId), 'MyCirrus still has it')
      assert.equal((await sim.deliver(hookId)).status, 200)
      assert.equal((await sim.deliver(hookId, { tamper: true })).status, 401)
      const items = (await core.api.listDeliveries({ registrationId: reg.id })).items
      assert.deepEqual(items.map((d) => d.verification), ['failed', 'verified'])
      await new Promise((r) => setTimeout(r, 200))
      assert.equal(target.requests.length, 0, 'a removed registration forwards nothing, not even to the global target')
      // The global target still gets everything else.
      await request(`${core.receiver.url}/plain`, { method: 'POST', body: '{}' })
      for (let i = 0; i < 100 && target.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 20))
      assert.equal(target.requests[0]?.path, '/global', 'a target with a path receives that path')
    } finally {
      await Promise.all([sim.close(), target.close()])
    }
  })
})
