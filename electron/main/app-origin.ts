import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

// Pure (no Electron): decides whether a frame URL is Hooktray's own renderer. IPC, navigation and
// permissions all trust exactly this, so it is tested on its own.

export interface AppOrigin {
  /** Absolute path of the built renderer's index.html (loaded with file://). */
  rendererFile: string
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); null in a built or packaged app. */
  devServerUrl: string | null
}

export function isAppUrl(url: string | null | undefined, origin: AppOrigin): boolean {
  if (!url) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'file:') {
    // Only the one page: any other file:// document (a dropped file, a saved body) gets nothing.
    if (parsed.host !== '') return false
    try {
      return resolve(fileURLToPath(parsed)) === resolve(origin.rendererFile)
    } catch {
      return false
    }
  }
  if (origin.devServerUrl && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
    try {
      return parsed.origin === new URL(origin.devServerUrl).origin
    } catch {
      return false
    }
  }
  return false
}
