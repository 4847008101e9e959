import type { HeaderPair } from '../../../shared/types'
import { formatSize, plainText, safeExcerpt, truncate } from './text'
import type { DeliveryInput, FailureInput, HooktrayNotification } from './types'

/** How much of a body is looked at for an event name and an excerpt. */
export const BODY_PREFIX_BYTES = 4096

/** Provider headers that name the event; their value (and no other header's) may be shown. */
export const DEFAULT_EVENT_HEADERS: readonly string[] = [
  'x-github-event',
  'x-gitlab-event',
  'x-gitea-event',
  'x-webhook-event',
  'x-event-type',
  'x-event-key',
]

/** Top-level JSON fields that name the event, in order of preference. */
export const DEFAULT_EVENT_FIELDS: readonly string[] = ['type', 'event', 'action']

export interface ContentOptions {
  eventHeaders?: readonly string[]
  eventFields?: readonly string[]
}

// An event name is an identifier-like label ("push", "invoice.paid", "Merge Request Hook");
// anything else (a token someone put in a header, a sentence) is not shown.
const EVENT_NAME = /^[\p{L}\p{N}_.:/ -]{1,64}$/u

function cleanEventName(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const text = plainText(value)
  return EVENT_NAME.test(text) ? text : null
}

function fromHeaders(headers: readonly HeaderPair[] | undefined, names: readonly string[]): string | null {
  if (!headers) return null
  for (const wanted of names) {
    const pair = headers.find(([name]) => name.toLowerCase() === wanted.toLowerCase())
    const name = pair && cleanEventName(pair[1])
    if (name) return name
  }
  return null
}

function fromJson(text: string, complete: boolean, fields: readonly string[]): string | null {
  const trimmed = text.trimStart()
  if (!trimmed.startsWith('{')) return null
  if (complete) {
    try {
      const value = JSON.parse(trimmed) as Record<string, unknown>
      for (const field of fields) {
        const v = value[field]
        const name = cleanEventName(v) ?? (v && typeof v === 'object' ? cleanEventName((v as { type?: unknown }).type) : null)
        if (name) return name
      }
      return null
    } catch {
      // Not valid JSON after all: fall through to the lenient scan.
    }
  }
  // A cut-off body cannot be parsed; take the first `"field": "value"` pair instead.
  for (const field of fields) {
    const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const match = new RegExp(`"${escaped}"\\s*:\\s*"([^"\\\\]{1,64})"`).exec(text)
    const name = match && cleanEventName(match[1])
    if (name) return name
  }
  return null
}

const BINARY_TYPES = /^(image|audio|video|font)\/|^application\/(octet-stream|pdf|zip|gzip|x-tar|x-protobuf|protobuf|vnd\.google\.protobuf|msgpack|x-msgpack|cbor|wasm)/i

/** The body start as text, or null when it is not text. */
function decodeText(prefix: Uint8Array, truncated: boolean, contentType: string | null): string | null {
  if (contentType && BINARY_TYPES.test(contentType)) return null
  if (prefix.includes(0)) return null
  // A prefix cut inside a multi-byte character is still text; retry without the cut tail.
  for (let drop = 0; drop <= (truncated ? 3 : 0); drop++) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(prefix.subarray(0, prefix.length - drop))
      let controls = 0
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i)
        if (c < 32 && c !== 9 && c !== 10 && c !== 13) controls++
      }
      return controls > text.length / 10 ? null : text
    } catch {
      // try with one byte fewer
    }
  }
  return null
}

export interface DeliveryDescription {
  eventName: string | null
  /** Payload excerpt (<= 120 chars, plain, redacted), "binary, 3.2 KB", or null for no body. */
  preview: string | null
  binary: boolean
}

export function describeDelivery(input: DeliveryInput, options: ContentOptions = {}): DeliveryDescription {
  const fields = options.eventFields ?? DEFAULT_EVENT_FIELDS
  const full = input.bodyPrefix ?? null
  const prefix = full ? full.subarray(0, BODY_PREFIX_BYTES) : null
  const truncated = prefix ? input.bodySize > prefix.length : false
  const text = prefix && prefix.length ? decodeText(prefix, truncated, input.contentType) : null

  let eventName = cleanEventName(input.eventName) ?? fromHeaders(input.headers, options.eventHeaders ?? DEFAULT_EVENT_HEADERS)
  if (!eventName && text !== null) eventName = fromJson(text, !truncated, fields)

  let preview: string | null = null
  if (input.bodySize > 0 && prefix && prefix.length) {
    preview = text === null ? `binary, ${formatSize(input.bodySize)}` : safeExcerpt(text) || null
  }
  return { eventName, preview, binary: preview !== null && text === null }
}

/** The path as shown: no query string (it may carry a token), plain, shortened. */
export function displayPath(path: string | null | undefined): string {
  if (!path) return ''
  const q = path.search(/[?#]/)
  return truncate(plainText(q === -1 ? path : path.slice(0, q)), 80) || '/'
}

export function displayName(name: string | null | undefined): string | null {
  const text = name ? truncate(plainText(name), 60) : ''
  return text || null
}

export function deliveryNotification(input: DeliveryInput, options: ContentOptions = {}): HooktrayNotification {
  const { eventName, preview, binary } = describeDelivery(input, options)
  const path = displayPath(input.path)
  const where = displayName(input.registrationName) ?? path
  const method = truncate(plainText(input.method), 16) || '?'
  const first = `${method} ${path} · ${binary ? preview : formatSize(input.bodySize)}`
  return {
    title: `${eventName ?? 'New delivery'} · ${where}`,
    body: preview && !binary ? `${first}\n${preview}` : first,
    deliveryId: input.id,
    count: 1,
    level: 'info',
  }
}

const FAILURE_TITLES: Record<FailureInput['kind'], string> = {
  verification: 'Verification failed',
  forward: 'Forward failed',
  registration: 'Registration failed',
  tunnel: 'Tunnel error',
}

export function failureTitle(input: Pick<FailureInput, 'kind' | 'status'>): string {
  if (input.kind === 'forward' && input.status && input.status >= 500 && input.status <= 599) {
    return `Forward answered ${input.status}`
  }
  return FAILURE_TITLES[input.kind]
}

export function failureNotification(input: FailureInput): HooktrayNotification {
  const where = displayName(input.registrationName) ?? (input.path ? displayPath(input.path) : null)
  const message = safeExcerpt(input.message) || 'no details'
  const notification: HooktrayNotification = {
    title: failureTitle(input),
    body: where ? `${where}: ${message}` : message,
    deliveryId: input.deliveryId ?? null,
    count: 1,
    level: 'failure',
  }
  if (notification.deliveryId === null && input.registrationId) {
    notification.filter = { registrationId: input.registrationId }
  }
  return notification
}
