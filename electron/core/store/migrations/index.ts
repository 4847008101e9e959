import m001 from './001-deliveries'
import m002 from './002-settings'
import m003 from './003-providers'
import m004 from './004-attempts'

export interface Migration {
  version: number
  name: string
  sql: string
}

/**
 * Forward-only, in order. Never edit a shipped entry: add a new one.
 * Reserved numbers so parallel features don't collide: 003 providers, 004 replay attempts,
 * 005 notifications/tray.
 */
export const migrations: Migration[] = [m001, m002, m003, m004]
