import type { TunnelStatus } from '../../../shared/types'

export type Props = { tunnel: TunnelStatus }

const LABELS: Record<TunnelStatus['state'], string> = {
  stopped: 'Tunnel off',
  starting: 'Tunnel starting…',
  connected: 'Tunnel connected',
  reconnecting: 'Tunnel reconnecting…',
  error: 'Tunnel error',
}

export function TunnelBadge({ tunnel }: Props) {
  const label = tunnel.mode === 'none' && tunnel.state === 'stopped' ? 'Local only' : LABELS[tunnel.state]
  return (
    <span
      className={`badge tunnel-badge tunnel-${tunnel.state}`}
      data-testid="tunnel-state"
      data-state={tunnel.state}
      title={tunnel.error ? `${tunnel.error}${tunnel.retryAt !== undefined ? ' (Hooktray keeps trying)' : ''}` : `Tunnel: ${tunnel.mode}, ${tunnel.state}`}
    >
      <span className="dot" aria-hidden="true" />
      <span className="badge-text">
        {tunnel.state === 'error' && tunnel.error ? `${label}: ${tunnel.error}` : label}
      </span>
    </span>
  )
}
