// The contract's provider methods on top of the service.
import { ApiError } from '../../../../shared/contract'
import type { ApiImpl } from '../../api'
import { checked } from '../../replay/settings'
import { providerSettingsSchema } from '../../../../shared/provider-schemas'
import { createConnection, deleteConnection, retryCredentialFailures, updateConnection } from './connection-ops'
import { remove } from './lifecycle'
import { findOrphans, removeOrphans } from './orphans'
import type { ProviderService } from './provider-service'
import { createRegistration, retryRegistration, updateRegistration } from './registration-ops'
import { testDelivery } from './test-delivery'

export type ProviderMethod =
  | 'listConnections'
  | 'createConnection'
  | 'updateConnection'
  | 'deleteConnection'
  | 'listRegistrations'
  | 'getRegistration'
  | 'createRegistration'
  | 'updateRegistration'
  | 'retryRegistration'
  | 'deleteRegistration'
  | 'testRegistration'
  | 'findOrphans'
  | 'removeOrphans'
  | 'getProviderSettings'
  | 'setProviderSettings'

export function providersApi(service: ProviderService): ApiImpl<ProviderMethod> {
  const { env } = service
  const connection = (id: string) => service.connectionView(id) ?? notFound('connection', id)
  const registration = (id: string) => {
    const row = env.registrations.get(id) ?? notFound('registration', id)
    return service.registrationView(row)
  }

  return {
    listConnections: () => ({
      items: env.connections.all().map((c) => service.connectionView(c.id)!),
    }),
    createConnection: (args) => {
      const id = createConnection(env, args)
      env.emitConnection(id)
      // Credentials feedback and earlier runs' leftovers, without making the caller wait.
      void env.queue.run(`connection:${id}`, () => findOrphans(env, id)).catch(() => undefined)
      return connection(id)
    },
    updateConnection: (args) => {
      const { id, credentialsChanged } = updateConnection(env, args)
      env.emitConnection(id)
      if (credentialsChanged) retryCredentialFailures(env, id)
      return connection(id)
    },
    deleteConnection: async ({ id }) => {
      const result = await deleteConnection(env, id)
      env.events.emit({ type: 'connection-deleted', id })
      return result
    },
    listRegistrations: ({ connectionId, includeRemoved }) => {
      if (connectionId && !env.connections.get(connectionId)) notFound('connection', connectionId)
      const rows = connectionId ? env.registrations.byConnection(connectionId) : env.registrations.all()
      return { items: rows.filter((r) => includeRemoved || r.state !== 'removed').map((r) => service.registrationView(r)) }
    },
    getRegistration: ({ id }) => registration(id),
    createRegistration: async (args) => service.registrationView(await createRegistration(env, args)),
    updateRegistration: (args) => service.registrationView(updateRegistration(env, args)),
    retryRegistration: async ({ id }) => service.registrationView(await retryRegistration(env, id)),
    deleteRegistration: async ({ id }) => {
      if (!env.registrations.get(id)) notFound('registration', id)
      return service.registrationView(await env.queue.run(id, () => remove(env, id)))
    },
    testRegistration: ({ id }) => testDelivery(env, id),
    findOrphans: ({ connectionId }) => env.queue.run(`connection:${connectionId}`, () => findOrphans(env, connectionId)),
    removeOrphans: ({ connectionId, remoteIds }) =>
      env.queue.run(`connection:${connectionId}`, () => removeOrphans(env, connectionId, remoteIds)),
    getProviderSettings: () => service.getSettings(),
    setProviderSettings: (input) => service.setSettings(checked(providerSettingsSchema, { ...service.getSettings(), ...input })),
  }
}

function notFound(what: string, id: string): never {
  throw new ApiError(404, `${what} ${id} not found`)
}
