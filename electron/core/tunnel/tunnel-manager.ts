import type { TunnelStatus } from '../../../shared/types'
import { launchCloudflared, type CloudflaredRun } from './cloudflared-run'
import { validateTunnelConfig, type TunnelConfig } from './config'
import { findCloudflared, type BinaryLookupOptions } from './find-binary'

export interface TunnelChange {
  /** True when the status carries a public URL different from the last one announced. */
  urlChanged: boolean
  /** The last public URL announced before this change (null if none yet). */
  previousUrl: string | null
}

export type TunnelListener = (status: TunnelStatus, change: TunnelChange) => void

export interface TunnelManagerOptions {
  /** The receiver's local URL, e.g. http://127.0.0.1:4319. The tunnel forwards there and nowhere else. */
  localUrl: string
  /** No URL/connection within this time ends the start in `error` (default 30 s). */
  startTimeoutMs?: number
  /** Restart delays after an unexpected exit: initialMs, doubled each time, capped at maxMs (1 s … 30 s). */
  backoff?: { initialMs?: number; maxMs?: number }
  /**
   * After a first start fails for a reason time can fix (no network yet, the quick-tunnel API
   * busy, no URL in time), keep trying with the same backoff while the state stays `error`
   * (default true). A refused token, a bad command line or a binary that cannot run is not retried.
   */
  retryFailedStart?: boolean
  /** Between SIGTERM and SIGKILL (default 5 s). */
  killGraceMs?: number
  /** Extra binary lookup options (env, installedBin, packageBin); config.binPath is the setting. */
  lookup?: Omit<BinaryLookupOptions, 'binPath'>
  /** Receives every cloudflared output line, token masked. */
  onLog?: (line: string) => void
}

export interface TunnelManager {
  /** Stops whatever runs, then starts `config`. Resolves once connected or failed (never with two children). */
  start(config: TunnelConfig): Promise<TunnelStatus>
  stop(): Promise<TunnelStatus>
  /** Starts the last configuration again (a quick tunnel gets a new URL). */
  restart(): Promise<TunnelStatus>
  status(): TunnelStatus
  onChange(listener: TunnelListener): () => void
  /** The running cloudflared's pid, or null. */
  pid(): number | null
  /** Stops for good; SIGTERM is sent synchronously, so calling it from an exit handler still works. */
  dispose(): Promise<void>
}

const STOPPED: TunnelStatus = { mode: 'none', state: 'stopped', publicUrl: null, error: null }
/** Failures another try cannot fix: the token, the account, the command line, the binary itself. */
const PERMANENT_FAILURE = /token is not valid|Invalid tunnel secret|Unauthorized|Incorrect Usage|flag provided but not defined|could not be started/i

/** Whether a failed start is worth trying again by itself. */
export function isRetryableStartFailure(reason: string): boolean {
  return !PERMANENT_FAILURE.test(reason)
}
const SUPERSEDED = Symbol('superseded')

