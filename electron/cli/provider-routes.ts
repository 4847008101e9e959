import { ApiError } from '../../shared/contract'
import { invoke } from '../core/api'
import { sendJson, type Route, type RouteContext } from './router'
import type { RouteDeps } from './routes'

async function jsonObject(ctx: RouteContext): Promise<Record<string, unknown>> {
  const body = await ctx.json()
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'request body must be a JSON object')
  return body as Record<string, unknown>
}

/**
 * The REST surface of provider connections and registrations (issue 4's API; keep it stable).
 * Credentials go in; only masked values ever come out.
 */
export function providerRoutes({ api }: Pick<RouteDeps, 'api'>): Route[] {
  return [
    { method: 'GET', path: '/api/connections', handler: async ({ res }) => sendJson(res, 200, await api.listConnections({})) },
    {
      method: 'POST',
      path: '/api/connections',
      handler: async (ctx) => sendJson(ctx.res, 201, await invoke(api, 'createConnection', await jsonObject(ctx))),
    },
    {
      method: 'PATCH',
      path: '/api/connections/:id',
      handler: async (ctx) => sendJson(ctx.res, 200, await invoke(api, 'updateConnection', { ...(await jsonObject(ctx)), id: ctx.params.id })),
    },
    {
      method: 'DELETE',
      path: '/api/connections/:id',
      handler: async ({ res, params }) => sendJson(res, 200, await invoke(api, 'deleteConnection', { id: params.id })),
    },
    {
      // Answers once the provider has answered: the registration comes back registered, or
      // failed with the provider's own words (or pending while there is no public URL).
      method: 'POST',
      path: '/api/connections/:id/registrations',
      handler: async (ctx) => {
        const body = await jsonObject(ctx)
        sendJson(ctx.res, 201, await invoke(api, 'createRegistration', { ...body, connectionId: ctx.params.id }))
      },
    },
    {
      method: 'GET',
      path: '/api/connections/:id/orphans',
      handler: async ({ res, params }) => sendJson(res, 200, await invoke(api, 'findOrphans', { connectionId: params.id })),
    },
    {
      method: 'POST',
      path: '/api/connections/:id/orphans/remove',
      handler: async (ctx) => sendJson(ctx.res, 200, await invoke(api, 'removeOrphans', { ...(await jsonObject(ctx)), connectionId: ctx.params.id })),
    },
    {
      method: 'GET',
      path: '/api/registrations',
      handler: async ({ res, url }) => {
        const q = url.searchParams
        const args = {
          ...(q.get('connectionId') ? { connectionId: q.get('connectionId') } : {}),
          includeRemoved: q.get('includeRemoved') === 'true',
        }
        sendJson(res, 200, await invoke(api, 'listRegistrations', args))
      },
    },
    {
      method: 'GET',
      path: '/api/registrations/:id',
      handler: async ({ res, params }) => sendJson(res, 200, await invoke(api, 'getRegistration', { id: params.id })),
    },
    {
      method: 'PATCH',
      path: '/api/registrations/:id',
      handler: async (ctx) => sendJson(ctx.res, 200, await invoke(api, 'updateRegistration', { ...(await jsonObject(ctx)), id: ctx.params.id })),
    },
    {
      method: 'DELETE',
      path: '/api/registrations/:id',
      handler: async ({ res, params }) => sendJson(res, 200, await invoke(api, 'deleteRegistration', { id: params.id })),
    },
    {
      method: 'POST',
      path: '/api/registrations/:id/retry',
      handler: async ({ res, params }) => sendJson(res, 200, await invoke(api, 'retryRegistration', { id: params.id })),
    },
    {
      method: 'POST',
      path: '/api/registrations/:id/test',
      handler: async ({ res, params }) => sendJson(res, 200, await invoke(api, 'testRegistration', { id: params.id })),
    },
    { method: 'GET', path: '/api/provider-settings', handler: async ({ res }) => sendJson(res, 200, await api.getProviderSettings({})) },
    {
      method: 'PUT',
      path: '/api/provider-settings',
      handler: async (ctx) => sendJson(ctx.res, 200, await invoke(api, 'setProviderSettings', await jsonObject(ctx))),
    },
  ]
}
