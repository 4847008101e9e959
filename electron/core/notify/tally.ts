import { displayName, displayPath } from './content'
import type { FailureKind, HooktrayNotification } from './types'

/** Distinct paths remembered per group; beyond this a group says "more than N paths". */
export const MAX_DISTINCT_PATHS = 50

export interface TallyItem {
  path: string | null
  registrationId: string | null
  registrationName: string | null
  failureKind?: FailureKind
  status?: number | null
}

const FAILURE_PLURALS: Record<FailureKind, string> = {
  verification: 'verification failures',
  forward: 'forward failures',
  registration: 'registration failures',
  tunnel: 'tunnel errors',
}

/**
 * Everything not yet shown on one channel (deliveries or failures), summarised in constant
 * space: an exact count, the common path prefix, a bounded set of distinct paths, whether one
 * registration covers them all, and the first item's own notification for when it stays alone.
 */
export class Tally {
  count = 0
  private first: HooktrayNotification | null = null
  private prefix: string | null = null
  private paths = new Set<string>()
  private pathsOverflow = false
  private anyWithoutPath = false
  /** undefined: none seen yet; null: mixed or none. */
  private registration: { id: string; name: string | null } | null | undefined = undefined
  private kind: FailureKind | null | undefined = undefined
  private last: HooktrayNotification | null = null

  constructor(private readonly level: 'info' | 'failure') {}

  /** Counts one item; `build` (its own notification) runs only for the first and, for failures, the latest. */
  add(item: TallyItem, build: () => HooktrayNotification): void {
    this.count++
    if (this.count === 1) this.first = build()
    if (this.level === 'failure') this.last = this.count === 1 ? this.first : build()

    if (item.path === null) this.anyWithoutPath = true
    else {
      const path = displayPath(item.path)
      this.prefix = this.prefix === null ? path : commonPrefix(this.prefix, path)
      if (!this.pathsOverflow) {
        this.paths.add(path)
        if (this.paths.size > MAX_DISTINCT_PATHS) {
          this.paths.clear()
          this.pathsOverflow = true
        }
      }
    }

    const reg = item.registrationId ? { id: item.registrationId, name: displayName(item.registrationName) } : null
    if (this.registration === undefined) this.registration = reg
    else if (this.registration && (!reg || reg.id !== this.registration.id)) this.registration = null

    if (item.failureKind) {
      if (this.kind === undefined) this.kind = item.failureKind
      else if (this.kind !== item.failureKind) this.kind = null
    }
  }

  reset(): void {
    this.count = 0
    this.first = null
    this.last = null
    this.prefix = null
    this.paths.clear()
    this.pathsOverflow = false
    this.anyWithoutPath = false
    this.registration = undefined
    this.kind = undefined
  }

  /** The one notification that stands for everything counted. */
  toNotification(): HooktrayNotification {
    if (this.count === 1 && this.first) return this.first
    const where = this.where()
    const filter: HooktrayNotification['filter'] = {}
    if (where.pathPrefix) filter.pathPrefix = where.pathPrefix
    if (this.registration) filter.registrationId = this.registration.id
    const n: HooktrayNotification = {
      title: '',
      body: '',
      deliveryId: null,
      count: this.count,
      level: this.level,
    }
    if (this.level === 'info') {
      n.title = `${this.count} new deliveries`
      n.body = where.text ? `Received on ${where.text}` : 'Received'
    } else {
      n.title = `${this.count} ${this.kind ? FAILURE_PLURALS[this.kind] : 'failures'}`
      const last = this.last
      n.body = [where.text ? `On ${where.text}` : null, last ? `Latest: ${last.title}, ${last.body}` : null]
        .filter(Boolean)
        .join('\n')
    }
    if (filter.pathPrefix || filter.registrationId) n.filter = filter
    return n
  }

  private where(): { text: string; pathPrefix?: string } {
    const reg = this.registration?.name ?? null
    let paths: { text: string; pathPrefix?: string } = { text: '' }
    if (this.prefix !== null && !this.anyWithoutPath) {
      if (!this.pathsOverflow && this.paths.size === 1) paths = { text: this.prefix, pathPrefix: this.prefix }
      else {
        const segment = this.prefix.slice(0, this.prefix.lastIndexOf('/') + 1)
        if (segment.length > 1) paths = { text: `${segment}…`, pathPrefix: segment }
        else paths = { text: this.pathsOverflow ? `more than ${MAX_DISTINCT_PATHS} paths` : `${this.paths.size} paths` }
      }
    }
    if (reg && paths.text) return { ...paths, text: `${reg} (${paths.text})` }
    return reg ? { text: reg } : paths
  }
}

function commonPrefix(a: string, b: string): string {
  const n = Math.min(a.length, b.length)
  let i = 0
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++
  return a.slice(0, i)
}

