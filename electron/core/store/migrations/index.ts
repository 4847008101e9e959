import m001 from './001-deliveries'
import m002 from './002-settings'
import m003 from './003-providers'
import m004 from './004-attempts'
import m005 from './005-hidden-credentials'

export interface Migration {
  version: number
  name: string
  sql: string
}

/**
 * Forward-only, in order. Never edit a shipped entry: add a new one.
 * 003 providers, 004 replay attempts, 005 credentials hidden in deliveries (notifications and
 * tray settings live in the settings table).
 */
export const migrations: Migration[] = [m001, m002, m003, m004, m005]
