// Pure helpers behind the replay UI: the edit form and what it sends, multi-select ranges, and
// the remembered target. Kept out of the components so they can be tested under plain Node.
import type { ReplayEdits } from '../../../shared/replay-schemas'
import type { Delivery } from '../../../shared/types'
import { decodeUtf8 } from './body'

export interface HeaderRow {
  /** Stable React key: rows can be inserted and removed anywhere. */
  key: number
  name: string
  value: string
}

export interface ReplayForm {
  method: string
  path: string
  query: string
  headers: HeaderRow[]
  /** The body as UTF-8 text, or as base64 when `binary`. */
  body: string
  binary: boolean
  /** False when only a prefix of the body was loaded: the body can then only be replaced whole. */
  bodyComplete: boolean
}

let nextKey = 1
export const newRow = (name = '', value = ''): HeaderRow => ({ key: nextKey++, name, value })

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  // In slices: String.fromCharCode(...all) overflows the call stack on large bodies.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

export function initialForm(delivery: Delivery, body: Uint8Array): ReplayForm {
  const bodyComplete = body.length >= delivery.bodySize
  const text = decodeUtf8(body, !bodyComplete)
  return {
    method: delivery.method,
    path: delivery.path,
    query: delivery.query,
    headers: delivery.headers.map(([n, v]) => newRow(n, v)),
    body: bodyComplete ? (text ?? bytesToBase64(body)) : '',
    binary: text === null,
    bodyComplete,
  }
}

function sameHeaders(a: HeaderRow[], b: HeaderRow[]): boolean {
  return a.length === b.length && a.every((r, i) => r.name === b[i]!.name && r.value === b[i]!.value)
}

/**
 * Only what the user changed goes out as an edit, so an untouched field is sent byte for byte
 * as captured (an untouched body is never round-tripped through a text area).
 */
export function formToEdits(form: ReplayForm, initial: ReplayForm): ReplayEdits | undefined {
  const edits: ReplayEdits = {}
  if (form.method !== initial.method) edits.method = form.method
  if (form.path !== initial.path) edits.path = form.path
  if (form.query !== initial.query) edits.query = form.query
  if (!sameHeaders(form.headers, initial.headers)) {
    // A row with no name is a row being typed, not a header to send.
    edits.headers = form.headers.filter((r) => r.name !== '' || r.value !== '').map((r) => [r.name, r.value])
  }
  if (form.body !== initial.body || (!initial.bodyComplete && form.body !== '')) {
    if (form.binary) edits.bodyBase64 = form.body
    else edits.body = form.body
  }
  return Object.keys(edits).length ? edits : undefined
}

/** The ids from anchor to id inclusive, in list order; just [id] when the anchor is gone. */
export function rangeBetween(ids: readonly number[], anchor: number | null, id: number): number[] {
  const to = ids.indexOf(id)
  const from = anchor === null ? -1 : ids.indexOf(anchor)
  if (to === -1) return []
  if (from === -1) return [id]
  const [lo, hi] = from <= to ? [from, to] : [to, from]
  return ids.slice(lo, hi + 1)
}

const TARGET_KEY = 'hooktray.replayTarget'
export const DEFAULT_TARGET = 'http://localhost:3000'

export function rememberedTarget(): string {
  try {
    return globalThis.localStorage?.getItem(TARGET_KEY) || DEFAULT_TARGET
  } catch {
    return DEFAULT_TARGET
  }
}

export function rememberTarget(target: string): void {
  try {
    globalThis.localStorage?.setItem(TARGET_KEY, target)
  } catch {
    // Storage can be disabled; the target is then simply not remembered.
  }
}
