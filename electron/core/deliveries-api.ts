import type { Status } from '../../shared/types'
import { notFound, toBytes, type ApiImpl } from './api'
import type { EventBus } from './events'
import type { AttemptRepository } from './store/attempts'
import type { DeliveryRepository } from './store/deliveries'

export interface DeliveriesApiDeps {
  deliveries: DeliveryRepository
  attempts: AttemptRepository
  events: EventBus
  status(): Status
}

export function deliveriesApi(deps: DeliveriesApiDeps): ApiImpl<
  'listDeliveries' | 'getDelivery' | 'getDeliveryBody' | 'clearDeliveries' | 'getStatus'
> {
  return {
    listDeliveries: ({ limit, before, registrationId, pathPrefix }) => {
      const page = deps.deliveries.list(limit, before == null ? null : Number(before), registrationId, pathPrefix)
      // One extra indexed query per page gives the list its "last forward" column.
      const forwards = deps.attempts.lastForwardByDeliveries(page.items.map((d) => d.id))
      if (forwards.length) {
        const byId = new Map(forwards.map((a) => [a.deliveryId, a]))
        for (const d of page.items) {
          const a = byId.get(d.id)
          if (a) d.lastForward = { status: a.status, error: a.error }
        }
      }
      return page
    },
    getDelivery: ({ id }) => deps.deliveries.get(id) ?? notFound('delivery', id),
    getDeliveryBody: ({ id, limit }) => toBytes(deps.deliveries.body(id, limit) ?? notFound('delivery', id)),
    clearDeliveries: () => {
      const deleted = deps.deliveries.clear()
      deps.events.emit({ type: 'deliveries-cleared' })
      return { deleted }
    },
    getStatus: () => deps.status(),
  }
}
