import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { tempDir } from '../../tests/helpers/http'
import { autostartEntry, loginItemKind, setXdgAutostart, xdgAutostartEnabled } from './login-item'
import { placeWindow, readWindowState, restoreWindowState, trackWindowState, writeWindowState, type Rect } from './window-state'

const MIN = { width: 720, height: 480 }
const laptop: Rect = { x: 0, y: 0, width: 1440, height: 900 }
const monitor: Rect = { x: 1440, y: 0, width: 2560, height: 1440 }

test('saved bounds come back where they were, on whichever screen', () => {
  const onMonitor = { x: 1600, y: 100, width: 1200, height: 800, maximized: false }
  assert.deepEqual(placeWindow(onMonitor, [laptop, monitor], MIN), onMonitor)
  assert.deepEqual(placeWindow({ ...onMonitor, maximized: true }, [laptop, monitor], MIN)?.maximized, true)
})

test('a window saved on a screen that is gone opens by default; one hanging off the edge is pulled in', () => {
  assert.equal(placeWindow({ x: 1600, y: 100, width: 1200, height: 800, maximized: false }, [laptop], MIN), null)
  assert.equal(placeWindow(null, [laptop], MIN), null)
  assert.deepEqual(placeWindow({ x: 1000, y: -20, width: 2000, height: 300, maximized: false }, [laptop], MIN), {
    x: 0,
    y: 0,
    width: 1440,
    height: 480,
    maximized: false,
  })
})

test('the state file: written atomically, read back, and anything odd in it ignored', () => {
  const dir = tempDir('hooktray-window-state-')
  try {
    const file = join(dir.dir, 'nested', 'window-state.json')
    assert.equal(readWindowState(file), null)
    writeWindowState(file, { x: 10, y: 20, width: 800, height: 600, maximized: true })
    assert.deepEqual(readWindowState(file), { x: 10, y: 20, width: 800, height: 600, maximized: true })
    for (const bad of ['{', 'null', '[]', '{"x":1,"y":2,"width":-5,"height":3}', '{"x":"1","y":2,"width":5,"height":3}', '{"x":1e9,"y":2,"width":5,"height":3}']) {
      writeFileSync(file, bad)
      assert.equal(readWindowState(file), null, bad)
    }
  } finally {
    dir.cleanup()
  }
})

class FakeWindow extends EventEmitter {
  bounds: Rect = { x: 5, y: 6, width: 900, height: 700 }
  maximized = false
  getNormalBounds = (): Rect => ({ ...this.bounds })
  isMaximized = (): boolean => this.maximized
  isDestroyed = (): boolean => false
  getMinimumSize = (): number[] => [MIN.width, MIN.height]
  setBounds = (r: Rect): void => void (this.bounds = { ...r })
  maximize = (): void => void (this.maximized = true)
}

test('moving and resizing are saved once after they settle, and on close', async () => {
  const dir = tempDir('hooktray-window-track-')
  try {
    const file = join(dir.dir, 'window-state.json')
    const win = new FakeWindow()
    const stop = trackWindowState(win, file, 20)
    win.bounds = { x: 50, y: 60, width: 1000, height: 750 }
    win.emit('move')
    win.emit('resize')
    assert.equal(readWindowState(file), null, 'debounced')
    await new Promise((r) => setTimeout(r, 60))
    assert.deepEqual(readWindowState(file), { ...win.bounds, maximized: false })
    win.maximized = true
    win.emit('close')
    assert.equal(readWindowState(file)?.maximized, true)
    stop()
    assert.equal(win.listenerCount('resize') + win.listenerCount('close'), 0)
  } finally {
    dir.cleanup()
  }
})

test('a new window is restored to the saved place, maximized again if it was', () => {
  const dir = tempDir('hooktray-window-restore-')
  try {
    const file = join(dir.dir, 'window-state.json')
    const fresh = new FakeWindow()
    restoreWindowState(fresh, file, [laptop])()
    assert.deepEqual(fresh.bounds, { x: 5, y: 6, width: 900, height: 700 }, 'nothing saved: left as created')
    writeWindowState(file, { x: 1500, y: 40, width: 1300, height: 900, maximized: true })
    const win = new FakeWindow()
    const stop = restoreWindowState(win, file, [laptop, monitor])
    assert.deepEqual([win.bounds, win.maximized], [{ x: 1500, y: 40, width: 1300, height: 900 }, true])
    stop()
  } finally {
    dir.cleanup()
  }
})

test('start at login: native on macOS/Windows, an XDG autostart entry on Linux, nothing in a dev run', () => {
  assert.equal(loginItemKind('darwin', true), 'native')
  assert.equal(loginItemKind('win32', true), 'native')
  assert.equal(loginItemKind('linux', true), 'xdg')
  assert.equal(loginItemKind('linux', false), null)
  assert.match(autostartEntry('/opt/Hooktray/hooktray'), /^\[Desktop Entry\]\nType=Application\nName=Hooktray\n.*Exec=\/opt\/Hooktray\/hooktray\n/s)
  assert.match(autostartEntry('/home/a b/Hooktray "x".AppImage'), /\nExec="\/home\/a b\/Hooktray \\"x\\".AppImage"\n/)
  const dir = tempDir('hooktray-autostart-')
  try {
    const file = join(dir.dir, 'autostart', 'hooktray.desktop')
    assert.equal(xdgAutostartEnabled(file), false)
    setXdgAutostart(true, '/opt/Hooktray/hooktray', file)
    assert.equal(xdgAutostartEnabled(file), true)
    assert.match(readFileSync(file, 'utf8'), /Exec=\/opt\/Hooktray\/hooktray/)
    setXdgAutostart(false, '/opt/Hooktray/hooktray', file)
    assert.equal(xdgAutostartEnabled(file), false)
  } finally {
    dir.cleanup()
  }
})
