import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Attempt } from '../../shared/types'
import { defaultDataDir } from '../core/paths'
import { UsageError } from './args'
import { readRuntimeFile, RUNTIME_FILE, type RuntimeInfo } from './runtime-file'

export interface ReplayArgs {
  ids: number[]
  to: string
  /** A file whose bytes replace the captured body ('-' reads stdin). */
  editBody: string | undefined
  dataDir: string | undefined
}

export function parseReplayArgs(argv: string[]): ReplayArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        to: { type: 'string' },
        'edit-body': { type: 'string' },
        'data-dir': { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    })
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const { values, positionals } = parsed
  if (positionals.length === 0) throw new UsageError('replay needs at least one delivery ID')
  const bad = positionals.find((p) => !/^\d+$/.test(p) || Number(p) === 0)
  if (bad !== undefined) throw new UsageError(`delivery IDs are positive numbers, got "${bad}"`)
  if (!values.to) throw new UsageError('replay needs --to URL (where to send the deliveries)')
  return { ids: positionals.map(Number), to: values.to, editBody: values['edit-body'], dataDir: values['data-dir'] }
}

/** What the command prints and where; the test passes its own. */
export interface Output {
  out(line: string): void
  err(line: string): void
}

const stdio: Output = { out: (l) => console.log(l), err: (l) => console.error(l) }

class NotRunning extends Error {}

/** A failed answer (4xx/5xx) counts as a failed attempt too: the app did not accept the delivery. */
export function attemptFailed(a: Pick<Attempt, 'status' | 'error'>): boolean {
  return a.error !== null || a.status === null || a.status >= 400
}

function describe(id: number, a: Attempt): string {
  const outcome = a.status !== null ? `${a.status}` : 'no answer'
  const error = a.error ? `: ${a.error}` : ''
  const edited = a.edited ? ' (edited)' : ''
  return `#${id} → ${outcome}${error} in ${a.durationMs} ms${edited}  [attempt ${a.id}]`
}

async function post(runtime: RuntimeInfo, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  let res: Response
  try {
    res = await fetch(`${runtime.apiUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${runtime.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch {
    throw new NotRunning(`Hooktray is not answering at ${runtime.apiUrl} (the process may have stopped)`)
  }
  const text = await res.text()
  try {
    return { status: res.status, json: JSON.parse(text) as unknown }
  } catch {
    return { status: res.status, json: { error: `HTTP ${res.status}: ${text.slice(0, 200)}` } }
  }
}

function readBody(file: string): Buffer {
  try {
    return file === '-' ? readFileSync(0) : readFileSync(file)
  } catch (err) {
    throw new UsageError(`--edit-body: cannot read ${file}: ${(err as Error).message}`)
  }
}

/**
 * `hooktray replay ID... --to URL`: asks the running instance (found through its runtime file)
 * to replay each delivery in turn and prints every attempt. Returns the exit code: 0 when every
 * attempt was answered below 400, 1 otherwise.
 */
export async function replayCommand(args: ReplayArgs, io: Output = stdio): Promise<number> {
  const dataDir = resolve(args.dataDir ?? defaultDataDir())
  const runtime = readRuntimeFile(dataDir)
  if (!runtime) {
    io.err(`hooktray: no running Hooktray found (no ${RUNTIME_FILE} in ${dataDir}). Start the Hooktray app or \`hooktray serve\`, or pass --data-dir.`)
    return 1
  }
  // Bytes travel as base64 so a binary or non-UTF-8 file arrives exactly as it is on disk.
  const edits = args.editBody === undefined ? undefined : { bodyBase64: readBody(args.editBody).toString('base64') }
  let failed = 0
  for (const id of args.ids) {
    let reply
    try {
      reply = await post(runtime, `/api/deliveries/${id}/replay`, { target: args.to, edits })
    } catch (err) {
      if (!(err instanceof NotRunning)) throw err
      io.err(`hooktray: ${err.message}. Start the Hooktray app or \`hooktray serve\`.`)
      return 1
    }
    if (reply.status !== 200) {
      const message = (reply.json as { error?: string }).error ?? `HTTP ${reply.status}`
      io.err(`#${id} → error: ${message}`)
      failed++
      // A refused target will be refused for every ID: say it once.
      if (reply.status === 400 || reply.status === 401) break
      continue
    }
    const attempt = reply.json as Attempt
    if (attemptFailed(attempt)) {
      failed++
      io.err(describe(id, attempt))
    } else {
      io.out(describe(id, attempt))
    }
  }
  return failed > 0 ? 1 : 0
}
