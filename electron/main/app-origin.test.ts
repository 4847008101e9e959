import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { isAppUrl, type AppOrigin } from './app-origin'

const rendererFile = join('/opt', 'Hooktray', 'out', 'renderer', 'index.html')
const built: AppOrigin = { rendererFile, devServerUrl: null }
const dev: AppOrigin = { rendererFile, devServerUrl: 'http://localhost:5173' }
const page = pathToFileURL(rendererFile).href

test('the built renderer page is the app, with or without query and hash', () => {
  assert.equal(isAppUrl(page, built), true)
  assert.equal(isAppUrl(`${page}#/deliveries/3`, built), true)
  assert.equal(isAppUrl(`${page}?x=1`, built), true)
})

test('other file:// documents are not the app', () => {
  assert.equal(isAppUrl(pathToFileURL(join('/opt', 'Hooktray', 'out', 'renderer', 'other.html')).href, built), false)
  assert.equal(isAppUrl(pathToFileURL('/tmp/index.html').href, built), false)
  assert.equal(isAppUrl('file:///opt/Hooktray/out/renderer/../renderer/index.html.evil', built), false)
  assert.equal(isAppUrl('file://remote-host/opt/Hooktray/out/renderer/index.html', built), false)
})

test('the dev server origin counts only in dev', () => {
  assert.equal(isAppUrl('http://localhost:5173/', dev), true)
  assert.equal(isAppUrl('http://localhost:5173/index.html#x', dev), true)
  assert.equal(isAppUrl('http://localhost:5173/', built), false)
  assert.equal(isAppUrl('http://localhost:5174/', dev), false)
  assert.equal(isAppUrl('http://127.0.0.1:5173/', dev), false)
  assert.equal(isAppUrl('https://localhost:5173/', dev), false)
})

test('web pages, blank and broken URLs are not the app', () => {
  for (const url of ['https://example.com/', 'about:blank', 'about:srcdoc', 'data:text/html,hi', 'not a url', '', null, undefined]) {
    assert.equal(isAppUrl(url, dev), false, String(url))
  }
})
