import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { app } from 'electron'
import { APP_ROOT } from './app-paths'

// node_modules/better-sqlite3 stays built for Node (the tests run there); Electron loads its own
// build of the addon, made by scripts/ensure-electron-native.mjs, through the nativeBinding option.

export const NATIVE_DIR = '.electron-native'
export const NATIVE_FILE = 'better_sqlite3.node'
export const STAMP_FILE = 'stamp.json'

interface Stamp {
  electron?: string
  arch?: string
  platform?: string
}

export function resolveNativeBinding(): string {
  if (app.isPackaged) {
    // The packager copies .electron-native/better_sqlite3.node into resources (extraResources).
    const file = join(process.resourcesPath, NATIVE_FILE)
    if (!existsSync(file)) throw new Error(`This Hooktray package is incomplete: ${file} is missing.`)
    return file
  }
  const dir = join(APP_ROOT, NATIVE_DIR)
  const file = join(dir, NATIVE_FILE)
  if (!existsSync(file)) {
    throw new Error(
      `Electron's build of better-sqlite3 is missing (${file}).\n` +
        'Run `npm start`: it builds the addon for this Electron version once (the first time needs internet) ' +
        'and then starts the app.',
    )
  }
  const stamp = readStamp(join(dir, STAMP_FILE))
  const electron = process.versions.electron
  if (stamp && (stamp.electron !== electron || stamp.arch !== process.arch || stamp.platform !== process.platform)) {
    throw new Error(
      `${file} was built for Electron ${stamp.electron} (${stamp.platform}-${stamp.arch}), ` +
        `but this is Electron ${electron} (${process.platform}-${process.arch}). Run \`npm start\` to rebuild it.`,
    )
  }
  return file
}

function readStamp(file: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stamp
  } catch {
    return null
  }
}
