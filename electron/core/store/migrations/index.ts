import m001 from './001-deliveries'

export interface Migration {
  version: number
  name: string
  sql: string
}

/** Forward-only, in order. Never edit a shipped entry: add a new one. */
export const migrations: Migration[] = [m001]
