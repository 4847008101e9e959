// The store against the real core (SQLite in a temp dir, real receiver socket), joined by the same
// in-process binding the Electron shell uses: methods from core.api, events from core.events.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { HooktrayEvent } from '../../../shared/contract'
import { createCore, type Core } from '../../../electron/core/core'
import { request, tempDir } from '../../../tests/helpers/http'
import { PAGE_SIZE } from './deliveries-slice'
import { createAppStore, type AppStore } from './store'
import { coreClient } from './core-client.test-helper'

let core: Core
let store: AppStore
let cleanup: () => void
const pending: HooktrayEvent[] = []

before(async () => {
  const tmp = tempDir('hooktray-renderer-store-')
  cleanup = tmp.cleanup
  core = await createCore({ dataDir: tmp.dir })
  const client = coreClient(core)
  client.onEvent((e) => pending.push(e))
  store = createAppStore(client)
  await store.getState().init()
})

after(async () => {
  await core.close()
  cleanup()
})

/** What live.ts does once per frame. */
function flush(): void {
  store.getState().applyEvents(pending.splice(0))
}

const send = (path: string, body = '{"ok":true}') =>
  request(`${core.receiver.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })

test('starts empty with the receiver status', () => {
  const s = store.getState()
  assert.equal(s.loaded, true)
  assert.deepEqual(s.items, [])
  assert.equal(s.status?.receiver.url, core.receiver.url)
})

test('live deliveries arrive newest first and open with headers and body', async () => {
  await send('/one?x=1')
  await send('/two')
  flush()
  const s = store.getState()
  assert.deepEqual(
    s.items.map((d) => d.path),
    ['/two', '/one'],
  )
  assert.equal(s.total, 2)
  s.select(s.items[1]!.id)
  await store.getState().loadDetail(s.items[1]!.id)
  const detail = store.getState().detail
  assert.equal(detail?.delivery?.query, 'x=1')
  assert.equal(new TextDecoder().decode(detail?.body ?? new Uint8Array()), '{"ok":true}')
})

test('pages load older deliveries with the keyset cursor', async () => {
  for (let i = 0; i < PAGE_SIZE + 20; i++) await send(`/bulk/${i}`)
  flush()
  const fresh = createAppStore({
    ...core.api,
    transport: 'ipc',
    onEvent: () => () => {},
    onConnection: () => () => {},
  })
  await fresh.getState().init()
  assert.equal(fresh.getState().items.length, PAGE_SIZE)
  assert.notEqual(fresh.getState().nextBefore, null)
  await fresh.getState().loadMore()
  await fresh.getState().loadMore()
  const ids = fresh.getState().items.map((d) => d.id)
  assert.equal(ids.length, PAGE_SIZE + 22)
  assert.equal(fresh.getState().nextBefore, null)
  assert.ok(ids.every((id, i) => i === 0 || ids[i - 1]! > id), 'newest first, no duplicates')
})

test('a reconnect after missed events catches up from the first page', async () => {
  await send('/missed-1')
  await send('/missed-2')
  pending.length = 0 // lost while the event stream was down
  await store.getState().setConnection('reconnecting')
  await store.getState().setConnection('open')
  const paths = store.getState().items.map((d) => d.path)
  assert.deepEqual(paths.slice(0, 3), ['/missed-2', '/missed-1', `/bulk/${PAGE_SIZE + 19}`])
  assert.equal(paths.length, PAGE_SIZE + 24, 'kept what was already loaded')
})

test('a gap longer than a page replaces the list instead of leaving a hole', async () => {
  for (let i = 0; i < PAGE_SIZE + 5; i++) await send(`/gap/${i}`)
  pending.length = 0
  await store.getState().setConnection('reconnecting')
  await store.getState().setConnection('open')
  const ids = store.getState().items.map((d) => d.id)
  assert.equal(ids.length, PAGE_SIZE)
  assert.ok(ids.every((id, i) => i === 0 || ids[i - 1] === id + 1), 'contiguous, newest first')
  assert.equal(store.getState().nextBefore, String(ids[ids.length - 1]))
})

test('keyboard moves clamp to the list', () => {
  const s = store.getState()
  s.select(null)
  assert.equal(s.moveSelection(1), 0)
  assert.equal(store.getState().selectedId, store.getState().items[0]!.id)
  assert.equal(store.getState().moveSelection(-5), 0)
})

test('clear empties the list, the selection and the detail', async () => {
  await store.getState().clearAll()
  flush()
  const s = store.getState()
  assert.deepEqual(s.items, [])
  assert.equal(s.selectedId, null)
  assert.equal(s.detail, null)
  assert.equal(s.total, 0)
  assert.equal((await core.api.listDeliveries({})).items.length, 0)
})
