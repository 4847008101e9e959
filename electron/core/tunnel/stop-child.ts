import type { ChildProcess } from 'node:child_process'

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

/**
 * Ends a child: SIGTERM (cloudflared then drains and exits), SIGKILL if it is still there after
 * `graceMs`. Resolves once the process has exited and been reaped, so its pid is gone.
 */
export function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return Promise.resolve()
  return new Promise((resolve) => {
    let killTimer: NodeJS.Timeout | null = null
    const done = () => {
      if (killTimer) clearTimeout(killTimer)
      resolve()
    }
    child.once('exit', done)
    // A child whose spawn failed never exits; 'error' is all it will say.
    child.once('error', () => {
      if (child.pid === undefined) done()
    })
    child.kill('SIGTERM')
    killTimer = setTimeout(() => {
      if (!hasExited(child)) child.kill('SIGKILL')
    }, graceMs)
  })
}
