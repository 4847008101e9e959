import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TunnelConfigError, validateHostname, validateManualUrl, validateTunnelConfig } from './config'

const rejects = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (err: unknown) => err instanceof TunnelConfigError && pattern.test(err.message))

test('manual URL: http and https are accepted and normalised without a trailing slash', () => {
  assert.equal(validateManualUrl('https://hooks.example.com/'), 'https://hooks.example.com')
  assert.equal(validateManualUrl('  http://192.0.2.1:8080/base/path/  '), 'http://192.0.2.1:8080/base/path')
  assert.equal(validateManualUrl('HTTPS://Hooks.Example.com'), 'https://hooks.example.com')
})

test('manual URL: other schemes, credentials, junk, query and fragment are refused with a clear message', () => {
  rejects(() => validateManualUrl('ftp://hooks.example.com'), /must start with http:\/\/ or https:\/\/ \(got ftp:\/\/\)/)
  rejects(() => validateManualUrl('javascript:alert(1)'), /must start with http:\/\/ or https:\/\//)
  rejects(() => validateManualUrl('hooks.example.com'), /is not a URL|must start with http/)
  rejects(() => validateManualUrl('https://user:secret@hooks.example.com'), /must not contain a user name or password/)
  rejects(() => validateManualUrl('https://user@hooks.example.com'), /must not contain a user name or password/)
  rejects(() => validateManualUrl('https://hooks.example.com/?a=1'), /query string/)
  rejects(() => validateManualUrl('https://hooks.example.com/#x'), /fragment/)
  rejects(() => validateManualUrl('   '), /Enter the public URL/)
})

test('the credentials message never repeats the password', () => {
  try {
    validateManualUrl('https://alice:hunter2@hooks.example.com')
    assert.fail('accepted credentials')
  } catch (err) {
    assert.ok(err instanceof TunnelConfigError)
    assert.doesNotMatch(err.message, /hunter2/)
    assert.equal(err.code, 'TUNNEL_CONFIG_INVALID')
  }
})

test('named tunnel: host name or https URL accepted, token required and kept as given', () => {
  assert.equal(validateHostname('Hooks.Example.com.'), 'hooks.example.com')
  assert.equal(validateHostname('https://hooks.example.com'), 'hooks.example.com')
  rejects(() => validateHostname('https://hooks.example.com/path'), /only the host name/)
  rejects(() => validateHostname('localhost'), /not a valid host name/)
  rejects(() => validateHostname('bad_host.example.com'), /not a valid host name/)
  rejects(() => validateTunnelConfig({ mode: 'named', token: ' ', hostname: 'a.example.com' }), /needs its token/)
  rejects(() => validateTunnelConfig({ mode: 'named', token: 'ab cd', hostname: 'a.example.com' }), /one word/)
  assert.deepEqual(validateTunnelConfig({ mode: 'named', token: ' tok ', hostname: 'a.example.com' }), {
    mode: 'named',
    token: 'tok',
    hostname: 'a.example.com',
    binPath: null,
  })
})

test('unknown modes are refused', () => {
  rejects(() => validateTunnelConfig({ mode: 'ngrok' } as never), /Unknown tunnel mode/)
  assert.deepEqual(validateTunnelConfig({ mode: 'none' }), { mode: 'none' })
})
