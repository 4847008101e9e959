// Connections: create, change, delete. Credentials are sealed before they touch the database.
import { ApiError } from '../../../../shared/contract'
import { PROVIDER_INFO, type ConnectionView } from '../../../../shared/provider-schemas'
import type { ParsedArgsOf } from '../../../../shared/contract'
import { asKind, checkBaseUrl, checkConnectionOptions, checkCredentials, openCredentials, sealCredentials } from './context'
import { describeFailure, newId } from './describe'
import type { Env } from './env'
import { remove, sync } from './lifecycle'

export function createConnection(env: Env, input: ParsedArgsOf<'createConnection'>): string {
  const kind = input.provider
  const credentials = checkCredentials(kind, input.credentials)
  const baseUrl = checkBaseUrl(kind, input.baseUrl)
  checkConnectionOptions(kind, baseUrl, input.options)
  const row = env.connections.insert({
    id: newId(),
    provider: kind,
    name: input.name,
    baseUrl,
    options: input.options,
    credentials: sealCredentials(env.box, credentials),
    createdAt: Date.now(),
  })
  return row.id
}

export function updateConnection(env: Env, input: ParsedArgsOf<'updateConnection'>): { id: string; credentialsChanged: boolean } {
  const row = env.connections.get(input.id)
  if (!row) throw new ApiError(404, `connection ${input.id} not found`)
  const kind = asKind(row.provider)
  const baseUrl = input.baseUrl === undefined ? row.baseUrl : checkBaseUrl(kind, input.baseUrl)
  const options = input.options ?? row.options
  checkConnectionOptions(kind, baseUrl, options)
  let credentials = row.credentials
  if (input.credentials) {
    let current: Record<string, string> = {}
    try {
      current = openCredentials(env.box, row.credentials)
    } catch {
      // Unreadable (another box wrote them): replacing them is exactly the way out.
    }
    credentials = sealCredentials(env.box, checkCredentials(kind, { ...current, ...input.credentials }))
  }
  env.connections.update({ id: row.id, name: input.name ?? row.name, baseUrl, options, credentials })
  if (input.credentials) env.connections.setCredentialsError(row.id, null)
  return { id: row.id, credentialsChanged: input.credentials !== undefined }
}

/** After new credentials: try again what failed on the old ones. */
export function retryCredentialFailures(env: Env, connectionId: string): void {
  for (const r of env.registrations.byConnection(connectionId)) {
    if (r.state === 'failed' && r.errorKind === 'credentials') void env.queue.run(r.id, () => sync(env, r.id)).catch(() => undefined)
  }
}

/**
 * Removes every registration (deleting at the provider where the API can; failures do not stop
 * the deletion, they are reported), then the connection.
 */
export async function deleteConnection(env: Env, id: string): Promise<{ id: string; notices: string[] }> {
  const conn = env.connections.get(id)
  if (!conn) throw new ApiError(404, `connection ${id} not found`)
  const notices: string[] = []
  for (const r of env.registrations.byConnection(id)) {
    if (r.state === 'removed') continue
    try {
      const after = await env.queue.run(r.id, () => remove(env, r.id))
      if (after.notice) notices.push(after.notice)
    } catch (e) {
      notices.push(`Registration ${r.receiverPath}: ${describeFailure(e).message}`)
    }
  }
  env.connections.delete(id)
  env.orphanReports.delete(id)
  return { id, notices }
}

export type { ConnectionView }
export const providerLabel = (provider: string): string => PROVIDER_INFO[asKind(provider)].label
