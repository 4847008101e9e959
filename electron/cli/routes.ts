import type { HooktrayApi } from '../../shared/contract'
import { ApiError } from '../../shared/contract'
import { invoke, isMethodName } from '../core/api'
import type { EventBus } from '../core/events'
import { sendBytes, sendJson, type Route, type RouteContext } from './router'
import { openEventStream } from './sse'

export interface RouteDeps {
  api: HooktrayApi
  events: EventBus
}

/** The REST surface of the contract (a public, scripted API: keep routes and fields stable). */
export function contractRoutes({ api, events }: RouteDeps): Route[] {
  return [
    { method: 'GET', path: '/api/health', handler: ({ res }) => sendJson(res, 200, { ok: true }) },
    { method: 'GET', path: '/api/status', handler: async ({ res }) => sendJson(res, 200, await api.getStatus({})) },
    {
      method: 'GET',
      path: '/api/deliveries',
      handler: async ({ res, url }) => {
        const args = Object.fromEntries(url.searchParams)
        sendJson(res, 200, await invoke(api, 'listDeliveries', args))
      },
    },
    {
      method: 'DELETE',
      path: '/api/deliveries',
      handler: async ({ res }) => sendJson(res, 200, await api.clearDeliveries({})),
    },
    {
      method: 'GET',
      path: '/api/deliveries/:id',
      handler: async ({ res, params }) => sendJson(res, 200, await invoke(api, 'getDelivery', params)),
    },
    {
      method: 'GET',
      path: '/api/deliveries/:id/body',
      handler: async ({ res, params }) => {
        const body = await invoke(api, 'getDeliveryBody', { id: params.id })
        sendBytes(res, body, `delivery-${params.id}.bin`)
      },
    },
    {
      method: 'GET',
      path: '/api/events',
      handler: ({ req, res }) => openEventStream(req, res, events),
    },
    { method: 'GET', path: '/api/tunnel', handler: async ({ res }) => sendJson(res, 200, await api.getTunnel({})) },
    {
      method: 'PUT',
      path: '/api/tunnel',
      handler: async ({ res, json }) => sendJson(res, 200, await invoke(api, 'setTunnel', await json())),
    },
    ...(['start', 'stop', 'restart'] as const).map((action) => ({
      method: 'POST',
      path: `/api/tunnel/${action}`,
      handler: async ({ res }: RouteContext) => sendJson(res, 200, await invoke(api, `${action}Tunnel`, {})),
    })),
    {
      method: 'POST',
      path: '/api/tunnel/install-cloudflared',
      handler: async ({ res }) => sendJson(res, 202, await api.installCloudflared({})),
    },
    {
      // Every contract method by name: what the renderer's HTTP transport uses.
      method: 'POST',
      path: '/api/rpc/:method',
      handler: async ({ res, params, json }) => {
        const name = params.method!
        if (!isMethodName(name)) throw new ApiError(404, `unknown method ${name}`)
        sendJson(res, 200, await invoke(api, name, await json()))
      },
    },
  ]
}
