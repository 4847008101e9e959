// Starts the real `hooktray serve` (the built bin, as a user runs it) for browser tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export interface Served {
  child: ChildProcess
  receiverUrl: string
  inspectorUrl: string
  apiUrl: string
  dataDir: string
  token: string
  stop(): Promise<number | null>
}

const ROOT = resolve(__dirname, '..', '..')

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hooktray-e2e-'))
}

export async function serve(dataDir: string, extraArgs: string[] = [], env: Record<string, string> = {}): Promise<Served> {
  const token = 'e2e-token'
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'hooktray.js'), 'serve', '--port', '0', '--ui-port', '0', '--data-dir', dataDir, '--json', ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, HOOKTRAY_TOKEN: token, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const info = await new Promise<{ receiverUrl: string; inspectorUrl: string; apiUrl: string }>((res, rej) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      if (out.includes('\n')) res(JSON.parse(out.split('\n')[0]!))
    })
    child.once('exit', (code) => rej(new Error(`hooktray serve exited ${code}: ${stderr}`)))
  })
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return {
    child,
    ...info,
    dataDir,
    token,
    stop: async () => {
      child.kill('SIGTERM')
      return exited
    },
  }
}

export async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): Promise<number> {
  const payload = typeof body === 'string' ? body : new Uint8Array(body)
  const res = await fetch(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : payload })
  const json = (await res.json()) as { id: number }
  return json.id
}
