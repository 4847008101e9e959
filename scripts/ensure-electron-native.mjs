// Run by `npm start` before electron-vite dev. Makes sure the desktop app can run:
//   1. the Electron binary is installed (it is skipped by ELECTRON_SKIP_BINARY_DOWNLOAD, as in CI);
//   2. .electron-native/better_sqlite3.node is better-sqlite3 built for this Electron's ABI.
// node_modules/better-sqlite3 keeps its Node build (the tests run under Node): the Electron build
// is made in a temporary copy and the main process loads it through the `nativeBinding` option.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT_DIR = join(ROOT, '.electron-native')
const OUT_FILE = join(OUT_DIR, 'better_sqlite3.node')
const STAMP_FILE = join(OUT_DIR, 'stamp.json')
const SQLITE_DIR = join(ROOT, 'node_modules', 'better-sqlite3')
const require = createRequire(join(ROOT, 'package.json'))

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))
const electronVersion = readJson(join(ROOT, 'node_modules', 'electron', 'package.json')).version
const sqliteVersion = readJson(join(SQLITE_DIR, 'package.json')).version
const arch = process.env.npm_config_arch || process.arch
const wanted = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch }

const say = (line = '') => console.log(`[ensure-electron-native] ${line}`)
const problems = []

// --- 1. The Electron binary -------------------------------------------------------------------

function electronBinary() {
  try {
    const path = require('electron') // the electron package exports its executable's path
    return existsSync(path) ? { path } : { missing: path }
  } catch (err) {
    return { missing: null, reason: err.message }
  }
}

const binary = electronBinary()
if (binary.path) {
  say(`Electron ${electronVersion} binary: ${relative(ROOT, binary.path)}`)
} else {
  const major = Number(electronVersion.split('.')[0])
  problems.push(
    [
      `The Electron ${electronVersion} binary is not installed${binary.missing ? ` (${binary.missing} is missing)` : ''}.`,
      'It is normally downloaded when the electron package is installed, unless ELECTRON_SKIP_BINARY_DOWNLOAD is set',
      '(CI sets it: there is no internet there). To get it, with internet access:',
      major >= 42
        ? '    npx electron --version      (Electron 42+ downloads its binary on first use; or `npx install-electron`)'
        : `    ELECTRON_SKIP_BINARY_DOWNLOAD= node node_modules/electron/install.js\n` +
          '    (Windows PowerShell: Remove-Item Env:ELECTRON_SKIP_BINARY_DOWNLOAD; node node_modules/electron/install.js)',
    ].join('\n'),
  )
}

// --- 2. better-sqlite3 for Electron -----------------------------------------------------------

function upToDate() {
  if (!existsSync(OUT_FILE) || !existsSync(STAMP_FILE)) return false
  try {
    const stamp = readJson(STAMP_FILE)
    return Object.entries(wanted).every(([key, value]) => stamp[key] === value)
  } catch {
    return false
  }
}

/**
 * npm passes its config to scripts as npm_config_* variables. Some would silently redirect the
 * build: `nodedir` makes node-gyp compile against Node's headers instead of Electron's, and a
 * stray `target`/`runtime`/`disturl` overrides ours. The flags below say everything explicitly.
 */
function buildEnv() {
  const env = { ...process.env }
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source)$/i.test(key)) {
      delete env[key]
    }
  }
  return env
}

function run(label, command, args, cwd, timeoutMs) {
  const shown = [command === process.execPath ? 'node' : command, ...args].join(' ')
  say(`${label}: ${shown}`)
  const result = spawnSync(command, args, { cwd, env: buildEnv(), stdio: 'inherit', timeout: timeoutMs })
  if (result.error) say(`${label} could not run: ${result.error.message}`)
  return result.status === 0
}

/** node-gyp: npm tells scripts where its bundled copy lives; otherwise look beside npm or on PATH. */
function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    process.env.npm_execpath && join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ]
  const found = candidates.find((c) => c && existsSync(c))
  return found ? [process.execPath, [found]] : ['node-gyp', []]
}

function buildNative() {
  const work = mkdtempSync(join(tmpdir(), 'hooktray-electron-sqlite-'))
  try {
    const pkg = join(work, 'better-sqlite3')
    // Sources only: the Node build in node_modules/better-sqlite3/build is neither copied nor touched.
    cpSync(SQLITE_DIR, pkg, {
      recursive: true,
      filter: (src) => src !== join(SQLITE_DIR, 'build') && !src.startsWith(join(SQLITE_DIR, 'build') + sep),
    })
    const built = join(pkg, 'build', 'Release', 'better_sqlite3.node')
    const target = [`--target=${electronVersion}`, `--arch=${arch}`]

    const prebuild = join(ROOT, 'node_modules', 'prebuild-install', 'bin.js')
    let how = null
    if (existsSync(prebuild)) {
      // better-sqlite3 publishes Electron prebuilds on its GitHub releases.
      const ok = run('download prebuild', process.execPath, [prebuild, '--runtime=electron', ...target, `--platform=${process.platform}`, '--verbose'], pkg, 5 * 60_000)
      if (ok && existsSync(built)) how = 'prebuild-install'
    } else {
      say('node_modules/prebuild-install is missing; compiling instead')
    }
    if (!how) {
      const [cmd, pre] = findNodeGyp()
      const ok = run(
        'compile with node-gyp',
        cmd,
        [...pre, 'rebuild', '--release', '--runtime=electron', ...target, '--dist-url=https://electronjs.org/headers'],
        pkg,
        20 * 60_000,
      )
      if (ok && existsSync(built)) how = 'node-gyp'
    }
    if (!how) return false

    mkdirSync(OUT_DIR, { recursive: true })
    const partial = `${OUT_FILE}.partial`
    cpSync(built, partial)
    renameSync(partial, OUT_FILE)
    writeFileSync(STAMP_FILE, `${JSON.stringify({ ...wanted, builtWith: how, builtAt: new Date().toISOString() }, null, 2)}\n`)
    say(`wrote ${relative(ROOT, OUT_FILE)} (${how})`)
    return true
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** With the binary present, prove the addon loads in Electron's own Node before declaring success. */
function loadsInElectron() {
  if (!binary.path) return true
  const probe = spawnSync(binary.path, ['-e', `require(${JSON.stringify(OUT_FILE)})`], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (probe.status === 0) return true
  say(`the built addon does not load in Electron ${electronVersion}:\n${probe.stderr || probe.error?.message || ''}`)
  return false
}

if (upToDate()) {
  say(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${arch}): up to date`)
} else {
  say(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${arch}), once per version`)
  if (!buildNative() || !loadsInElectron()) {
    rmSync(STAMP_FILE, { force: true })
    problems.push(
      [
        `Could not get better-sqlite3 ${sqliteVersion} built for Electron ${electronVersion} (${process.platform}-${arch}).`,
        'Hooktray tried, in a temporary copy (node_modules/better-sqlite3 is left as is, built for Node):',
        '  1. downloading the prebuilt addon from better-sqlite3\'s GitHub releases (prebuild-install), then',
        '  2. compiling it with node-gyp against Electron\'s headers from https://electronjs.org/headers.',
        'Both need internet access (2. also needs a C++ toolchain: python3, make, g++ / Xcode / MSVC).',
        'Connect and run `npm start` again. Headless mode (`npx hooktray serve`) and the tests do not need this.',
      ].join('\n'),
    )
  }
}

if (problems.length > 0) {
  console.error(`\nHooktray cannot start the desktop app yet:\n\n${problems.join('\n\n')}\n`)
  process.exit(1)
}
