// Reads cloudflared's log output. The package's own handlers match each raw chunk, so a line cut
// in two by the pipe is lost, and any https://<x>.trycloudflare.com (api.trycloudflare.com in an
// error line) counts as the tunnel's URL; here lines are reassembled and the URL must sit in the box.

export type OutputEvent =
  | { type: 'url'; url: string }
  | { type: 'connected'; connIndex: number; location: string | null }
  | { type: 'disconnected'; connIndex: number }
  | { type: 'error'; message: string }

/** `2024-01-01T00:00:00Z INF message key=value` (zerolog's console writer, no colours when piped). */
const LOG_LINE = /^\d{4}-\d{2}-\d{2}T\S+\s+(DBG|INF|WRN|ERR|FTL|PNC)\s+(.*)$/
/** `|  https://some-words-here.trycloudflare.com      |`: the URL line of the quick-Tunnel box. */
const BOX_URL = /^\|\s+(https:\/\/([a-z0-9-]+)\.trycloudflare\.com)\/?\s+\|$/
const REGISTERED = /^Registered tunnel connection\b.*\bconnIndex=(\d+)/
/** Versions before 2022 logged `Connection <uuid> registered connIndex=0 ip=… location=…`. */
const REGISTERED_OLD = /^Connection [0-9a-f-]{36} registered\b.*\bconnIndex=(\d+)/
const LOCATION = /\blocation=([A-Za-z0-9]+)/
const UNREGISTERED = /^(Unregistered tunnel connection|Connection terminated|Serve tunnel error)\b.*\bconnIndex=(\d+)/
/** Hostnames of trycloudflare's own services, which are never a tunnel. */
const SERVICE_HOSTS = new Set(['api', 'www'])

export interface ParsedLine {
  level: string | null
  message: string
}

/** Go's standard logger (used by quic-go): `2022/08/16 14:58:54 failed to sufficiently increase …`. */
const GO_LOG_LINE = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} (.*)$/

export function parseLine(line: string): ParsedLine {
  const text = line.trimEnd()
  const match = LOG_LINE.exec(text)
  if (match) return { level: match[1]!, message: match[2]! }
  const goLog = GO_LOG_LINE.exec(text)
  return goLog ? { level: 'LOG', message: goLog[1]! } : { level: null, message: text.trim() }
}

const ERROR_LEVELS = new Set(['ERR', 'FTL', 'PNC'])

/** One line → what it means for the tunnel (or null when it is chatter). */
export function interpretLine(line: string): OutputEvent | null {
  const { level, message } = parseLine(line)
  if (level === null) return null
  const box = BOX_URL.exec(message)
  if (box && !SERVICE_HOSTS.has(box[2]!)) return { type: 'url', url: box[1]! }
  const registered = REGISTERED.exec(message) ?? REGISTERED_OLD.exec(message)
  if (registered) {
    return { type: 'connected', connIndex: Number(registered[1]), location: LOCATION.exec(message)?.[1] ?? null }
  }
  const gone = UNREGISTERED.exec(message)
  if (gone) return { type: 'disconnected', connIndex: Number(gone[2]) }
  if (ERROR_LEVELS.has(level)) return { type: 'error', message }
  return null
}

/**
 * Turns a stream of chunks into complete lines and events. Also remembers the text that best
 * explains a failure: the last ERR line, or the first line of a plain-text block (cloudflared prints
 * usage errors such as "Provided Tunnel token is not valid." and Go panics without a log prefix).
 */
export class OutputReader {
  private partial = ''
  private inPlainBlock = false
  private lastErrorText: string | null = null

  constructor(private readonly scrub: (text: string) => string = (t) => t) {}

  /** Feeds a chunk; returns the complete lines it finished, scrubbed, with their events. */
  push(chunk: string): Array<{ line: string; event: OutputEvent | null }> {
    const text = this.partial + chunk
    const lines = text.split(/\r?\n/)
    this.partial = lines.pop() ?? ''
    return lines.map((raw) => this.take(raw))
  }

  /** Finishes a line left without its newline when the stream ended. */
  flush(): Array<{ line: string; event: OutputEvent | null }> {
    const rest = this.partial
    this.partial = ''
    return rest ? [this.take(rest)] : []
  }

  /** The text that best explains why cloudflared failed, or null when it printed none. */
  lastError(): string | null {
    return this.lastErrorText
  }

  private take(raw: string): { line: string; event: OutputEvent | null } {
    const line = this.scrub(raw)
    const event = interpretLine(line)
    const { level, message } = parseLine(line)
    if (level !== null) {
      this.inPlainBlock = false
      if (ERROR_LEVELS.has(level)) this.lastErrorText = message
    } else if (message && !this.inPlainBlock) {
      this.inPlainBlock = true
      if (!/^See 'cloudflared/.test(message)) this.lastErrorText = message
    }
    return { line, event }
  }
}
