import { join, resolve } from 'node:path'
import { app } from 'electron'
import type { AppOrigin } from './app-origin'

// The bundle lives in out/main/index.js, beside out/preload and out/renderer; the repo (or the
// packaged app) root is two levels up.
const OUT_DIR = resolve(__dirname, '..')
export const APP_ROOT = resolve(OUT_DIR, '..')

export const PRELOAD_FILE = join(OUT_DIR, 'preload', 'index.js')
export const RENDERER_FILE = join(OUT_DIR, 'renderer', 'index.html')

export function resourcesDir(): string {
  return app.isPackaged ? process.resourcesPath : join(APP_ROOT, 'resources')
}

/** What counts as our own page. The dev server is trusted only in an unpackaged app. */
export function appOrigin(): AppOrigin {
  const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null
  return { rendererFile: RENDERER_FILE, devServerUrl }
}
