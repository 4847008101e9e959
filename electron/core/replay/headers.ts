import { ApiError } from '../../../shared/contract'
import type { HeaderPair } from '../../../shared/types'

// Hop-by-hop: they describe the connection the capture arrived on, not the request.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade'])

export function isHopByHop(name: string): boolean {
  const n = name.toLowerCase()
  return HOP_BY_HOP.has(n) || n.startsWith('proxy-')
}

/** Headers a tunnel (cloudflared / Cloudflare's edge) adds; the provider never sent them. */
export function isTunnelHeader(name: string): boolean {
  const n = name.toLowerCase()
  return n.startsWith('cf-') || n === 'cdn-loop' || n.startsWith('x-forwarded-')
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// Node writes header values as latin1: one char per byte, which is how it read them too.
const VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

export function isToken(s: string): boolean {
  return TOKEN.test(s)
}

/** Refuses a header Node would reject or that could split the request; names the header. */
export function validateHeaders(headers: readonly HeaderPair[]): void {
  for (const pair of headers) {
    const [name, value] = pair
    if (typeof name !== 'string' || typeof value !== 'string') {
      throw new ApiError(400, 'headers must be [name, value] pairs of strings')
    }
    if (!TOKEN.test(name)) {
      throw new ApiError(400, `header name ${JSON.stringify(name)} is not a valid HTTP header name`)
    }
    if (/[\r\n]/.test(value)) {
      throw new ApiError(400, `header "${name}": value must not contain CR or LF`)
    }
    if (!VALUE.test(value)) {
      throw new ApiError(400, `header "${name}": value contains characters not allowed in an HTTP header`)
    }
  }
}

export interface OutgoingHeaderOptions {
  /** The target's host[:port], sent as Host. */
  host: string
  /** Content-Length to send, or null to send none (a body-less request that had none). */
  contentLength: number | null
  keepTunnelHeaders: boolean
}

/**
 * The captured headers as they go out: order, case and duplicates kept; hop-by-hop and
 * (unless kept) tunnel headers dropped; Host and Content-Length rewritten in place (Host
 * first when the capture had none, Content-Length last).
 */
export function outgoingHeaders(headers: readonly HeaderPair[], options: OutgoingHeaderOptions): HeaderPair[] {
  const out: HeaderPair[] = []
  let hostDone = false
  let lengthDone = false
  for (const [name, value] of headers) {
    const n = name.toLowerCase()
    if (n === 'host') {
      if (!hostDone) out.push([name, options.host])
      hostDone = true
      continue
    }
    if (n === 'content-length') {
      if (!lengthDone && options.contentLength != null) out.push([name, String(options.contentLength)])
      lengthDone = true
      continue
    }
    if (isHopByHop(n)) continue
    if (!options.keepTunnelHeaders && isTunnelHeader(n)) continue
    out.push([name, value])
  }
  if (!hostDone) out.unshift(['Host', options.host])
  if (!lengthDone && options.contentLength != null) out.push(['Content-Length', String(options.contentLength)])
  return out
}

/** True when the capture framed a body (so an empty one is still announced as length 0). */
export function hadBodyFraming(headers: readonly HeaderPair[]): boolean {
  return headers.some(([n]) => {
    const l = n.toLowerCase()
    return l === 'content-length' || l === 'transfer-encoding'
  })
}

/** A target's response headers fit to pass back to the sender (the receiver sets the length). */
export function answerHeaders(headers: readonly HeaderPair[]): HeaderPair[] {
  return headers.filter(([n]) => !isHopByHop(n) && n.toLowerCase() !== 'content-length')
}

export function sameHeaders(a: readonly HeaderPair[], b: readonly HeaderPair[]): boolean {
  return a.length === b.length && a.every(([n, v], i) => b[i]![0] === n && b[i]![1] === v)
}
