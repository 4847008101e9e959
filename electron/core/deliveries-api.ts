import type { Delivery, DeliverySummary, Status } from '../../shared/types'
import { hideInHeaders, hideInQuery, type HiddenCredential } from './verify/redact'
import { notFound, toBytes, type ApiImpl } from './api'
import type { EventBus } from './events'
import type { AttemptRepository } from './store/attempts'
import type { DeliveryRepository } from './store/deliveries'

export interface DeliveriesApiDeps {
  deliveries: DeliveryRepository
  attempts: AttemptRepository
  events: EventBus
  status(): Status
  /** The credential a registration's deliveries carry, shown as a marker outside the core. */
  credentialFor?(registrationId: string | null): HiddenCredential | null
}

/** A summary safe to hand out: a credential in the query string replaced by the marker. */
export function hideSummaryCredential<T extends DeliverySummary>(d: T, cred: HiddenCredential | null): T {
  if (!cred) return d
  const query = hideInQuery(d.query, cred)
  return query === d.query ? d : { ...d, query }
}

/** A delivery safe to hand out: the credential hidden in its query and headers. */
export function hideDeliveryCredential(d: Delivery, cred: HiddenCredential | null): Delivery {
  if (!cred) return d
  return { ...d, query: hideInQuery(d.query, cred), headers: hideInHeaders(d.headers, cred) }
}

export function deliveriesApi(deps: DeliveriesApiDeps): ApiImpl<
  'listDeliveries' | 'listDeliveryIds' | 'getDelivery' | 'getDeliveryBody' | 'clearDeliveries' | 'getStatus'
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
      if (deps.credentialFor) {
        const credentialFor = deps.credentialFor
        page.items = page.items.map((d) => (d.registrationId ? hideSummaryCredential(d, credentialFor(d.registrationId)) : d))
      }
      return page
    },
    listDeliveryIds: ({ limit, registrationId, pathPrefix }) => {
      const ids = deps.deliveries.ids(limit + 1, registrationId, pathPrefix)
      const more = ids.length > limit
      return { ids: more ? ids.slice(0, limit) : ids, more }
    },
    getDelivery: ({ id }) => {
      const d = deps.deliveries.get(id) ?? notFound('delivery', id)
      return d.registrationId && deps.credentialFor ? hideDeliveryCredential(d, deps.credentialFor(d.registrationId)) : d
    },
    getDeliveryBody: ({ id, limit }) => toBytes(deps.deliveries.body(id, limit) ?? notFound('delivery', id)),
    clearDeliveries: () => {
      const deleted = deps.deliveries.clear()
      deps.events.emit({ type: 'deliveries-cleared' })
      return { deleted }
    },
    getStatus: () => deps.status(),
  }
}
