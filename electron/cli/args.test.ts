import assert from 'node:assert/strict'
import { test } from 'node:test'
import { UsageError, parseServeArgs, tunnelFromArgs } from './args'

const TOKEN = 'eyJhIjoiYWNjIiwidCI6InR1biIsInMiOiJzZWNyZXQifQ=='

test('named tunnel: the token from --tunnel-token or from $HOOKTRAY_TUNNEL_TOKEN, with the hostname', () => {
  const fromFlag = parseServeArgs(['--tunnel-token', TOKEN, '--tunnel-hostname', 'hooks.example.com'], {})
  assert.deepEqual(tunnelFromArgs(fromFlag), { mode: 'named', token: TOKEN, hostname: 'hooks.example.com', binPath: undefined })
  const fromEnv = parseServeArgs(['--tunnel-hostname', 'hooks.example.com'], { HOOKTRAY_TUNNEL_TOKEN: TOKEN })
  assert.deepEqual(tunnelFromArgs(fromEnv), { mode: 'named', token: TOKEN, hostname: 'hooks.example.com', binPath: undefined })
  // The flag wins over the variable.
  const both = parseServeArgs(['--tunnel-token', 'flag', '--tunnel-hostname', 'h.example.com'], { HOOKTRAY_TUNNEL_TOKEN: TOKEN })
  assert.equal(both.tunnelToken, 'flag')
})

test('the variable alone changes nothing; a hostname with no token anywhere is a usage error', () => {
  assert.equal(tunnelFromArgs(parseServeArgs([], { HOOKTRAY_TUNNEL_TOKEN: TOKEN })), undefined)
  assert.deepEqual(tunnelFromArgs(parseServeArgs(['--tunnel', 'none', '--tunnel-hostname', 'h.example.com'], { HOOKTRAY_TUNNEL_TOKEN: TOKEN })), { mode: 'none' })
  assert.throws(() => parseServeArgs(['--tunnel-hostname', 'hooks.example.com'], {}), (err: unknown) => {
    return err instanceof UsageError && /HOOKTRAY_TUNNEL_TOKEN/.test(err.message)
  })
  assert.throws(() => parseServeArgs(['--tunnel-token', TOKEN], {}), /needs --tunnel-hostname/)
})

test('ports and limits are checked with the flag named', () => {
  assert.throws(() => parseServeArgs(['--port', '70000'], {}), /--port must be a port number/)
  assert.throws(() => parseServeArgs(['--body-limit', '10MB'], {}), /--body-limit must be a number of bytes/)
  const defaults = parseServeArgs([], {})
  assert.equal(defaults.port, 8787)
  assert.equal(defaults.uiPort, 8788)
  assert.equal(defaults.host, '127.0.0.1')
})
