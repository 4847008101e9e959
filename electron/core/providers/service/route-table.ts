import type { VerifyConfig } from '../../verify'

export interface RouteEntry {
  registrationId: string
  receiverPath: string
  verify: VerifyConfig | null
  forwardTo: string | null
  /** A removed registration's path: attributed and checked, never forwarded. */
  removed?: boolean
}

/**
 * Receiver path → registration, held in memory (decrypted once per change) so the capture path
 * never queries the database. A path claims itself and everything below it.
 */
export class RouteTable {
  private byPath = new Map<string, RouteEntry>()
  private maxDepth = 0

  replace(entries: RouteEntry[]): void {
    const next = new Map<string, RouteEntry>()
    let depth = 0
    for (const e of entries) {
      const path = e.receiverPath.replace(/\/+$/, '')
      next.set(path, e)
      depth = Math.max(depth, path.split('/').length - 1)
    }
    this.byPath = next
    this.maxDepth = depth
  }

  /** The registration whose path is the longest prefix (by whole segments) of `path`. */
  match(path: string): RouteEntry | null {
    if (this.byPath.size === 0) return null
    // Only prefixes as deep as the deepest registered path can match: a long path costs no more.
    const cuts: number[] = []
    for (let i = 1; i < path.length && cuts.length < this.maxDepth; i++) if (path.charCodeAt(i) === 47) cuts.push(i)
    if (cuts.length < this.maxDepth) cuts.push(path.length)
    for (let k = cuts.length - 1; k >= 0; k--) {
      const hit = this.byPath.get(path.slice(0, cuts[k]))
      if (hit) return hit
    }
    return null
  }

  get size(): number {
    return this.byPath.size
  }
}
