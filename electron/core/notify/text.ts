/** Longest payload excerpt a notification carries. */
export const PREVIEW_MAX = 120

// C0/C1 controls, DEL, and the invisible bidi/zero-width marks that can make a payload's text
// read differently from what it is (a spoofed "Payment approved" reversed by U+202E).
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g

/**
 * Plain, single-line text: controls removed, tabs and newlines folded to spaces, runs of
 * whitespace collapsed. HTML stays literal text; a native notification never interprets it.
 */
export function plainText(text: string): string {
  return text.replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim()
}

/** Shortens to at most `max` characters (the ellipsis included), never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  let cut = max - 1
  const code = text.charCodeAt(cut - 1)
  if (code >= 0xd800 && code <= 0xdbff) cut--
  return text.slice(0, cut).trimEnd() + '…'
}

/** "512 B", "3.2 KB", "4.0 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** Drops query strings and userinfo from any URL in free text: both may carry a token. */
export function redactUrls(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]{0,30}:\/\/)([^\s/?#@]*@)?([^\s?#]*)(\?[^\s#]*)?(#\S*)?/gi, (_m, scheme: string, _user, rest: string, query?: string) =>
    `${scheme}${rest}${query ? '?…' : ''}`,
  )
}

// Values of keys like these are blanked in a payload excerpt, whether the body is JSON
// ("token": "…") or a form (token=…), so a notification never shows a credential in passing.
const SECRET_KEY = '[\\w.-]{0,40}(?:secret|token|pass(?:w(?:or)?d)?|pwd|api[_-]?key|apikey|auth(?!or)|signature|credential|private[_-]?key|session|cookie|bearer|(?<![a-z0-9])key)[\\w.-]{0,40}'
const JSON_SECRET = new RegExp(`("${SECRET_KEY}"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"?|[\\w.+-]+)`, 'gi')
const FORM_SECRET = new RegExp(`(^|[&;\\s])(${SECRET_KEY}=)[^&;\\s]*`, 'gi')
const BEARER = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi

export function redactSecrets(text: string): string {
  return text
    .replace(JSON_SECRET, '$1"•••"')
    .replace(FORM_SECRET, '$1$2•••')
    .replace(BEARER, '$1 •••')
}

/** What a notification may show of untrusted text: redacted, plain, shortened. */
export function safeExcerpt(text: string, max = PREVIEW_MAX): string {
  return truncate(plainText(redactSecrets(redactUrls(text))), max)
}
