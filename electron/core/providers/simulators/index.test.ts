// The `hooktray simulate <provider>` path: every simulator with its defaults, the matching
// connector with simulatorDefaults, one real delivery to a local receiver, verified.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { verifyDelivery } from '../../verify'
import { getConnector } from '../index'
import { asVerifyRequest, PUBLIC_URL, recordingHttp, startCapture } from '../testing/capture'
import { rewriteOrigin, simulatedProviders, simulatorDefaults, startProviderSimulator } from './index'

for (const kind of simulatedProviders) {
  test(`${kind}: defaults register, deliver and verify end to end`, async () => {
    const capture = await startCapture()
    const sim = await startProviderSimulator(kind, { deliverTo: rewriteOrigin(capture.url) })
    try {
      const connector = getConnector(kind)
      const d = simulatorDefaults[kind]
      const options = connector.validateOptions(d.connectorOptions(sim.url))
      const reg = await connector.register({ options, apiKey: d.apiKey, http: recordingHttp().http, publicUrl: PUBLIC_URL, receiverPath: `/hooks/${kind}` })
      assert.ok(reg.verify, 'the defaults produce verifiable deliveries')
      const ids = [...sim.state.webhooks.keys()]
      assert.ok(ids.length >= 1)
      for (const id of ids) await sim.deliver(id)
      assert.equal(capture.requests.length, ids.length)
      for (const r of capture.requests) {
        assert.equal(r.path, `/hooks/${kind}`)
        assert.deepEqual(verifyDelivery(reg.verify, asVerifyRequest(r)), { result: 'verified' })
      }
    } finally {
      await Promise.all([sim.close(), capture.close()])
    }
  })
}
