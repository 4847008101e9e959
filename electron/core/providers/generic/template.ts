// Request templates for the generic REST connector. Placeholders are substituted inside JSON
// string values after parsing, so a value can never break out of its string and inject JSON.
import { z } from 'zod'

export const PLACEHOLDERS = ['url', 'secret', 'token', 'id', 'apiKey'] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]
export type TemplateValues = Partial<Record<Placeholder, string>>

export const requestTemplateSchema = z.object({
  method: z.string().min(1).default('POST'),
  /** Appended to baseUrl; placeholders are URL-encoded. */
  path: z.string(),
  headers: z.record(z.string(), z.string()).default({}),
  /** JSON text (placeholders inside string values) or any other text (plain substitution). */
  body: z.string().optional(),
})
export type RequestTemplate = z.output<typeof requestTemplateSchema>

const PATTERN = /\{\{\s*(url|secret|token|id|apiKey)\s*\}\}/g

export function fill(text: string, values: TemplateValues, encode: (s: string) => string = (s) => s): string {
  return text.replace(PATTERN, (_m, name: Placeholder) => {
    const v = values[name]
    if (v === undefined) throw new Error(`template uses {{${name}}} but no value is available for it`)
    return encode(v)
  })
}

export function usesPlaceholder(text: string | undefined, name: Placeholder): boolean {
  if (!text) return false
  return [...text.matchAll(PATTERN)].some((m) => m[1] === name)
}

/** Returns the body text and whether it is JSON (then content-type defaults to application/json). */
export function fillBody(template: string, values: TemplateValues): { text: string; json: boolean } {
  let parsed: unknown
  try {
    parsed = JSON.parse(template)
  } catch {
    return { text: fill(template, values), json: false }
  }
  return { text: JSON.stringify(walk(parsed, values)), json: true }
}

function walk(v: unknown, values: TemplateValues): unknown {
  if (typeof v === 'string') return fill(v, values)
  if (Array.isArray(v)) return v.map((x) => walk(x, values))
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [fill(k, values), walk(x, values)]))
  }
  return v
}
