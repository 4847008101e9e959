import assert from 'node:assert/strict'
import { test } from 'node:test'
import { interpretLine, OutputReader } from './cloudflared-output'

// Lines as cloudflared prints them (cloudflared issues #456, #555; connection/observer.go;
// cmd/cloudflared/tunnel/quick_tunnel.go's AsciiBox; cliutil.UsageError).
const QUICK_RUN = [
  '2021-09-03T10:44:38Z INF Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out. However, be aware that these account-less Tunnels have no uptime guarantee. If you intend to use Tunnels in production you should use a pre-created named tunnel by following: https://developers.cloudflare.com/cloudflare-one/connections/connect-apps',
  '2021-09-03T10:44:38Z INF Requesting new quick Tunnel on trycloudflare.com...',
  '2021-09-03T10:44:41Z INF +--------------------------------------------------------------------------------------------+',
  '2021-09-03T10:44:41Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
  '2021-09-03T10:44:41Z INF |  https://symantec-transferred-lock-revenues.trycloudflare.com                              |',
  '2021-09-03T10:44:41Z INF +--------------------------------------------------------------------------------------------+',
  '2025-01-28T06:13:37Z INF Starting metrics server on 127.0.0.1:20241/metrics',
  '2025-01-28T06:13:37Z INF Registered tunnel connection connIndex=0 connection=5c94b68c-6732-40c1-9b49-9f8f6c23521d event=0 ip=198.41.192.67 location=las01 protocol=quic',
].join('\n') + '\n'

test('the URL in the box and the registered connection are found in a real quick-Tunnel log', () => {
  const events = new OutputReader().push(QUICK_RUN).flatMap((x) => (x.event ? [x.event] : []))
  assert.deepEqual(events, [
    { type: 'url', url: 'https://symantec-transferred-lock-revenues.trycloudflare.com' },
    { type: 'connected', connIndex: 0, location: 'las01' },
  ])
})

test('lines cut at any point by the pipe give the same events', () => {
  const whole = new OutputReader().push(QUICK_RUN).map((x) => x.event)
  for (const size of [1, 3, 7, 50, 97]) {
    const reader = new OutputReader()
    const seen = []
    for (let i = 0; i < QUICK_RUN.length; i += size) seen.push(...reader.push(QUICK_RUN.slice(i, i + size)).map((x) => x.event))
    seen.push(...reader.flush().map((x) => x.event))
    assert.deepEqual(seen, whole, `chunk size ${size}`)
  }
})

test('other https URLs, including api.trycloudflare.com, are not taken for the tunnel', () => {
  const noise = [
    'failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: lookup api.trycloudflare.com on 127.0.0.11:53: no such host',
    '2024-01-01T00:00:00Z WRN Quick tunnel service https://api.trycloudflare.com/tunnel answered slowly',
    '2024-01-01T00:00:00Z INF |  https://api.trycloudflare.com   |',
    '2024-01-01T00:00:00Z INF see https://words-here.trycloudflare.com for details',
  ]
  for (const line of noise) assert.equal(interpretLine(line)?.type === 'url', false, line)
})

test('failure text: the last ERR line wins; a plain usage error counts; "See … --help" does not', () => {
  const reader = new OutputReader()
  reader.push('2021-08-02T13:44:44Z ERR Register tunnel error from server side error="Unauthorized: Invalid tunnel secret" connIndex=0\n')
  assert.equal(reader.lastError(), 'Register tunnel error from server side error="Unauthorized: Invalid tunnel secret" connIndex=0')
  reader.push("Provided Tunnel token is not valid.\nSee 'cloudflared tunnel run --help'.\n")
  assert.equal(reader.lastError(), 'Provided Tunnel token is not valid.')
  reader.push('2022/08/16 14:58:54 failed to sufficiently increase receive buffer size (was: 176 kiB)\n')
  assert.equal(reader.lastError(), 'Provided Tunnel token is not valid.')
})

test('the scrubber masks the token in every line handed out', () => {
  const reader = new OutputReader((text) => text.split('SECRET-TOKEN').join('*****'))
  const [line] = reader.push('2024-01-01T00:00:00Z ERR bad token SECRET-TOKEN rejected\n')
  assert.equal(line?.line.includes('SECRET-TOKEN'), false)
  assert.equal(reader.lastError(), 'bad token ***** rejected')
})

test('a connection dropping is seen (for the reconnecting state)', () => {
  assert.deepEqual(interpretLine('2024-01-01T00:00:00Z INF Unregistered tunnel connection connIndex=0 event=0 ip=198.41.200.13'), {
    type: 'disconnected',
    connIndex: 0,
  })
  assert.deepEqual(interpretLine('2022-08-16T12:58:54Z INF Connection 6c49c153-2090-45bc-b3b8-898f3ceb3e7c registered connIndex=0 ip=198.41.200.33 location=AMS'), {
    type: 'connected',
    connIndex: 0,
    location: 'AMS',
  })
})
