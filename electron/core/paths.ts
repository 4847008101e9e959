import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where Hooktray keeps its data when no --data-dir is given: the same folder Electron's
 * app.getPath('userData') gives the desktop app (product name "Hooktray"), so both modes
 * see the same deliveries.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.HOOKTRAY_DATA_DIR) return env.HOOKTRAY_DATA_DIR
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Hooktray')
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Hooktray')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Hooktray')
}
