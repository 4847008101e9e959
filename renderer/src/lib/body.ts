import { reindentJson } from './json'
import { parseQuery, type QueryPair } from './query'

/** The detail pane fetches at most this much of a body. */
export const BODY_FETCH_LIMIT = 1024 * 1024

export interface BodyAnalysis {
  /** The bytes as text, or null when they are not valid UTF-8. */
  text: string | null
  /** True when fewer bytes were loaded than the delivery holds. */
  truncated: boolean
  /** Content type or sniffing says JSON. */
  looksJson: boolean
  /** Pretty-printed JSON when it parsed. */
  prettyJson: string | null
  /** Why JSON parsing failed, when the body claims to be JSON. */
  jsonError: string | null
  /** Pairs for application/x-www-form-urlencoded bodies. */
  form: QueryPair[] | null
}

export function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false
  const mime = contentType.split(';')[0]!.trim().toLowerCase()
  return mime === 'application/json' || mime === 'text/json' || mime.endsWith('+json')
}

export function isFormContentType(contentType: string | null): boolean {
  return contentType?.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded'
}

/**
 * Decodes as UTF-8 only when the bytes really are UTF-8 (fatal), so binary is never shown as
 * mojibake. A truncated body may end mid-character, which streaming mode tolerates.
 */
export function decodeUtf8(bytes: Uint8Array, truncated = false): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: truncated })
  } catch {
    return null
  }
}

export function analyseBody(bytes: Uint8Array, contentType: string | null, totalSize: number): BodyAnalysis {
  const truncated = bytes.length < totalSize
  const text = decodeUtf8(bytes, truncated)
  const declaredJson = isJsonContentType(contentType)
  const sniffedJson = text !== null && /^\s*[[{]/.test(text) && !isFormContentType(contentType)
  const looksJson = text !== null && (declaredJson || sniffedJson)
  let prettyJson: string | null = null
  let jsonError: string | null = null
  if (looksJson && text !== null && text.trim() !== '') {
    // A byte-order mark is legal in the body but not in JSON.parse's input.
    const json = text.replace(/^\uFEFF/, '')
    try {
      JSON.parse(json)
      prettyJson = reindentJson(json)
    } catch (err) {
      // Only a complete body that claims to be JSON earns the warning: a cut-off document never parses.
      if (declaredJson && !truncated) jsonError = err instanceof Error ? err.message : String(err)
    }
  }
  const form = text !== null && isFormContentType(contentType) ? parseQuery(text.trim()) : null
  return { text, truncated, looksJson, prettyJson, jsonError, form }
}

/**
 * Display-only: C0 control characters (other than tab and newlines) become their Unicode
 * "control picture" so a NUL or ESC is visible instead of an invisible or tofu glyph.
 */
export function showControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) =>
    String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)),
  )
}
