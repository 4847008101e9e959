import { Tunnel, use } from 'cloudflared'
import { OutputReader } from './cloudflared-output'
import { hasExited, stopChild } from './stop-child'

export type RunSpec =
  | { kind: 'quick'; bin: string; localUrl: string }
  | { kind: 'named'; bin: string; localUrl: string; token: string }

export interface RunHandlers {
  /** Usable: a quick tunnel printed its URL and registered a connection; a named one registered one. */
  onReady(url: string | null): void
  /** Every edge connection dropped; cloudflared is retrying on its own. */
  onDown(): void
  /** A connection came back after onDown. */
  onUp(): void
  /** The process ended without being asked to; `reason` carries cloudflared's own last error. */
  onExit(reason: string): void
  /** Every complete output line, with the token masked. */
  onLine?(line: string): void
}

export interface CloudflaredRun {
  readonly pid: number | null
  /** cloudflared's last error text (ERR line or plain usage error), token masked. */
  lastError(): string | null
  /** SIGTERM, then SIGKILL after `graceMs`; idempotent; resolves when the process is gone. */
  stop(graceMs: number): Promise<void>
}

export const TOKEN_MASK = '*****'

/**
 * Arguments for the binary. A named tunnel's token is not among them: arguments are readable by
 * every user of the machine (`ps`), so it goes in cloudflared's own `TUNNEL_TOKEN` variable.
 */
export function runArgs(spec: RunSpec): string[] {
  if (spec.kind === 'quick') {
    // Tunnel.quick's layout: `tunnel --url <url> <options>`; all of these are `tunnel` flags.
    return ['tunnel', '--url', spec.localUrl, '--no-autoupdate', '--loglevel', 'info']
  }
  // `--no-autoupdate`/`--loglevel` belong to `tunnel`, not to `run` (which rejects them), so they
  // go before `run`; Tunnel.withToken would put every option after it.
  return ['tunnel', '--no-autoupdate', '--loglevel', 'info', 'run', '--url', spec.localUrl]
}

/**
 * Runs `spawn` with TUNNEL_TOKEN set for the child alone. The package spawns with the parent's
 * environment and no option to pass another, so the variable is set for the synchronous call
 * and put back at once; nothing else runs in between.
 */
function withTunnelToken<T>(token: string | null, spawn: () => T): T {
  const had = Object.prototype.hasOwnProperty.call(process.env, 'TUNNEL_TOKEN')
  const previous = process.env.TUNNEL_TOKEN
  if (token === null) delete process.env.TUNNEL_TOKEN
  else process.env.TUNNEL_TOKEN = token
  try {
    return spawn()
  } finally {
    if (had) process.env.TUNNEL_TOKEN = previous
    else delete process.env.TUNNEL_TOKEN
  }
}

/** Starts one cloudflared process through the cloudflared package and reports what it does. */
export function launchCloudflared(spec: RunSpec, handlers: RunHandlers): CloudflaredRun {
  const scrub = (text: string) => (spec.kind === 'named' ? text.split(spec.token).join(TOKEN_MASK) : text)
  const reader = new OutputReader(scrub)
  const stderrReader = new OutputReader(scrub)
  const live = new Set<number>()
  let url: string | null = null
  let ready = false
  let down = false
  let stopping: Promise<void> | null = null
  let ended = false

  // The package spawns whatever `bin` points at; set it for this spawn (construction is synchronous).
  use(spec.bin)
  // A quick tunnel gets no token, even one the user's shell exports (cloudflared would run that).
  const tunnel = withTunnelToken(spec.kind === 'named' ? spec.token : null, () =>
    spec.kind === 'quick' ? Tunnel.quick(spec.localUrl, quickOptions()) : new Tunnel(runArgs(spec)),
  )
  const child = tunnel.process

  const handle = (batch: ReturnType<OutputReader['push']>) => {
    for (const { line, event } of batch) {
      handlers.onLine?.(line)
      if (!event || ended || stopping) continue
      if (event.type === 'url' && spec.kind === 'quick' && url === null) url = event.url
      else if (event.type === 'connected') live.add(event.connIndex)
      else if (event.type === 'disconnected') live.delete(event.connIndex)
      if (!ready && live.size > 0 && (spec.kind === 'named' || url !== null)) {
        ready = true
        handlers.onReady(url)
      } else if (ready && !down && live.size === 0) {
        down = true
        handlers.onDown()
      } else if (ready && down && live.size > 0) {
        down = false
        handlers.onUp()
      }
    }
  }
  tunnel.on('stdout', (chunk) => handle(reader.push(chunk)))
  tunnel.on('stderr', (chunk) => handle(stderrReader.push(chunk)))

  const lastError = () => stderrReader.lastError() ?? reader.lastError()
  const finish = (what: string) => {
    if (ended) return
    ended = true
    handle([...reader.flush(), ...stderrReader.flush()])
    if (stopping) return
    const last = lastError()
    handlers.onExit(last ? `${what}: ${last}` : what)
  }
  // 'close' comes after the pipes have drained, so the last ERR line has been read by then.
  child.once('close', (code, signal) => finish(signal ? `cloudflared was killed by ${signal}` : `cloudflared exited with code ${code}`))
  tunnel.on('error', (err: Error) => {
    // Spawn failures (EACCES, ENOENT) never produce 'close'.
    if (child.pid === undefined || hasExited(child)) finish(`cloudflared could not be started: ${scrub(err.message)}`)
  })

  return {
    pid: child.pid ?? null,
    lastError,
    stop(graceMs) {
      stopping ??= stopChild(child, graceMs)
      return stopping
    },
  }
}

function quickOptions(): Record<string, string | boolean> {
  return { '--no-autoupdate': true, '--loglevel': 'info' }
}
