import { useState, type FormEvent, type ReactNode } from 'react'
import type { TunnelConfigInput, TunnelConfigView } from '../../../shared/tunnel-schemas'
import type { TunnelMode } from '../../../shared/types'
import { useAppStore } from '../state/store'

export type Props = { config: TunnelConfigView }

const MODES: { mode: TunnelMode; title: string; hint: string }[] = [
  { mode: 'none', title: 'None', hint: 'Local only: the receiver URL works on this machine.' },
  { mode: 'cloudflared', title: 'Cloudflare quick tunnel', hint: 'A random https://….trycloudflare.com URL; no account. It changes on restart.' },
  { mode: 'named', title: 'Named tunnel', hint: 'A stable URL on a host name you route to a Cloudflare tunnel.' },
  { mode: 'manual', title: 'Manual public URL', hint: 'Your own reverse proxy, ngrok or VPS already forwards to the receiver.' },
]

/** The tunnel's mode and its settings. The named tunnel's token is write-only: it is never shown. */
export function TunnelModeForm({ config }: Props) {
  const apply = useAppStore((s) => s.applyTunnel)
  const control = useAppStore((s) => s.tunnelControl)
  const busy = useAppStore((s) => s.tunnelBusy)
  const error = useAppStore((s) => s.tunnelError)
  const dismiss = useAppStore((s) => s.dismissTunnelError)
  const [mode, setMode] = useState<TunnelMode>(config.mode)
  const [binPath, setBinPath] = useState(config.binPath ?? '')
  const [token, setToken] = useState('')
  const [hostname, setHostname] = useState(config.hostname ?? '')
  const [url, setUrl] = useState(config.url ?? '')

  const choose = (next: TunnelMode): void => {
    setMode(next)
    dismiss()
  }

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    const bin = binPath.trim() || null
    // The core keeps the token it has; without a new one, an unchanged named tunnel just starts again.
    const keepsToken =
      mode === 'named' && !token && config.tokenSet && config.mode === 'named' && hostname.trim() === (config.hostname ?? '') && bin === config.binPath
    if (keepsToken) {
      await control('restart')
      return
    }
    const input: TunnelConfigInput =
      mode === 'none'
        ? { mode }
        : mode === 'cloudflared'
          ? { mode, binPath: bin }
          : mode === 'named'
            ? { mode, token, hostname: hostname.trim(), binPath: bin }
            : { mode, url }
    if (await apply(input)) setToken('')
  }

  const chosen = MODES.find((m) => m.mode === mode) ?? MODES[0]!
  return (
    <form className="tunnel-form" aria-label="Tunnel mode" data-testid="tunnel-form" onSubmit={(e) => void submit(e)}>
      <fieldset className="tunnel-modes">
        <legend className="label">Mode</legend>
        {MODES.map((m) => (
          <label key={m.mode} className={`tunnel-mode-option${mode === m.mode ? ' is-chosen' : ''}`}>
            <input type="radio" name="tunnel-mode" checked={mode === m.mode} data-testid={`tunnel-mode-${m.mode}`} onChange={() => choose(m.mode)} />
            {m.title}
          </label>
        ))}
      </fieldset>
      <div className="tunnel-mode-body">
        <span className="hint">{chosen.hint}</span>
        {mode === 'named' ? (
          <>
            <Field label="Tunnel token">
              <input
                className="input mono"
                type="password"
                autoComplete="off"
                value={token}
                placeholder={config.tokenSet ? 'A token is set (hidden); paste one to replace it' : 'eyJhIjoi…'}
                data-testid="tunnel-token"
                onChange={(e) => setToken(e.target.value)}
              />
            </Field>
            <Field label="Host name">
              <input
                className="input mono"
                value={hostname}
                placeholder="hooks.example.com"
                spellCheck={false}
                data-testid="tunnel-hostname"
                onChange={(e) => setHostname(e.target.value)}
              />
            </Field>
          </>
        ) : null}
        {mode === 'cloudflared' || mode === 'named' ? (
          <Field label="cloudflared path" optional>
            <input
              className="input mono"
              value={binPath}
              placeholder="Found automatically"
              spellCheck={false}
              data-testid="tunnel-bin-path"
              onChange={(e) => setBinPath(e.target.value)}
            />
          </Field>
        ) : null}
        {mode === 'manual' ? (
          <Field label="Public URL">
            <input
              className="input mono"
              inputMode="url"
              value={url}
              placeholder="https://hooks.example.com"
              spellCheck={false}
              data-testid="tunnel-manual-url"
              onChange={(e) => setUrl(e.target.value)}
            />
          </Field>
        ) : null}
      </div>
      {error ? (
        <p className="alert alert-error" role="alert" data-testid="tunnel-error">
          {error}
        </p>
      ) : null}
      <div className="popover-actions">
        <button type="submit" className="btn btn-primary" disabled={busy !== null} data-testid="tunnel-apply">
          {busy === 'apply' ? 'Applying…' : mode === 'none' ? 'Apply' : 'Apply and start'}
        </button>
      </div>
    </form>
  )
}

type FieldProps = { label: string; optional?: boolean; children: ReactNode }

function Field({ label, optional, children }: FieldProps) {
  return (
    <label className="tunnel-field">
      <span className="label">
        {label}
        {optional ? <span className="muted"> (optional)</span> : null}
      </span>
      {children}
    </label>
  )
}
