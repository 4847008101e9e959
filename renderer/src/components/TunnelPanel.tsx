import type { TunnelStatus } from '../../../shared/types'
import { useAppStore } from '../state/store'
import { isMissingBinary, type TunnelAction } from '../state/tunnel-slice'
import { CopyButton } from './CopyButton'
import { RetryCountdown } from './RetryCountdown'
import { TunnelInstall } from './TunnelInstall'
import { TunnelModeForm } from './TunnelModeForm'

export type Props = { tunnel: TunnelStatus }

const STATE_TEXT: Record<TunnelStatus['state'], string> = {
  stopped: 'Stopped',
  starting: 'Starting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  error: 'Error',
}

const BUSY_TEXT: Record<TunnelAction, string> = {
  apply: 'Applying…',
  start: 'Starting…',
  stop: 'Stopping…',
  restart: 'Restarting…',
}

/** What the tunnel is doing, its controls, and the mode it runs in. */
export function TunnelPanel({ tunnel }: Props) {
  const config = useAppStore((s) => s.tunnelConfig)
  const busy = useAppStore((s) => s.tunnelBusy)
  const control = useAppStore((s) => s.tunnelControl)
  const install = useAppStore((s) => s.install)
  const receiverUrl = useAppStore((s) => s.status?.receiver.url ?? null)

  const mode = config?.mode ?? tunnel.mode
  const running = tunnel.state === 'starting' || tunnel.state === 'connected' || tunnel.state === 'reconnecting'
  const showInstall = isMissingBinary(tunnel) || install?.state === 'running'

  return (
    <div className="popover tunnel-popover" role="dialog" aria-label="Tunnel" data-testid="tunnel-panel">
      <div className="tunnel-panel-head">
        <h3 className="popover-title">Public URL</h3>
        <span className={`tunnel-state-text tunnel-text-${tunnel.state}`} data-testid="tunnel-panel-state">
          {mode === 'none' && tunnel.state === 'stopped' ? 'Local only' : STATE_TEXT[tunnel.state]}
        </span>
      </div>

      {tunnel.publicUrl ? (
        <div className="tunnel-url">
          <code data-testid="tunnel-panel-url">{tunnel.publicUrl}</code>
          <CopyButton text={tunnel.publicUrl} label="Copy" title="Copy public URL" />
        </div>
      ) : (
        <p className="hint">
          {mode === 'none'
            ? 'Local only: providers on the internet cannot reach this machine. Choose a tunnel below.'
            : running
              ? 'Waiting for the public URL…'
              : 'No public URL: providers on the internet cannot reach this machine.'}
        </p>
      )}
      {receiverUrl ? (
        <div className="tunnel-local" title="The tunnel forwards to the receiver only, never to this inspector">
          <span>{tunnel.publicUrl ? 'Forwards to the local receiver' : 'Local receiver'}</span>
          <code data-testid="tunnel-panel-receiver">{receiverUrl}</code>
          <CopyButton text={receiverUrl} label="" title="Copy receiver URL" className="btn-icon" />
        </div>
      ) : null}
      {tunnel.state === 'error' && tunnel.error ? (
        <p className="alert alert-error tunnel-reason" role="alert" data-testid="tunnel-status-error">
          {tunnel.error}
          {tunnel.retryAt !== undefined ? (
            <>
              <br />
              <RetryCountdown key={tunnel.retryAt} at={tunnel.retryAt} />
            </>
          ) : null}
        </p>
      ) : null}

      {showInstall ? <TunnelInstall /> : null}

      <div className="tunnel-buttons">
        <button
          type="button"
          className="btn"
          disabled={busy !== null || mode === 'none' || running}
          data-testid="tunnel-start"
          onClick={() => void control('start')}
        >
          {busy === 'start' ? BUSY_TEXT.start : 'Start'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy !== null || tunnel.state === 'stopped'}
          data-testid="tunnel-stop"
          onClick={() => void control('stop')}
        >
          {busy === 'stop' ? BUSY_TEXT.stop : 'Stop'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy !== null || mode === 'none'}
          title={mode === 'cloudflared' ? 'A quick tunnel comes back with a new URL' : undefined}
          data-testid="tunnel-restart"
          onClick={() => void control('restart')}
        >
          {busy === 'restart' ? BUSY_TEXT.restart : 'Restart'}
        </button>
        {busy === 'apply' ? <span className="hint">{BUSY_TEXT.apply}</span> : null}
      </div>

      {config ? <TunnelModeForm config={config} /> : <p className="hint">Loading the tunnel settings…</p>}
    </div>
  )
}
