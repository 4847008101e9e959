import { exampleCurl } from '../lib/shell'
import { useAppStore } from '../state/store'
import { CopyButton } from './CopyButton'

export type Props = Record<string, never>

export function EmptyState(_props: Props) {
  const receiverUrl = useAppStore((s) => s.status?.receiver.url ?? null)
  const publicUrl = useAppStore((s) => s.status?.tunnel.publicUrl ?? null)
  const url = publicUrl ?? receiverUrl
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-card">
        <h2>Waiting for the first webhook</h2>
        <p>
          Send any request to the URL below: any method, any path. Hooktray captures it and shows it here the moment
          it arrives.
        </p>
        {url ? (
          <>
            <div className="copy-field">
              <span className="label">{publicUrl ? 'Public URL' : 'Receiver URL'}</span>
              <code data-testid="empty-url">{url}</code>
              <CopyButton text={url} label="Copy" title="Copy URL" />
            </div>
            {!publicUrl ? (
              <p className="muted small">This URL works on this machine. Providers on the internet need a tunnel.</p>
            ) : null}
            <p className="try">Try it from a terminal:</p>
            <div className="command">
              <pre className="code" data-testid="empty-curl">{exampleCurl(url)}</pre>
              <CopyButton text={exampleCurl(url)} label="Copy" title="Copy curl command" />
            </div>
          </>
        ) : (
          <p className="muted">Connecting to Hooktray…</p>
        )}
      </div>
    </div>
  )
}
