import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isSafeExternalUrl, safeExternalUrl } from './external-links'

test('plain web links are allowed and normalized', () => {
  assert.equal(safeExternalUrl('https://docs.github.com/en/webhooks'), 'https://docs.github.com/en/webhooks')
  assert.equal(safeExternalUrl('http://127.0.0.1:8787/hello?x=1#top'), 'http://127.0.0.1:8787/hello?x=1#top')
  assert.equal(safeExternalUrl('HTTPS://Example.COM'), 'https://example.com/')
  assert.equal(isSafeExternalUrl('https://example.com/a%20b'), true)
})

test('other protocols never reach the OS opener', () => {
  for (const url of [
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'mailto:someone@example.com',
    'ftp://example.com/file',
    'chrome://settings',
    'about:blank',
  ]) {
    assert.equal(isSafeExternalUrl(url), false, url)
  }
})

test('credentials, control characters and whitespace are refused', () => {
  assert.equal(isSafeExternalUrl('https://github.com@evil.example/'), false)
  assert.equal(isSafeExternalUrl('https://user:pass@example.com/'), false)
  assert.equal(isSafeExternalUrl('https://exa\nmple.com/'), false)
  assert.equal(isSafeExternalUrl('java\tscript:alert(1)'), false)
  assert.equal(isSafeExternalUrl(' https://example.com/'), false)
  assert.equal(isSafeExternalUrl('https://example.com/\u0000'), false)
})

test('malformed, relative, empty, huge and non-string input is refused', () => {
  assert.equal(isSafeExternalUrl(''), false)
  assert.equal(isSafeExternalUrl('/relative/path'), false)
  assert.equal(isSafeExternalUrl('example.com'), false)
  assert.equal(isSafeExternalUrl('https://'), false)
  assert.equal(isSafeExternalUrl('http://[::1'), false)
  assert.equal(isSafeExternalUrl(`https://example.com/${'a'.repeat(5000)}`), false)
  assert.equal(isSafeExternalUrl(undefined), false)
  assert.equal(isSafeExternalUrl(null), false)
  assert.equal(isSafeExternalUrl(42), false)
  assert.equal(isSafeExternalUrl({ href: 'https://example.com' }), false)
})
