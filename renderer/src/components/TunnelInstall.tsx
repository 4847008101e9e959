import { formatSize } from '../lib/format'
import { useAppStore } from '../state/store'

export type Props = Record<string, never>

/** Offered when cloudflared is missing: downloads it into the app's data folder, with progress. */
export function TunnelInstall(_props: Props) {
  const install = useAppStore((s) => s.install)
  const start = useAppStore((s) => s.startInstall)
  const running = install?.state === 'running'
  const failed = install?.state === 'failed'

  return (
    <div className="tunnel-install" data-testid="tunnel-install">
      <p className="tunnel-install-text">
        <strong>cloudflared is not installed.</strong> Hooktray can download it from Cloudflare&apos;s releases on
        GitHub into its data folder. Capture keeps working locally meanwhile.
      </p>
      {running ? <Progress fraction={install.fraction} bytes={install.bytes} verifying={install.phase === 'verifying'} /> : null}
      {failed ? (
        <div className="alert alert-error tunnel-install-error" role="alert" data-testid="install-error">
          <strong>Installing cloudflared failed.</strong> {install.error ?? 'No reason was given.'}
        </div>
      ) : null}
      {install?.state === 'done' && install.path ? (
        <p className="hint text-ok" data-testid="install-done">
          Installed at <code>{install.path}</code>. Starting the tunnel…
        </p>
      ) : null}
      {!running ? (
        <div>
          <button type="button" className="btn btn-primary" data-testid="install-cloudflared" onClick={() => void start()}>
            {failed ? 'Try again' : 'Install cloudflared'}
          </button>
        </div>
      ) : null}
    </div>
  )
}

type ProgressProps = { fraction: number | null; bytes: number; verifying: boolean }

function Progress({ fraction, bytes, verifying }: ProgressProps) {
  const percent = fraction === null ? null : Math.round(Math.max(0, Math.min(1, fraction)) * 100)
  return (
    <div className="tunnel-install-progress" data-testid="install-progress">
      <div
        className={`tunnel-progress${percent === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label="Downloading cloudflared"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <div className="tunnel-progress-bar" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <span className="hint">
        {verifying ? 'Checking the download…' : 'Downloading cloudflared…'}
        {bytes > 0 ? ` ${formatSize(bytes)}` : ''}
        {percent !== null ? ` (${percent}%)` : ''}
      </span>
    </div>
  )
}