export function createTunnelManager(options: TunnelManagerOptions): TunnelManager {
  const startTimeoutMs = options.startTimeoutMs ?? 30_000
  const initialMs = options.backoff?.initialMs ?? 1_000
  const maxMs = options.backoff?.maxMs ?? 30_000
  const graceMs = options.killGraceMs ?? 5_000
  const retryFailedStart = options.retryFailedStart ?? true

  let current: TunnelStatus = { ...STOPPED }
  let announcedUrl: string | null = null
  const listeners = new Set<TunnelListener>()
  let queue: Promise<unknown> = Promise.resolve()
  let latest: Promise<TunnelStatus> = Promise.resolve(current)
  let epoch = 0
  let disposed = false
  let disposing: Promise<void> | null = null
  let lastConfig: TunnelConfig | null = null
  let run: CloudflaredRun | null = null
  const dying = new Set<Promise<void>>()
  const timers = new Set<NodeJS.Timeout>()
  let attempt = 0
  let settle: (() => void) | null = null

  /** A retry time holds only for the change that sets it, and only in `error`; otherwise the key is absent. */
  const setStatus = (patch: Omit<Partial<TunnelStatus>, 'retryAt'> & { retryAt?: number | null }) => {
    const { retryAt, ...rest } = patch
    const next: TunnelStatus = { ...current, ...rest }
    delete next.retryAt
    if (next.state === 'error' && typeof retryAt === 'number') next.retryAt = retryAt
    if (next.state !== 'connected') next.publicUrl = null
    const keys = new Set([...Object.keys(next), ...Object.keys(current)]) as Set<keyof TunnelStatus>
    if ([...keys].every((k) => next[k] === current[k])) return
    const previousUrl = announcedUrl
    const urlChanged = next.publicUrl !== null && next.publicUrl !== announcedUrl
    if (urlChanged) announcedUrl = next.publicUrl
    current = next
    for (const listener of listeners) {
      try {
        listener({ ...next }, { urlChanged, previousUrl })
      } catch (err) {
        console.error('[hooktray] tunnel listener failed:', err)
      }
    }
  }

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      fn()
    }, ms)
    timers.add(timer)
    return timer
  }
  const cancel = (timer: NodeJS.Timeout | null) => {
    if (timer) {
      clearTimeout(timer)
      timers.delete(timer)
    }
  }

  /** Kills the running child now (SIGTERM goes out synchronously); resolves when it is gone. */
  const killRun = (): Promise<void> => {
    const victim = run
    run = null
    if (!victim) return Promise.resolve()
    const gone = victim.stop(graceMs)
    dying.add(gone)
    void gone.then(() => dying.delete(gone))
    return gone
  }

  /** Cuts short whatever is in progress, so the next queued operation can begin at once. */
  const interrupt = () => {
    for (const timer of timers) clearTimeout(timer)
    timers.clear()
    killRun()
    const fn = settle
    settle = null
    fn?.()
  }

  const teardown = async () => {
    interrupt()
    await Promise.all([...dying])
  }

  const enqueue = (op: () => Promise<TunnelStatus | typeof SUPERSEDED>): Promise<TunnelStatus> => {
    const result = queue.then(op)
    queue = result.catch(() => undefined)
    const settled = result.then((value) => (value === SUPERSEDED ? latest : value))
    latest = settled
    return settled
  }

  type ProcessConfig = Extract<TunnelConfig, { mode: 'cloudflared' | 'named' }>

  /** Runs one cloudflared; on failure either ends the start in `error` or schedules the next try. */
  const launch = (config: ProcessConfig, bin: string, myEpoch: number, done: () => void) => {
    let self: CloudflaredRun | null = null
    let publicUrl: string | null = null
    let stableTimer: NodeJS.Timeout | null = null
    const startTimer = later(startTimeoutMs, () => {
      const last = self?.lastError()
      const what = config.mode === 'named' ? 'register a tunnel connection' : 'report a public URL'
      fail(`cloudflared did not ${what} within ${duration(startTimeoutMs)}${last ? `: ${last}` : ''}`)
    })
    const fail = (reason: string) => {
      cancel(startTimer)
      cancel(stableTimer)
      const gone = run === self ? killRun() : Promise.resolve()
      if (epoch !== myEpoch) return
      if (current.state === 'starting' || current.state === 'error') {
        // The first start (or a retry of it) failed: say so. The user may have to act (token,
        // binary); when time may fix it (no network yet after a laptop wakes), keep trying
        // behind the error so webhooks flow again by themselves.
        const retry = retryFailedStart && isRetryableStartFailure(reason)
        const delay = retry ? backoffDelay(attempt, initialMs, maxMs) : 0
        if (retry) attempt += 1
        setStatus({ state: 'error', error: reason, retryAt: retry ? Date.now() + delay : null })
        void gone.then(done)
        if (retry) relaunch(delay)
        return
      }
      const delay = backoffDelay(attempt, initialMs, maxMs)
      attempt += 1
      setStatus({ state: 'reconnecting', error: reason })
      relaunch(delay)
    }
    const relaunch = (delay: number) => {
      later(delay, () => {
        void Promise.all([...dying]).then(() => {
          if (epoch === myEpoch && !disposed) launch(config, bin, myEpoch, done)
        })
      })
    }
    try {
      self = launchCloudflared(
        config.mode === 'named'
          ? { kind: 'named', bin, localUrl: options.localUrl, token: config.token }
          : { kind: 'quick', bin, localUrl: options.localUrl },
        {
          onReady: (url) => {
            if (run !== self) return
            cancel(startTimer)
            publicUrl = config.mode === 'named' ? `https://${config.hostname}` : url
            // Reset the backoff only once the tunnel has stayed up, so a crash loop keeps slowing down.
            stableTimer = later(maxMs, () => (attempt = 0))
            setStatus({ state: 'connected', publicUrl, error: null })
            done()
          },
          onDown: () => {
            if (run !== self) return
            setStatus({ state: 'reconnecting', error: 'cloudflared lost its connection to Cloudflare and is reconnecting' })
          },
          onUp: () => {
            if (run === self && current.state === 'reconnecting') setStatus({ state: 'connected', publicUrl, error: null })
          },
          onExit: (reason) => {
            if (run === self) fail(reason)
          },
          onLine: options.onLog,
        },
      )
      run = self
    } catch (err) {
      fail(`cloudflared could not be started: ${(err as Error).message}`)
    }
  }

  const begin = async (config: TunnelConfig, myEpoch: number): Promise<void> => {
    attempt = 0
    if (config.mode === 'none') return setStatus({ mode: 'none', state: 'stopped', error: null })
    if (config.mode === 'manual') return setStatus({ mode: 'manual', state: 'connected', publicUrl: config.url, error: null })
    const found = findCloudflared({ ...options.lookup, binPath: config.binPath })
    if (!found.ok) return setStatus({ mode: config.mode, state: 'error', error: found.message })
    setStatus({ mode: config.mode, state: 'starting', error: null })
    await new Promise<void>((resolve) => {
      settle = resolve
      launch(config, found.path, myEpoch, resolve)
    })
    settle = null
  }

  const manager: TunnelManager = {
    start(config) {
      if (disposed) return Promise.reject(new Error('The tunnel manager has been disposed'))
      let valid: TunnelConfig
      try {
        valid = validateTunnelConfig(config)
      } catch (err) {
        return Promise.reject(err)
      }
      const myEpoch = ++epoch
      interrupt()
      return enqueue(async () => {
        if (myEpoch !== epoch) return SUPERSEDED
        await teardown()
        lastConfig = valid
        await begin(valid, myEpoch)
        return myEpoch === epoch ? { ...current } : SUPERSEDED
      })
    },
    stop() {
      const myEpoch = ++epoch
      interrupt()
      return enqueue(async () => {
        if (myEpoch !== epoch) return SUPERSEDED
        await teardown()
        setStatus({ state: 'stopped', error: null })
        return { ...current }
      })
    },
    restart() {
      return lastConfig ? manager.start(lastConfig) : Promise.resolve({ ...current })
    },
    status: () => ({ ...current }),
    onChange(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    pid: () => run?.pid ?? null,
    dispose() {
      if (!disposing) {
        const stopped = manager.stop()
        disposed = true
        disposing = stopped.then(() => listeners.clear())
      }
      return disposing
    },
  }
  return manager
}

/** Restart delay before try number `attempt` (0-based): initialMs doubled each time, capped at maxMs. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(initialMs * 2 ** Math.min(attempt, 30), maxMs)
}

function duration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`
}
