import assert from 'node:assert/strict'
import { test } from 'node:test'
import { deliveryNotification, describeDelivery, failureNotification } from './content'
import { PREVIEW_MAX, formatSize, safeExcerpt } from './text'
import type { DeliveryInput } from './types'

const enc = (s: string) => new TextEncoder().encode(s)

function delivery(over: Partial<DeliveryInput> & { body?: string | Uint8Array } = {}): DeliveryInput {
  const { body, ...rest } = over
  const bytes = typeof body === 'string' ? enc(body) : (body ?? enc('{"type":"invoice.paid","amount":12}'))
  return {
    id: 7,
    method: 'POST',
    path: '/mycirrus/events',
    bodySize: bytes.length,
    contentType: 'application/json',
    receivedAt: 1,
    bodyPrefix: bytes,
    ...rest,
  }
}

/** Every string a notification shows, to search for things that must never be there. */
const shown = (n: { title: string; body: string }) => `${n.title}\n${n.body}`

test('a single delivery names its event, where it went, its size and an excerpt', () => {
  const n = deliveryNotification(delivery())
  assert.deepEqual(n, {
    title: 'invoice.paid · /mycirrus/events',
    body: 'POST /mycirrus/events · 35 B\n{"type":"invoice.paid","amount":12}',
    deliveryId: 7,
    count: 1,
    level: 'info',
  })
  const named = deliveryNotification(delivery({ registrationName: 'Stripe (test)' }))
  assert.equal(named.title, 'invoice.paid · Stripe (test)')
})

test('event name: given, then provider header, then JSON type/event/action; configurable', () => {
  assert.equal(describeDelivery(delivery({ eventName: 'given' })).eventName, 'given')
  const gh = delivery({ headers: [['X-GitHub-Event', 'pull_request']], body: '{"action":"opened"}' })
  assert.equal(describeDelivery(gh).eventName, 'pull_request')
  assert.equal(describeDelivery(delivery({ body: '{"action":"opened"}' })).eventName, 'opened')
  assert.equal(describeDelivery(delivery({ body: '{"event":{"type":"message"}}' })).eventName, 'message')
  assert.equal(describeDelivery(delivery({ headers: [['x-event-type', 'ping']] , body: '' })).eventName, 'ping')
  const custom = delivery({ headers: [['X-Shopify-Topic', 'orders/create']], body: 'x' })
  assert.equal(describeDelivery(custom).eventName, null)
  assert.equal(describeDelivery(custom, { eventHeaders: ['x-shopify-topic'] }).eventName, 'orders/create')
  assert.equal(describeDelivery(delivery({ body: '{"kind":"a"}' }), { eventFields: ['kind'] }).eventName, 'a')
  // A header value that does not look like an event name is not shown at all.
  const odd = delivery({ headers: [['X-Webhook-Event', 'Bearer abc.def+ghi/=='.repeat(5)]], body: '' })
  assert.equal(describeDelivery(odd).eventName, null)
})

test('event name is found in a body cut off after the first KB', () => {
  const big = `{"type":"charge.succeeded","data":"${'x'.repeat(10_000)}"}`
  const input = delivery({ body: enc(big).subarray(0, 5000), bodySize: big.length })
  assert.equal(describeDelivery(input).eventName, 'charge.succeeded')
})

test('HTML stays literal text, without controls, newlines or bidi overrides', () => {
  const html = '<html>\r\n<body onload="alert(1)">\u202e<b>Hi</b>\u0007\u0000</body></html>'
  const n = deliveryNotification(delivery({ contentType: 'text/html', body: html.replace('\u0000', '') }))
  const preview = n.body.split('\n')[1]!
  assert.equal(preview, '<html> <body onload="alert(1)"><b>Hi</b></body></html>')
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(shown(n), /[\u0000-\u0008\u000b-\u001f\u007f\u202e]/)
})

