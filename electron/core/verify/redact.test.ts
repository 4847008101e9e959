import assert from 'node:assert/strict'
import { test } from 'node:test'
import { HIDDEN_CREDENTIAL, hiddenCredentialOf, hideInHeaders, hideInQuery, hideSecret, restoreInHeaders, restoreSecret, type HiddenCredential } from './redact'

test('the credential is hidden raw and percent-encoded, and comes back where the marker stands', () => {
  const secret = 'a+b/c= d'
  const query = `x=1&token=${encodeURIComponent(secret)}&raw=${secret}&form=${encodeURIComponent(secret).replace(/%20/g, '+')}`
  assert.equal(hideSecret(query, secret), `x=1&token=${HIDDEN_CREDENTIAL}&raw=${HIDDEN_CREDENTIAL}&form=${HIDDEN_CREDENTIAL}`)
  assert.equal(restoreSecret(`token=${HIDDEN_CREDENTIAL}`, secret, 'query'), `token=${encodeURIComponent(secret)}`)
  const headers = hideInHeaders([['Authorization', `Bearer ${secret}`], ['X-Other', 'keep']], { secret, authType: 'bearer', queryParam: 'token', headerName: 'X-Webhook-Token' })
  assert.deepEqual(headers, [['Authorization', `Bearer ${HIDDEN_CREDENTIAL}`], ['X-Other', 'keep']])
  assert.deepEqual(restoreInHeaders(headers, secret), [['Authorization', `Bearer ${secret}`], ['X-Other', 'keep']])
  // Nothing to hide: the same text, the same array.
  assert.equal(hideSecret('token=other', secret), 'token=other')
  const untouched: [string, string][] = [['A', 'b']]
  assert.equal(hideInHeaders(untouched, null), untouched)
})

test('a secret this Hooktray cannot open is hidden by where it travels', () => {
  const base = { secret: null, queryParam: 'key', headerName: 'X-Webhook-Token' }
  const q: HiddenCredential = { ...base, authType: 'querystring' }
  assert.equal(hideInQuery('a=1&key=s3cr3t&key=again&keyx=2', q), `a=1&key=${HIDDEN_CREDENTIAL}&key=${HIDDEN_CREDENTIAL}&keyx=2`)
  assert.equal(hideInQuery('a=1&k%65y=s3cr3t', q), `a=1&k%65y=${HIDDEN_CREDENTIAL}`, 'an encoded name is the same parameter')
  const pairs: [string, string][] = [['authorization', 'Basic dTpw'], ['X-Webhook-Token', 'tok'], ['X-Other', 'keep']]
  assert.deepEqual(hideInHeaders(pairs, { ...base, authType: 'basic' }), [['authorization', `Basic ${HIDDEN_CREDENTIAL}`], ['X-Webhook-Token', 'tok'], ['X-Other', 'keep']])
  assert.deepEqual(hideInHeaders(pairs, { ...base, authType: 'authheader' }), [['authorization', HIDDEN_CREDENTIAL], ['X-Webhook-Token', 'tok'], ['X-Other', 'keep']])
  assert.deepEqual(hideInHeaders(pairs, { ...base, authType: 'header' }), [['authorization', 'Basic dTpw'], ['X-Webhook-Token', HIDDEN_CREDENTIAL], ['X-Other', 'keep']])
  assert.deepEqual(hideInHeaders(pairs, q), pairs, 'a query credential leaves the headers alone')
  assert.equal(hideInQuery('key=s3cr3t', { ...base, authType: 'bearer' }), 'key=s3cr3t', 'a header credential leaves the query alone')
})

test('which string a registration’s deliveries carry', () => {
  const credentialSecret = (v: Parameters<typeof hiddenCredentialOf>[0]) => hiddenCredentialOf(v)?.secret ?? null
  const names = { queryParam: 'token', headerName: 'X-Webhook-Token' }
  assert.equal(credentialSecret({ scheme: 'credential', credential: { authType: 'bearer', token: 't0k3n' }, ...names }), 't0k3n')
  assert.equal(credentialSecret({ scheme: 'credential', credential: { authType: 'basic', userName: 'u', password: 'p' }, ...names }), Buffer.from('u:p').toString('base64'))
  assert.equal(credentialSecret({ scheme: 'credential', credential: { authType: 'none' }, ...names }), null)
  assert.equal(credentialSecret({ scheme: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'sha256', encoding: 'hex', prefix: '' }), null, 'a signature is not a secret')
  assert.equal(credentialSecret(null), null)
})
