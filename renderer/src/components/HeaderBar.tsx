import { useAppStore } from '../state/store'
import { ClearButton } from './ClearButton'
import { CopyButton } from './CopyButton'
import { ForwardingControl } from './ForwardingControl'
import { NavTabs } from './NavTabs'
import { TunnelControl } from './TunnelControl'

export type Props = Record<string, never>

export function HeaderBar(_props: Props) {
  const status = useAppStore((s) => s.status)
  const total = useAppStore((s) => s.total)
  const connection = useAppStore((s) => s.connection)
  const clearAll = useAppStore((s) => s.clearAll)
  const publicUrl = status?.tunnel.publicUrl ?? null

  return (
    <header className="header-bar">
      <div className="brand">
        <Logo />
        <span className="brand-name">Hooktray</span>
      </div>
      <NavTabs />
      {status ? (
        <div className="receiver" title="Local receiver: send webhooks here (any method, any path)">
          <span className="label">Receiver</span>
          <code data-testid="receiver-url">{status.receiver.url}</code>
          <CopyButton text={status.receiver.url} label="" title="Copy receiver URL" className="btn-icon" />
        </div>
      ) : null}
      <div className="header-center">
        {publicUrl ? (
          <div className="public-url" title="Public URL: give this to webhook providers">
            <span className="label">Public URL</span>
            <code data-testid="public-url">{publicUrl}</code>
            <CopyButton text={publicUrl} label="Copy" title="Copy public URL" />
          </div>
        ) : null}
        {status ? <TunnelControl tunnel={status.tunnel} /> : null}
      </div>
      <div className="header-right">
        <ForwardingControl />
        {connection !== 'open' ? (
          <span className="badge conn-badge" data-testid="connection-state">
            <span className="dot" aria-hidden="true" />
            {connection === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
          </span>
        ) : null}
        <span className="count" data-testid="delivery-count">
          {total.toLocaleString()} {total === 1 ? 'request' : 'requests'}
        </span>
        <ClearButton count={total} onClear={clearAll} />
      </div>
    </header>
  )
}

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      <rect x="1" y="1" width="22" height="22" rx="6" fill="var(--accent)" />
      <path
        d="M9 5v8.5a3.5 3.5 0 0 0 7 0V12m0 0-2 2m2-2 2 2"
        fill="none"
        stroke="#fff"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
