import { ApiError } from '../../shared/contract'
import { invoke } from '../core/api'
import { sendBytes, sendJson, type Route, type RouteContext } from './router'
import type { RouteDeps } from './routes'

/** The request body as an object, so path parameters can be merged into it. */
async function jsonObject(ctx: RouteContext): Promise<Record<string, unknown>> {
  const body = await ctx.json()
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'request body must be a JSON object')
  }
  return body as Record<string, unknown>
}

/** The REST surface of replay, forwarding and bulk jobs (issue 6's API section; keep it stable). */
export function replayRoutes({ api }: RouteDeps): Route[] {
  return [
    {
      // Waits for the target; a target that failed still gives 200 with the attempt's error.
      method: 'POST',
      path: '/api/deliveries/:id/replay',
      handler: async (ctx) => {
        const body = await jsonObject(ctx)
        sendJson(ctx.res, 200, await invoke(api, 'replayDelivery', { ...body, id: ctx.params.id }))
      },
    },
    {
      method: 'GET',
      path: '/api/deliveries/:id/attempts',
      handler: async ({ res, params }) => {
        // An unknown delivery is a 404 here, not an empty list: the caller most likely mistyped the id.
        await invoke(api, 'getDelivery', { id: params.id })
        sendJson(res, 200, await invoke(api, 'listAttempts', { deliveryId: params.id }))
      },
    },
    {
      method: 'GET',
      path: '/api/attempts/:id/body',
      handler: async ({ res, params }) => {
        const body = await invoke(api, 'getAttemptBody', { id: params.id })
        sendBytes(res, body, `attempt-${params.id}.bin`)
      },
    },
    {
      method: 'GET',
      path: '/api/forwarding',
      handler: async ({ res }) => sendJson(res, 200, await api.getForwarding({})),
    },
    {
      // Fields left out keep their value, so `{ "enabled": false }` is enough to pause forwarding.
      method: 'PUT',
      path: '/api/forwarding',
      handler: async (ctx) => sendJson(ctx.res, 200, await invoke(api, 'setForwarding', await jsonObject(ctx))),
    },
    {
      method: 'GET',
      path: '/api/replay-jobs',
      handler: async ({ res }) => sendJson(res, 200, await api.listReplayJobs({})),
    },
    {
      method: 'POST',
      path: '/api/replay-jobs',
      handler: async (ctx) => sendJson(ctx.res, 202, await invoke(api, 'startReplayJob', await jsonObject(ctx))),
    },
    {
      method: 'GET',
      path: '/api/replay-jobs/:id',
      handler: async ({ res, params }) => sendJson(res, 200, await invoke(api, 'getReplayJob', { id: params.id })),
    },
    {
      method: 'DELETE',
      path: '/api/replay-jobs/:id',
      handler: async ({ res, params }) => sendJson(res, 200, await invoke(api, 'cancelReplayJob', { id: params.id })),
    },
  ]
}
