// Pure URL policy for shell.openExternal. Kept free of Electron so plain Node can test it: a link
// that reaches the OS opener can launch any registered protocol handler, so only plain web links
// pass.

const MAX_LENGTH = 4096
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:'])

/** The normalized href to hand to the OS, or null when the link must not leave the app. */
export function safeExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_LENGTH) return null
  // The URL parser silently drops tabs/newlines and trims spaces; a link that needs that is not
  // one the page meant honestly.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(url)) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return null
  if (parsed.hostname === '') return null
  // user:pass@host is the classic way to dress one host up as another.
  if (parsed.username !== '' || parsed.password !== '') return null
  return parsed.href
}

export function isSafeExternalUrl(url: unknown): url is string {
  return safeExternalUrl(url) !== null
}
