export type QueryPair = [name: string, value: string]

/**
 * Splits a raw query string into ordered pairs, duplicates kept. Unlike URLSearchParams it keeps
 * a malformed escape as written instead of silently replacing it, so what you see is what was sent.
 */
export function parseQuery(raw: string): QueryPair[] {
  const text = raw.startsWith('?') ? raw.slice(1) : raw
  if (text === '') return []
  const pairs: QueryPair[] = []
  for (const part of text.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = eq === -1 ? part : part.slice(0, eq)
    const value = eq === -1 ? '' : part.slice(eq + 1)
    pairs.push([decodeComponent(name), decodeComponent(value)])
  }
  return pairs
}

export function decodeComponent(s: string): string {
  const spaced = s.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced
  }
}
