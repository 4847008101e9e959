import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { install as packageInstall } from 'cloudflared'
import { CLOUDFLARED_DOWNLOADS_URL } from './find-binary'

export interface InstallProgress {
  phase: 'downloading' | 'verifying' | 'done'
  /** 0…1 when the size is known; null = indeterminate (the package's download does not say). */
  fraction: number | null
  bytes: number
}

export interface InstallOptions {
  /** Destination file, e.g. <dataDir>/bin/cloudflared (see installedBinPath). */
  to: string
  onProgress?: (progress: InstallProgress) => void
  /** Gives up after this long (default 3 min); the package's own download has no timeout. */
  timeoutMs?: number
  /** cloudflared release, e.g. '2025.8.1'; default 'latest'. */
  version?: string
  /** The download; the cloudflared package's `install` unless a test passes another. */
  installer?: (to: string, version?: string) => Promise<string>
  pollMs?: number
}

export class CloudflaredInstallError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CloudflaredInstallError'
  }
}

/** Where the in-app installer puts the binary inside the app's data folder. */
export function installedBinPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  return join(dataDir, 'bin', platform === 'win32' ? 'cloudflared.exe' : 'cloudflared')
}

/**
 * Downloads cloudflared from its GitHub releases through the cloudflared package, checks that it
 * runs (`--version`), and only then moves it to `to`, so a failed or partial download never leaves
 * a file the lookup would pick up. Rejects with CloudflaredInstallError carrying a message for the user.
 */
export async function installCloudflared(options: InstallOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 180_000
  const installer = options.installer ?? packageInstall
  const report = options.onProgress ?? (() => {})
  // Windows runs only .exe files, and the partial file must pass `--version` before the rename.
  const partial = /\.exe$/i.test(options.to) ? options.to.replace(/\.exe$/i, '.download.exe') : `${options.to}.download`
  mkdirSync(dirname(options.to), { recursive: true })
  cleanup(partial)

  let bytes = 0
  report({ phase: 'downloading', fraction: null, bytes })
  const poll = setInterval(() => {
    const size = sizeOf(partial) ?? sizeOf(`${partial}.tgz`) ?? 0
    if (size !== bytes) report({ phase: 'downloading', fraction: null, bytes: (bytes = size) })
  }, options.pollMs ?? 250)
  let timer: NodeJS.Timeout | null = null
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new CloudflaredInstallError(
          `Downloading cloudflared timed out after ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}. ` +
            `Check the internet connection, or install it yourself: ${CLOUDFLARED_DOWNLOADS_URL}`,
        )),
        timeoutMs,
      )
    })
    await Promise.race([installer(partial, options.version), timeout])
  } catch (err) {
    cleanup(partial)
    throw err instanceof CloudflaredInstallError ? err : new CloudflaredInstallError(explain(err))
  } finally {
    clearInterval(poll)
    if (timer) clearTimeout(timer)
  }

  bytes = sizeOf(partial) ?? 0
  report({ phase: 'verifying', fraction: 1, bytes })
  const check = spawnSync(partial, ['--version'], { encoding: 'utf8', timeout: 15_000 })
  if (check.error || check.status !== 0 || !/cloudflared version/i.test(`${check.stdout}${check.stderr}`)) {
    cleanup(partial)
    const why = check.error?.message ?? (`${check.stderr}`.trim() || `exit code ${check.status}`)
    throw new CloudflaredInstallError(`The downloaded cloudflared does not run (${why}). Install it yourself: ${CLOUDFLARED_DOWNLOADS_URL}`)
  }
  renameSync(partial, options.to)
  report({ phase: 'done', fraction: 1, bytes })
  return options.to
}

function explain(err: unknown): string {
  const e = err as NodeJS.ErrnoException
  const detail = e?.message ?? String(err)
  const offline = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH']
  if (e?.code && offline.includes(e.code)) {
    return `Could not download cloudflared from GitHub (${detail}). Check the internet connection, or install it yourself: ${CLOUDFLARED_DOWNLOADS_URL}`
  }
  if (/Unsupported (platform|architecture)/.test(detail)) {
    return `cloudflared has no download for this system (${detail}). Install it yourself: ${CLOUDFLARED_DOWNLOADS_URL}`
  }
  return `Installing cloudflared failed: ${detail}. Install it yourself: ${CLOUDFLARED_DOWNLOADS_URL}`
}

function sizeOf(path: string): number | null {
  try {
    return statSync(path).size
  } catch {
    return null
  }
}

function cleanup(partial: string) {
  for (const path of [partial, `${partial}.tgz`]) if (existsSync(path)) rmSync(path, { force: true })
}
