import type { RegistrationView, VerifySummary } from '../../../shared/provider-schemas'
import { useAppStore } from '../state/store'
import { StateBadge } from './StateBadge'

export type Props = { registration: RegistrationView }

function describeVerify(v: VerifySummary | null, registered: boolean): string {
  if (!v) return registered ? 'None: this provider does not authenticate its deliveries' : 'Set up when it registers'
  if (v.scheme === 'hmac') return `${v.algorithm.toUpperCase()} HMAC in ${v.header} (${v.encoding}), secret ${v.secret}`
  return `${v.authType} credential${v.secret ? ` ${v.secret}` : ''}`
}

/** One registration: its state, where it points, what went wrong in the provider's words, and actions. */
export function RegistrationItem({ registration: r }: Props) {
  const test = useAppStore((s) => s.testRegistration)
  const retry = useAppStore((s) => s.retryRegistration)
  const remove = useAppStore((s) => s.deleteRegistration)
  const dismiss = useAppStore((s) => s.dismissRegistrationNotice)
  const mutedList = useAppStore((s) => s.notificationSettings?.mutedRegistrations ?? null)
  const saveNotificationSettings = useAppStore((s) => s.saveNotificationSettings)
  // One change at a time: each builds on the list the last save returned.
  const savingMutes = useAppStore((s) => s.savingNotificationSettings)
  const muted = mutedList?.includes(r.id) ?? false
  const toggleMute = () => {
    if (!mutedList) return
    void saveNotificationSettings({ mutedRegistrations: muted ? mutedList.filter((id) => id !== r.id) : [...mutedList, r.id] })
  }
  const setFilter = useAppStore((s) => s.setRegistrationFilter)
  const setPage = useAppStore((s) => s.setPage)
  const result = useAppStore((s) => s.testResults[r.id])
  const live = r.state !== 'removed'

  return (
    <li className={`registration state-row-${r.state}`} data-testid="registration" data-id={r.id} data-state={r.state}>
      <div className="registration-head">
        <StateBadge state={r.state} />
        <code className="registration-path">{r.receiverPath}</code>
        {Object.keys(r.options).length ? <span className="muted small registration-options">{optionsText(r.options)}</span> : null}
        <span className="registration-actions">
          <button
            type="button"
            className="btn small"
            onClick={() => {
              setFilter(r.id)
              setPage('deliveries')
            }}
          >
            Deliveries
          </button>
          {live && mutedList ? (
            <button
              type="button"
              className="btn small"
              aria-pressed={muted}
              disabled={savingMutes}
              title={muted ? 'Its deliveries are captured but raise no notification' : 'Stop notifications for this registration'}
              onClick={toggleMute}
              data-testid="registration-mute"
            >
              {muted ? 'Unmute' : 'Mute'}
            </button>
          ) : null}
          {r.state === 'registered' ? (
            <button type="button" className="btn small" onClick={() => void test(r.id)} data-testid="registration-test">
              Send test
            </button>
          ) : null}
          {r.state === 'failed' || r.state === 'pending' ? (
            <button type="button" className="btn small" onClick={() => void retry(r.id)} data-testid="registration-retry">
              Retry
            </button>
          ) : null}
          {live ? (
            <button type="button" className="btn small" onClick={() => void remove(r.id)} data-testid="registration-remove">
              {r.state === 'stale' ? 'Forget' : 'Unregister'}
            </button>
          ) : null}
        </span>
      </div>
      <dl className="kv small">
        <dt>URL at provider</dt>
        <dd>{r.targetUrl ? <code data-testid="registration-target">{r.targetUrl}</code> : <span className="muted">none yet</span>}</dd>
        {r.remoteIds.length ? (
          <>
            <dt>Provider id{r.remoteIds.length > 1 ? 's' : ''}</dt>
            <dd>
              <code>{r.remoteIds.join(', ')}</code>
            </dd>
          </>
        ) : null}
        <dt>Verification</dt>
        <dd>{describeVerify(r.verify, r.state === 'registered')}</dd>
        {r.forwardTo ? (
          <>
            <dt>Forwards to</dt>
            <dd>
              <code>{r.forwardTo}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {r.error ? (
        // The provider's own words, as plain text: never shortened, never rendered as HTML.
        <pre className="alert alert-error provider-text" role="alert" data-testid="registration-error">
          {r.error}
        </pre>
      ) : null}
      {r.notice ? (
        <p className="notice small" data-testid="registration-notice">
          {r.notice}
          {live ? null : (
            <button type="button" className="btn btn-ghost small notice-dismiss" onClick={() => void dismiss(r.id)} data-testid="registration-dismiss">
              Done
            </button>
          )}
        </p>
      ) : null}
      {result ? (
        <p className={`small ${result.ok ? 'text-ok' : 'text-warn'}`} data-testid="registration-test-result">
          {result.message}
        </p>
      ) : null}
    </li>
  )
}

function optionsText(options: Record<string, unknown>): string {
  return Object.entries(options)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join(' · ')
}
