import { ApiError } from '../../../shared/contract'
import type { HeaderPair } from '../../../shared/types'
import type { SentRequest } from '../store/attempts'
import { hadBodyFraming, isToken, outgoingHeaders, sameHeaders, validateHeaders } from './headers'
import type { ReplayEdits } from './schemas'
import type { OutgoingRequest } from './send'
import { resolvePath } from './target'

/**
 * Replaces the signature headers for an edited body, or returns null when the delivery's
 * signature scheme is unknown. Supplied by the verify feature.
 */
export type Resigner = (deliveryId: number, body: Buffer, headers: HeaderPair[]) => HeaderPair[] | null

/** The parts of a stored delivery a replay or forward needs (a Delivery fits). */
export interface SourceRequest {
  id: number
  method: string
  path: string
  query: string
  headers: HeaderPair[]
  parseError?: string | null
}

export interface BuildOptions {
  edits?: ReplayEdits
  keepTunnelHeaders?: boolean
  /** false sends the captured signature with an edited body. */
  resign?: boolean
  resigner?: Resigner
  /** Receiver prefix removed from the captured path (a registration's own forward target). */
  pathPrefix?: string
}

export interface BuiltRequest {
  request: OutgoingRequest
  edited: boolean
  resigned: boolean
  /** Recorded with the attempt when edited. */
  sent: SentRequest | null
  sentBody: Buffer | null
}

// The methods Node does not chunk by default: they go without Content-Length when empty.
const BODYLESS_BY_DEFAULT = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'])
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
// Node refuses anything outside 0x21-0xff on the request line; '?' and '#' would re-split it.
const PATH = /^\/[\x21-\x22\x24-\x3e\x40-\xff]*$/
const QUERY = /^[\x21-\x22\x24-\xff]*$/

function editedBody(edits: ReplayEdits): Buffer | null {
  if (edits.body !== undefined && edits.bodyBase64 !== undefined) {
    throw new ApiError(400, 'give either body or bodyBase64, not both')
  }
  if (edits.body !== undefined) return Buffer.from(edits.body, 'utf8')
  if (edits.bodyBase64 !== undefined) {
    const b64 = edits.bodyBase64.replace(/\s+/g, '')
    if (!BASE64.test(b64)) throw new ApiError(400, 'bodyBase64 is not valid base64')
    return Buffer.from(b64, 'base64')
  }
  return null
}

function checkEdits(edits: ReplayEdits): void {
  if (edits.method !== undefined && !isToken(edits.method)) {
    throw new ApiError(400, `method ${JSON.stringify(edits.method)} is not a valid HTTP method`)
  }
  if (edits.path !== undefined && !PATH.test(edits.path)) {
    throw new ApiError(400, 'path must start with "/" and contain no spaces, control characters, "?" or "#"')
  }
  if (edits.query !== undefined && !QUERY.test(edits.query.replace(/^\?/, ''))) {
    throw new ApiError(400, 'query must contain no spaces, control characters or "#"')
  }
  if (edits.headers !== undefined) validateHeaders(edits.headers)
}

/**
 * Turns a stored delivery (plus optional edits) into the exact request a target receives.
 * Throws ApiError 400 for input that cannot be sent.
 */
export function buildRequest(
  source: SourceRequest,
  capturedBody: Buffer,
  url: URL,
  options: BuildOptions = {},
): BuiltRequest {
  if (source.parseError || !source.method) {
    throw new ApiError(400, `delivery ${source.id} was not valid HTTP; it cannot be sent again`)
  }
  const edits = options.edits ?? {}
  checkEdits(edits)
  const newBody = editedBody(edits)

  const resolved = resolvePath(url, source, options.pathPrefix)
  const method = edits.method ?? source.method
  const path = edits.path ?? resolved.path
  const query = edits.query !== undefined ? edits.query.replace(/^\?/, '') : resolved.query
  let headers = edits.headers ?? source.headers
  const body = newBody ?? capturedBody
  const bodyChanged = newBody !== null && !newBody.equals(capturedBody)

  let resigned = false
  if (bodyChanged && options.resign !== false && options.resigner) {
    const replaced = options.resigner(source.id, body, headers.map(([n, v]): HeaderPair => [n, v]))
    if (replaced) {
      validateHeaders(replaced)
      headers = replaced
      resigned = true
    }
  }

  const edited =
    method !== source.method ||
    path !== resolved.path ||
    query !== resolved.query ||
    !sameHeaders(headers, source.headers) ||
    bodyChanged

  // Without a length Node would chunk an empty POST; a GET that had no framing stays without one.
  const bodyless = BODYLESS_BY_DEFAULT.has(method.toUpperCase()) && body.length === 0 && !hadBodyFraming(headers)
  const contentLength = bodyless ? null : body.length
  const sentHeaders = outgoingHeaders(headers, {
    host: url.host,
    contentLength,
    keepTunnelHeaders: options.keepTunnelHeaders ?? false,
  })
  const requestPath = query === '' ? path : `${path}?${query}`
  return {
    request: { url, method, path: requestPath, headers: sentHeaders, body },
    edited,
    resigned,
    sent: edited ? { method, path, query, headers: sentHeaders, resigned } : null,
    sentBody: bodyChanged ? body : null,
  }
}
