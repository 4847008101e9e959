// The replay slice against the real core (SQLite in a temp dir, real receiver and a real target),
// joined the way the Electron shell joins them: methods from core.api, events from core.events.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { HooktrayEvent } from '../../../shared/contract'
import { createCore, type Core } from '../../../electron/core/core'
import { startTarget, type Target } from '../../../electron/core/replay/test-helpers'
import { json, request, tempDir } from '../../../tests/helpers/http'
import { createAppStore, type AppStore } from './store'
import { coreClient } from './core-client.test-helper'

let core: Core
let store: AppStore
let target: Target
let cleanup: () => void
const pending: HooktrayEvent[] = []

before(async () => {
  const tmp = tempDir('hooktray-replay-slice-')
  cleanup = tmp.cleanup
  core = await createCore({ dataDir: tmp.dir })
  target = await startTarget()
  const client = coreClient(core)
  client.onEvent((e) => pending.push(e))
  store = createAppStore(client)
  await store.getState().init()
})

after(async () => {
  await core.close()
  await target.close()
  cleanup()
})

/** What live.ts does once per frame. */
function flush(): void {
  const events = pending.splice(0)
  store.getState().applyEvents(events)
  store.getState().applyReplayEvents(events)
}

async function capture(path: string, body: string): Promise<number> {
  return json<{ id: number }>(await request(`${core.receiver.url}${path}`, { method: 'POST', body })).id
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) {
    await new Promise((r) => setTimeout(r, 10))
    flush()
  }
  assert.ok(check(), 'condition not reached')
}

test('a replay shows up in the open delivery, newest first, opened; others arrive live', async () => {
  const id = await capture('/one', '{"a":1}')
  flush()
  store.getState().select(id)
  await store.getState().loadAttempts(id)
  assert.deepEqual(store.getState().attempts?.items, [])

  const first = await store.getState().replay(id, { target: target.url, edits: { body: '{"a":2}' } })
  assert.equal(target.seen[0]!.body.toString(), '{"a":2}')
  assert.equal(store.getState().openAttemptId, first.id)
  assert.deepEqual(store.getState().attempts?.items.map((a) => a.id), [first.id])

  // Made elsewhere (the CLI, another window): arrives as an event.
  const second = await core.api.replayDelivery({ id, target: target.url })
  flush()
  assert.deepEqual(store.getState().attempts?.items.map((a) => a.id), [second.id, first.id])
  const body = await store.getState().fetchAttemptBody(second.id)
  assert.equal(new TextDecoder().decode(body), 'ok')

  // An attempt for another delivery does not land in this one's list.
  const other = await capture('/other', 'x')
  await core.api.replayDelivery({ id: other, target: target.url })
  flush()
  assert.equal(store.getState().attempts?.items.length, 2)

  await assert.rejects(store.getState().replay(id, { target: 'nope' }), /absolute http\(s\) URL/)
})

test('live forwards update the list row; forwarding settings follow events; a loop is refused', async () => {
  await store.getState().loadForwarding()
  assert.deepEqual(store.getState().forwarding, { target: null, enabled: false, respond: 'immediately' })
  await assert.rejects(store.getState().saveForwarding({ target: core.receiver.url, enabled: true }), /would loop/)
  await core.api.setForwarding({ target: target.url, enabled: true })
  flush()
  assert.deepEqual(store.getState().forwarding, { target: target.url, enabled: true, respond: 'immediately' })

  const id = await capture('/live', 'forward me')
  await until(() => store.getState().items.find((d) => d.id === id)?.lastForward?.status === 200)
  await store.getState().saveForwarding({ enabled: false })
  assert.equal(store.getState().forwarding?.enabled, false)
})

test('click, shift-click and ctrl-click pick rows; the bulk job reports progress to the end', async () => {
  for (let i = 0; i < 5; i++) await capture('/bulk', `{"n":${i}}`)
  flush()
  const ids = store.getState().items.map((d) => d.id) // newest first
  const s = () => store.getState()
  s().clickRow(ids[0]!, { shift: false, toggle: false })
  assert.deepEqual([...s().picked], [ids[0]])
  s().clickRow(ids[3]!, { shift: true, toggle: false })
  assert.deepEqual([...s().picked], ids.slice(0, 4))
  assert.equal(s().selectedId, ids[3])
  s().clickRow(ids[1]!, { shift: false, toggle: true })
  assert.deepEqual([...s().picked].sort(), [ids[0], ids[2], ids[3]].sort())
  s().pickAll()
  assert.equal(s().picked.size, ids.length)
  s().clearPicked()
  assert.equal(s().picked.size, 1)

  // Arrow keys moved the shown row: a ctrl-click then starts from it, not from the old click.
  s().clickRow(ids[0]!, { shift: false, toggle: false })
  s().moveSelection(1)
  s().clickRow(ids[4]!, { shift: false, toggle: true })
  assert.deepEqual([...s().picked].sort(), [ids[1], ids[4]].sort())

  s().clickRow(ids[4]!, { shift: false, toggle: false })
  s().clickRow(ids[0]!, { shift: true, toggle: false })
  const seenBefore = target.seen.length
  await s().startJob(target.url, 1)
  await until(() => s().job?.state === 'done')
  assert.deepEqual({ ...s().job, id: '' }, { id: '', state: 'done', target: target.url, total: 5, done: 5, ok: 5, failed: 0 })
  const sent = target.seen.slice(seenBefore).map((x) => x.body.toString())
  assert.deepEqual(sent, [0, 1, 2, 3, 4].map((n) => `{"n":${n}}`))

  await s().startJob('ftp://nope', 1)
  assert.match(s().jobError ?? '', /absolute http\(s\) URL/)
  s().dismissJob()
  assert.equal(s().job, null)
})

test('select all picks the whole filter, not only the loaded page', async () => {
  const many: number[] = []
  for (let i = 0; i < 130; i++) many.push(await capture(`/many/${i}`, '{}'))
  await capture('/other', '{}')
  store.setState({ listFilter: { pathPrefix: '/many/' } })
  await store.getState().init()
  const s = () => store.getState()
  assert.equal(s().items.length, 100, 'one page is loaded')
  assert.notEqual(s().nextBefore, null)
  await s().pickAll()
  assert.deepEqual([...s().picked].sort((a, b) => a - b), many, 'all 130 under /many/, nothing else')
  assert.equal(s().jobError, null)
  // Without a filter: everything stored.
  store.setState({ listFilter: null })
  await s().init()
  await s().pickAll()
  assert.equal(s().picked.size, (await core.api.getStatus({})).deliveryCount)
  s().clearPicked()
  // The filter changes while the ids are on their way: the old filter's ids are not picked.
  store.setState({ listFilter: null })
  await s().init()
  const picking = s().pickAll()
  s().openFilter({ pathPrefix: '/other' })
  await picking
  assert.equal(s().picked.size, 0, 'a new filter starts with nothing picked')
})

test('clearing deliveries empties attempts and picks', async () => {
  await store.getState().clearAll()
  flush()
  assert.equal(store.getState().attempts, null)
  assert.equal(store.getState().picked.size, 0)
})
