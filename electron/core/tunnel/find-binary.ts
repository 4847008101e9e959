import { accessSync, constants, realpathSync, statSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { DEFAULT_CLOUDFLARED_BIN } from 'cloudflared'

export const CLOUDFLARED_DOWNLOADS_URL =
  'https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/'

export const CLOUDFLARED_INSTALL_HINT =
  `Install it (${CLOUDFLARED_DOWNLOADS_URL}), set CLOUDFLARED_BIN, pass --cloudflared-bin, or use the in-app installer`

/** Where a binary was found, in the order they are tried. */
export type BinarySource = 'setting' | 'env' | 'package' | 'installed' | 'path'

export interface BinaryLookupOptions {
  /** The explicit setting (config.binPath / --cloudflared-bin); tried first. */
  binPath?: string | null
  /** Environment to read CLOUDFLARED_BIN and PATH from; defaults to process.env. */
  env?: NodeJS.ProcessEnv
  /** The cloudflared package's own binary (node_modules/cloudflared/bin/cloudflared). */
  packageBin?: string | null
  /** Where the in-app installer puts the binary, if the app has one. */
  installedBin?: string | null
  platform?: NodeJS.Platform
  /** Whether a path is a runnable binary; injectable so the order can be tested without files. */
  isExecutable?: (path: string) => boolean
}

export interface BinaryCandidate {
  source: BinarySource
  path: string
}

export type BinaryLookup =
  | { ok: true; path: string; source: BinarySource }
  | { ok: false; message: string; tried: BinaryCandidate[] }

/** A regular, non-empty file we may execute. Empty files are what an interrupted download leaves. */
export function isExecutableFile(path: string, platform: NodeJS.Platform = process.platform): boolean {
  try {
    const stat = statSync(path)
    if (!stat.isFile() || stat.size === 0) return false
    if (platform !== 'win32') accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * `npx`/`npm run` put node_modules/.bin on PATH, and there `cloudflared` is the npm package's
 * JavaScript CLI (lib/cloudflared.js), not the tunnel binary: running it as one just exits 0.
 */
export function isNpmWrapper(path: string): boolean {
  try {
    return realpathSync(path).endsWith('.js')
  } catch {
    return false
  }
}

/** The candidates in lookup order: setting, CLOUDFLARED_BIN, the package's bin, the installer's, PATH. */
export function cloudflaredCandidates(options: BinaryLookupOptions = {}): BinaryCandidate[] {
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  const out: BinaryCandidate[] = []
  const add = (source: BinarySource, path: string | null | undefined) => {
    const text = path?.trim()
    if (text) out.push({ source, path: isAbsolute(text) ? text : resolve(text) })
  }
  add('setting', options.binPath)
  add('env', env.CLOUDFLARED_BIN)
  add('package', options.packageBin === undefined ? DEFAULT_CLOUDFLARED_BIN : options.packageBin)
  add('installed', options.installedBin)
  // Only the .exe on Windows: Node refuses to spawn .cmd/.bat shims without a shell.
  const names = platform === 'win32' ? ['cloudflared.exe'] : ['cloudflared']
  const pathVar = env.PATH ?? env.Path ?? ''
  const sep = platform === 'win32' ? ';' : ':'
  for (const dir of pathVar.split(sep)) {
    if (!dir) continue
    for (const name of names) out.push({ source: 'path', path: join(dir, name) })
  }
  return out
}

/** Finds the cloudflared binary, or says how to get one. Reads the file system, spawns nothing. */
export function findCloudflared(options: BinaryLookupOptions = {}): BinaryLookup {
  const platform = options.platform ?? process.platform
  const runnable = options.isExecutable ?? ((path: string) => isExecutableFile(path, platform))
  const tried = cloudflaredCandidates(options)
  for (const candidate of tried) {
    if (candidate.source === 'path' && isNpmWrapper(candidate.path)) continue
    if (runnable(candidate.path)) return { ok: true, path: candidate.path, source: candidate.source }
  }
  const named = tried.filter((c) => c.source !== 'path' && c.source !== 'package')
  const detail = named.length ? ` (not runnable: ${named.map((c) => `${c.path} from ${describe(c.source)}`).join(', ')})` : ''
  return { ok: false, message: `cloudflared not found${detail}. ${CLOUDFLARED_INSTALL_HINT}.`, tried }
}

function describe(source: BinarySource): string {
  switch (source) {
    case 'setting':
      return 'the settings'
    case 'env':
      return 'CLOUDFLARED_BIN'
    case 'installed':
      return 'the in-app installer'
    default:
      return source
  }
}
