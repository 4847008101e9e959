import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

// No Electron import: the window is reached through the small interface below, so the whole
// remember-and-restore logic runs under plain Node in tests.

export const WINDOW_STATE_FILE = 'window-state.json'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState extends Rect {
  maximized: boolean
}

/** What restoring and tracking need of a BrowserWindow. */
export interface TrackedWindow {
  getNormalBounds(): Rect
  getMinimumSize(): number[]
  setBounds(bounds: Rect): void
  maximize(): void
  isMaximized(): boolean
  isDestroyed(): boolean
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown
  removeListener(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000

/** The saved state, or null when there is none or it is not ours (a hand-edited or truncated file). */
export function readWindowState(file: string): WindowState | null {
  let value: unknown
  try {
    value = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (!isInt(v.x) || !isInt(v.y) || !isInt(v.width) || !isInt(v.height)) return null
  if (v.width <= 0 || v.height <= 0) return null
  return { x: v.x, y: v.y, width: v.width, height: v.height, maximized: v.maximized === true }
}

export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  // Write then rename: a crash mid-write leaves the old file, never half a file.
  const tmp = `${file}.tmp`
  writeFileSync(tmp, JSON.stringify(state))
  renameSync(tmp, file)
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

/**
 * Where to open the window: the saved bounds when they still land on a screen (a monitor may be
 * gone since), shrunk to fit the screen they are mostly on and never below the minimum size;
 * null to let the OS place a default-sized window.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[], min: { width: number; height: number }): WindowState | null {
  if (!saved || workAreas.length === 0) return null
  let best: Rect | null = null
  let bestArea = 0
  for (const area of workAreas) {
    const o = overlap(saved, area)
    if (o > bestArea) {
      best = area
      bestArea = o
    }
  }
  // Less than a title bar's worth visible is as good as lost.
  if (!best || bestArea < Math.min(saved.width, 100) * Math.min(saved.height, 40)) return null
  const width = Math.max(min.width, Math.min(saved.width, best.width))
  const height = Math.max(min.height, Math.min(saved.height, best.height))
  const x = Math.min(Math.max(saved.x, best.x), best.x + best.width - width)
  const y = Math.min(Math.max(saved.y, best.y), best.y + best.height - height)
  return { x, y, width, height, maximized: saved.maximized }
}

/** Saves the window's bounds as the user moves and resizes it (debounced) and when it closes. Returns the stop. */
export function trackWindowState(win: TrackedWindow, file: string, debounceMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  const save = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
    if (win.isDestroyed()) return
    try {
      // Normal bounds: a maximized window restores to the size it had before.
      writeWindowState(file, { ...win.getNormalBounds(), maximized: win.isMaximized() })
    } catch (err) {
      console.error('[hooktray] could not save the window position:', err)
    }
  }
  const later = (): void => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, debounceMs)
  }
  const events = ['resize', 'move', 'maximize', 'unmaximize'] as const
  for (const e of events) win.on(e, later)
  win.on('close', save)
  return () => {
    if (timer) save()
    for (const e of events) win.removeListener(e, later)
    win.removeListener('close', save)
  }
}

/**
 * Puts a new (still hidden) window where the user last left it, then keeps track. `workAreas`
 * are the screens' usable areas now. Returns the stop.
 */
export function restoreWindowState(win: TrackedWindow, file: string, workAreas: readonly Rect[]): () => void {
  const [minWidth = 0, minHeight = 0] = win.getMinimumSize()
  const placed = placeWindow(readWindowState(file), workAreas, { width: minWidth, height: minHeight })
  if (placed) {
    win.setBounds({ x: placed.x, y: placed.y, width: placed.width, height: placed.height })
    if (placed.maximized) win.maximize()
  }
  return trackWindowState(win, file)
}