test('binary bodies are described, not shown', () => {
  const bytes = new Uint8Array(3277).map((_, i) => (i * 31) % 256)
  const n = deliveryNotification(delivery({ contentType: 'application/octet-stream', body: bytes }))
  assert.equal(n.body, 'POST /mycirrus/events · binary, 3.2 KB')
  const png = deliveryNotification(delivery({ contentType: 'image/png', body: 'PNG-ish text' }))
  assert.match(png.body, /binary, 12 B$/)
  const nul = deliveryNotification(delivery({ contentType: null, body: new Uint8Array([104, 105, 0, 104]) }))
  assert.match(nul.body, /binary, 4 B$/)
})

test('a huge body yields a short excerpt; only the first KB are read', () => {
  const body = 'word '.repeat(400_000)
  const bytes = enc(body)
  const n = deliveryNotification(delivery({ contentType: 'text/plain', body: bytes }))
  const [first, preview] = n.body.split('\n')
  assert.equal(first, `POST /mycirrus/events · ${formatSize(bytes.length)}`)
  assert.ok(preview!.length <= PREVIEW_MAX)
  assert.ok(preview!.endsWith('…'))
  assert.ok(shown(n).length < 400)
})

test('a cut inside a multi-byte character is still text', () => {
  const body = enc('é'.repeat(3000))
  const n = deliveryNotification(delivery({ contentType: 'text/plain', body }))
  assert.match(n.body.split('\n')[1]!, /^é+…$/)
})

test('secrets in headers, query strings and payload fields never appear', () => {
  const n = deliveryNotification(
    delivery({
      path: '/hook?token=QUERYSECRET',
      headers: [
        ['Authorization', 'Bearer HEADERSECRET'],
        ['X-Hub-Signature-256', 'sha256=SIGSECRET'],
        ['Cookie', 'session=COOKIESECRET'],
        ['X-GitHub-Event', 'push'],
      ],
      body: JSON.stringify({
        type: 'push',
        api_key: 'KEYSECRET',
        password: 'PWSECRET',
        credentials: { token: 'NESTEDSECRET' },
        url: 'https://user:USERINFOSECRET@example.com/cb?sig=URLSECRET',
        note: 'Authorization: Bearer BEARERSECRET123',
      }),
    }),
  )
  const text = shown(n)
  assert.equal(n.title, 'push · /hook')
  for (const secret of ['QUERY', 'HEADER', 'SIG', 'COOKIE', 'KEY', 'PW', 'NESTED', 'USERINFO', 'URL', 'BEARER']) {
    assert.ok(!text.includes(`${secret}SECRET`), `${secret}SECRET leaked: ${text}`)
  }
  assert.match(text, /"api_key":"•••"/)

  const form = safeExcerpt('event=push&client_secret=FORMSECRET&n=1')
  assert.equal(form, 'event=push&client_secret=•••&n=1')
})

test('each failure kind reads plainly and keeps URLs free of queries', () => {
  const base = { message: 'bad signature', path: '/gh', deliveryId: 3 }
  assert.deepEqual(failureNotification({ kind: 'verification', ...base }), {
    title: 'Verification failed',
    body: '/gh: bad signature',
    deliveryId: 3,
    count: 1,
    level: 'failure',
  })
  const fwd = failureNotification({ kind: 'forward', message: 'POST http://localhost:3000/in?key=FWDSECRET answered 503', status: 503, deliveryId: 4 })
  assert.equal(fwd.title, 'Forward answered 503')
  assert.equal(fwd.body, 'POST http://localhost:3000/in?… answered 503')
  assert.equal(failureNotification({ kind: 'forward', message: 'ECONNREFUSED' }).title, 'Forward failed')
  const reg = failureNotification({ kind: 'registration', message: 'GitHub said 401', registrationId: 'r1', registrationName: 'octo/repo' })
  assert.deepEqual(reg, {
    title: 'Registration failed',
    body: 'octo/repo: GitHub said 401',
    deliveryId: null,
    count: 1,
    level: 'failure',
    filter: { registrationId: 'r1' },
  })
  const tunnel = failureNotification({ kind: 'tunnel', message: 'cloudflared exited\nwith code 1' })
  assert.deepEqual([tunnel.title, tunnel.body], ['Tunnel error', 'cloudflared exited with code 1'])
})
