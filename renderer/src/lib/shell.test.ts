import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { test } from 'node:test'
import { curlCommand, shellQuote } from './shell'

test('shell quoting survives a real shell', () => {
  const nasty = `it's $HOME \`id\` "q" \\ \n done`
  const out = execFileSync('sh', ['-c', `printf %s ${shellQuote(nasty)}`]).toString()
  assert.equal(out, nasty)
})

test('curl command drops computed headers and keeps the rest in order', () => {
  const cmd = curlCommand({
    method: 'POST',
    url: 'http://127.0.0.1:8787/hook?a=1',
    headers: [
      ['Host', '127.0.0.1:8787'],
      ['Content-Type', 'application/json'],
      ['Content-Length', '2'],
      ['X-Sig', "a'b"],
    ],
    bodyText: '{}',
    bodySize: 2,
  })
  assert.equal(
    cmd,
    [
      "curl -X 'POST' 'http://127.0.0.1:8787/hook?a=1'",
      "-H 'Content-Type: application/json'",
      `-H 'X-Sig: a'\\''b'`,
      "--data-raw '{}'",
    ].join(' \\\n  '),
  )
})

test('a body that is not text is read from a file', () => {
  const cmd = curlCommand({ method: 'PUT', url: 'http://x/', headers: [], bodyText: null, bodySize: 10, bodyFile: 'd-1.bin' })
  assert.match(cmd, /--data-binary '@d-1\.bin'$/)
})
