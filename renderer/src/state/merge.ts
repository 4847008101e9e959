import type { DeliverySummary } from '../../../shared/types'

/**
 * Merges deliveries into a newest-first list without duplicates. The common case (a batch of
 * live deliveries, all newer than anything shown) is a cheap prepend; anything else is a full merge.
 */
export function mergeNewestFirst(items: DeliverySummary[], incoming: DeliverySummary[]): DeliverySummary[] {
  if (incoming.length === 0) return items
  const sorted = [...incoming].sort((a, b) => b.id - a.id)
  const newest = items[0]?.id ?? 0
  let unique = true
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.id === sorted[i - 1]!.id) unique = false
  if (unique && sorted[sorted.length - 1]!.id > newest) return [...sorted, ...items]
  const byId = new Map<number, DeliverySummary>()
  for (const d of items) byId.set(d.id, d)
  for (const d of sorted) byId.set(d.id, d)
  return [...byId.values()].sort((a, b) => b.id - a.id)
}

/**
 * After an event-stream gap: does the fresh first page line up with what we hold? It does when it
 * reaches back to our newest item and nothing we hold inside its range has disappeared (a clear).
 */
export function pageContinues(items: DeliverySummary[], page: DeliverySummary[]): boolean {
  if (items.length === 0) return true
  const newest = items[0]!.id
  const ids = new Set(page.map((d) => d.id))
  // More than a page arrived while away, or our newest was deleted: either way, start over.
  if (!ids.has(newest)) return false
  const oldestInPage = page[page.length - 1]!.id
  return items.every((d) => d.id < oldestInPage || ids.has(d.id))
}
