import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** How other `hooktray` commands find the running instance: its API port and token. */
export interface RuntimeInfo {
  pid: number
  apiUrl: string
  token: string
  receiverUrl: string
}

export const RUNTIME_FILE = 'runtime.json'

export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): string {
  const file = join(dataDir, RUNTIME_FILE)
  // A fresh file created 0600 (a umask only takes bits away) renamed into place: the token is
  // never in a file others could read, not even for a moment.
  const temp = `${file}.${process.pid}.tmp`
  rmSync(temp, { force: true })
  writeFileSync(temp, JSON.stringify(info, null, 2), { mode: 0o600, flag: 'wx' })
  renameSync(temp, file)
  return file
}

export function readRuntimeFile(dataDir: string): RuntimeInfo | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, RUNTIME_FILE), 'utf8')) as RuntimeInfo
  } catch {
    return null
  }
}

export function removeRuntimeFile(dataDir: string): void {
  rmSync(join(dataDir, RUNTIME_FILE), { force: true })
}
