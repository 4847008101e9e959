import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

// Start at login. macOS and Windows have it built in (app.setLoginItemSettings, used by the
// shell); Linux desktops follow the XDG autostart spec, which is a .desktop file, written here.
// No Electron import, so this is tested under plain Node.

export type LoginItemKind = 'native' | 'xdg' | null

/**
 * How this install can start at login; null where it cannot (an unpackaged dev run would
 * register the bare Electron binary, which starts nothing useful).
 */
export function loginItemKind(platform: NodeJS.Platform, isPackaged: boolean): LoginItemKind {
  if (!isPackaged) return null
  if (platform === 'darwin' || platform === 'win32') return 'native'
  if (platform === 'linux') return 'xdg'
  return null
}

export function autostartFile(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config')
  return join(configHome, 'autostart', 'hooktray.desktop')
}

/** Quotes an Exec argument per the Desktop Entry spec. */
function quoteExec(arg: string): string {
  if (/^[A-Za-z0-9_./-]+$/.test(arg)) return arg
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`
}

/** The autostart entry. `exec` is the AppImage (APPIMAGE) or the installed binary. */
export function autostartEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Hooktray',
    'Comment=Capture, inspect and replay webhooks',
    `Exec=${quoteExec(exec)}`,
    'Icon=hooktray',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

export function xdgAutostartEnabled(file = autostartFile()): boolean {
  return existsSync(file)
}

export function setXdgAutostart(enabled: boolean, exec: string, file = autostartFile()): void {
  if (!enabled) {
    rmSync(file, { force: true })
    return
  }
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, autostartEntry(exec))
}
