import type { HeaderPair } from '../../../shared/types'

/** POSIX single-quote quoting: the only safe way to paste captured data into a shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

/** Headers curl computes itself; copying them would make the command lie once edited. */
const SKIP = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'expect'])

export interface CurlInput {
  method: string
  url: string
  headers: HeaderPair[]
  /** The body as text when it is complete UTF-8; null when it must come from a file. */
  bodyText: string | null
  bodySize: number
  bodyFile?: string
}

export function curlCommand(input: CurlInput): string {
  const first = ['curl']
  if (input.method !== 'GET' || input.bodySize > 0) first.push('-X', shellQuote(input.method))
  first.push(shellQuote(input.url))
  const lines = [first.join(' ')]
  for (const [name, value] of input.headers) {
    if (SKIP.has(name.toLowerCase())) continue
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`)
  }
  if (input.bodySize > 0) {
    if (input.bodyText !== null) lines.push(`--data-raw ${shellQuote(input.bodyText)}`)
    else lines.push(`--data-binary ${shellQuote(`@${input.bodyFile ?? 'body.bin'}`)}`)
  }
  return lines.join(' \\\n  ')
}

export function exampleCurl(receiverUrl: string): string {
  const url = receiverUrl.replace(/\/+$/, '') + '/hello'
  return `curl -X POST ${url} -H 'Content-Type: application/json' -d '{"hello":"world"}'`
}

export function headersText(headers: HeaderPair[]): string {
  return headers.map(([name, value]) => `${name}: ${value}`).join('\n')
}
