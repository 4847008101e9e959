import assert from 'node:assert/strict'
import { test } from 'node:test'
import { connectionArgs, emptyConnectionForm, emptyRegistrationForm, registrationArgs, toggle } from './provider-form'

test('a connection form becomes createConnection args with the kind’s own credential field', () => {
  const f = { ...emptyConnectionForm('aggregate-intelligence'), baseUrl: ' http://127.0.0.1:9 ', credential: 'tok' }
  assert.deepEqual(connectionArgs(f), {
    ok: true,
    value: { provider: 'aggregate-intelligence', name: 'Aggregate Intelligence', baseUrl: 'http://127.0.0.1:9', credentials: { accessToken: 'tok' }, options: {} },
  })
  const d = connectionArgs({ ...emptyConnectionForm('droplit'), name: 'Home', credential: 't', optionsJson: '{"useSecret": false}' })
  assert.deepEqual(d.ok && d.value, { provider: 'droplit', name: 'Home', credentials: { token: 't' }, options: { useSecret: false } })
  const b64 = connectionArgs({ ...emptyConnectionForm('mycirrus'), credential: 'k', signatureEncoding: 'base64' })
  assert.deepEqual(b64.ok && b64.value.options, { signatureEncoding: 'base64' })
  const hex = connectionArgs({ ...emptyConnectionForm('mycirrus'), credential: 'k' })
  assert.deepEqual(hex.ok && hex.value.options, {}, 'hex is the default: nothing to send')
  const json = connectionArgs({ ...emptyConnectionForm('mycirrus'), credential: 'k', optionsJson: '{"signatureEncoding": "base64"}' })
  assert.deepEqual(json.ok && json.value.options, {}, 'the select wins over the options text')
  const other = connectionArgs({ ...emptyConnectionForm('droplit'), credential: 'k', signatureEncoding: 'base64' })
  assert.deepEqual(other.ok && other.value.options, {}, 'only MyCirrus has the choice')
  assert.equal(connectionArgs({ ...emptyConnectionForm(), optionsJson: '[1]' }).ok, false)
  const bad = connectionArgs({ ...emptyConnectionForm(), optionsJson: '{nope' })
  assert.ok(!bad.ok && /not valid JSON/.test(bad.error))
})

test('registration options carry only the provider’s fields', () => {
  const f = { ...emptyRegistrationForm(), instrument: ' QT1 ', types: toggle(['NewMeasurement'], 'SicFinished'), events: 'a, b  c', ecosystemId: 'E1', forwardTo: ' http://localhost:3000 ' }
  assert.deepEqual(registrationArgs('c1', 'mycirrus', f), {
    connectionId: 'c1',
    options: { instrument: 'QT1', types: ['NewMeasurement', 'SicFinished'] },
    forwardTo: 'http://localhost:3000',
    unregisterOnQuit: false,
  })
  assert.deepEqual(registrationArgs('c1', 'webhooks-api', f).options, { events: ['a', 'b', 'c'] })
  assert.deepEqual(registrationArgs('c1', 'droplit', f).options, { ecosystemId: 'E1' })
  assert.deepEqual(registrationArgs('c1', 'aggregate-intelligence', { ...f, authType: 'basic', isAlertHook: true }).options, { authType: 'basic', isAlertHook: true })
  assert.deepEqual(toggle(['a', 'b'], 'a'), ['b'])
})
