import { useEffect, useState, type FormEvent } from 'react'
import type { NotificationMode, NotificationSettings, NotificationSettingsPatch } from '../../../shared/notify-types'
import { parseList, parseLocalDateTime, parseNumberField, toLocalDateTime } from '../lib/notify'
import { useAppStore } from '../state/store'
import { NotificationsToggle } from './NotificationsToggle'
import { ThemeSwitch } from './ThemeSwitch'
import { VerificationSettings } from './VerificationSettings'

export type Props = Record<string, never>

const HOUR = 60 * 60_000

const MODES: { id: NotificationMode; label: string; hint: string }[] = [
  { id: 'all', label: 'Every delivery', hint: 'Bursts are grouped into one notification.' },
  { id: 'failures', label: 'Failures only', hint: 'Failed verification, forward failed or answered 5xx, registration failed, tunnel error.' },
  { id: 'none', label: 'None', hint: 'Nothing is shown; deliveries are still captured and counted as unread.' },
]

type Draft = { groupWindowMs: string; groupThreshold: string; maxPerMinute: string; muted: string; mutedRegistrations: string }

const draftOf = (s: NotificationSettings): Draft => ({
  groupWindowMs: String(s.groupWindowMs),
  groupThreshold: String(s.groupThreshold),
  maxPerMinute: String(s.maxPerMinute),
  muted: s.muted.join('\n'),
  mutedRegistrations: s.mutedRegistrations.join('\n'),
})

/** The time, refreshed every `ms` (do-not-disturb ends by itself, with no event to re-render on). */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}

/** Notification, do-not-disturb, grouping, mutes and theme settings. */
export function SettingsPage(_props: Props) {
  const settings = useAppStore((s) => s.notificationSettings)
  const error = useAppStore((s) => s.notificationSettingsError)
  const saving = useAppStore((s) => s.savingNotificationSettings)
  const load = useAppStore((s) => s.loadNotificationSettings)
  const save = useAppStore((s) => s.saveNotificationSettings)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [until, setUntil] = useState('')
  const [saved, setSaved] = useState(false)
  // The mode shows the click at once; the core's answer (or refusal) settles it.
  const [modeDraft, setModeDraft] = useState<NotificationMode | null>(null)
  const now = useNow(15_000)

  useEffect(() => void load(), [load])
  const current = draft ?? (settings ? draftOf(settings) : null)

  if (!settings || !current) {
    return (
      <main className="settings-page" data-testid="settings-page">
        <p className="muted">{error ? error.message : 'Loading settings…'}</p>
      </main>
    )
  }

  const fieldError = (field: string) =>
    error?.field === field ? (
      <span className="field-error" role="alert" data-testid={`error-${field}`}>
        {error.message.replace(/^notifications\.[^:]+:\s*/, '')}
      </span>
    ) : null
  const edit = (field: keyof Draft) => (e: { target: { value: string } }) => {
    setSaved(false)
    setDraft({ ...current, [field]: e.target.value })
  }

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    // Sent as typed: the core validates every field and its error names the one to fix.
    const patch = {
      groupWindowMs: parseNumberField(current.groupWindowMs),
      groupThreshold: parseNumberField(current.groupThreshold),
      maxPerMinute: parseNumberField(current.maxPerMinute),
      muted: parseList(current.muted),
      mutedRegistrations: parseList(current.mutedRegistrations),
    }
    const ok = await save(patch as NotificationSettingsPatch)
    if (ok) {
      setDraft(null)
      setSaved(true)
    }
  }

  const dndUntil = settings.doNotDisturbUntil
  const dndActive = dndUntil !== null && dndUntil > now

  return (
    <main className="settings-page" data-testid="settings-page">
      <div className="settings-inner">
        <h1 className="settings-title">Settings</h1>

        <section className="settings-card" aria-labelledby="notif-title">
          <h2 id="notif-title">Notifications</h2>
          <fieldset className="radios" data-testid="mode">
            <legend className="label">Notify about</legend>
            {MODES.map((m) => (
              <label key={m.id} className="radio-row">
                <input
                  type="radio"
                  name="mode"
                  value={m.id}
                  checked={(modeDraft ?? settings.mode) === m.id}
                  onChange={() => {
                    setModeDraft(m.id)
                    void save({ mode: m.id }).finally(() => setModeDraft(null))
                  }}
                  data-testid={`mode-${m.id}`}
                />
                <span>
                  <strong>{m.label}</strong> <span className="muted">{m.hint}</span>
                </span>
              </label>
            ))}
            {fieldError('mode')}
          </fieldset>

          <div className="settings-block">
            <span className="label">Do not disturb</span>
            <p className="dnd-state" data-testid="dnd-state">
              {dndActive ? `On until ${new Date(dndUntil).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}` : 'Off'}
            </p>
            <div className="settings-actions">
              <button type="button" className="btn" data-testid="dnd-hour" onClick={() => void save({ doNotDisturbUntil: Date.now() + HOUR })}>
                For 1 hour
              </button>
              <input
                type="datetime-local"
                className="input"
                aria-label="Do not disturb until"
                value={until}
                min={toLocalDateTime(now)}
                onChange={(e) => setUntil(e.target.value)}
              />
              <button
                type="button"
                className="btn"
                disabled={parseLocalDateTime(until) === null}
                onClick={() => void save({ doNotDisturbUntil: parseLocalDateTime(until) })}
              >
                Until then
              </button>
              {dndActive ? (
                <button type="button" className="btn" data-testid="dnd-off" onClick={() => void save({ doNotDisturbUntil: null })}>
                  Turn off
                </button>
              ) : null}
            </div>
            {fieldError('doNotDisturbUntil')}
          </div>

          <div className="settings-block">
            <span className="label">In this browser</span>
            <NotificationsToggle variant="full" />
          </div>
        </section>

        <form className="settings-card" aria-labelledby="group-title" onSubmit={(e) => void onSubmit(e)} noValidate>
          <h2 id="group-title">Bursts and mutes</h2>
          <div className="settings-grid">
            <label className="settings-field">
              <span className="label">Group window (ms)</span>
              <input className="input" inputMode="numeric" data-testid="field-groupWindowMs" value={current.groupWindowMs} onChange={edit('groupWindowMs')} />
              {fieldError('groupWindowMs')}
            </label>
            <label className="settings-field">
              <span className="label">Group after (deliveries)</span>
              <input className="input" inputMode="numeric" data-testid="field-groupThreshold" value={current.groupThreshold} onChange={edit('groupThreshold')} />
              {fieldError('groupThreshold')}
            </label>
            <label className="settings-field">
              <span className="label">At most per minute</span>
              <input className="input" inputMode="numeric" data-testid="field-maxPerMinute" value={current.maxPerMinute} onChange={edit('maxPerMinute')} />
              {fieldError('maxPerMinute')}
            </label>
          </div>
          <p className="hint">
            More than {settings.groupThreshold} deliveries within {settings.groupWindowMs.toLocaleString()} ms become one notification with the
            exact count; never more than {settings.maxPerMinute} notifications a minute.
          </p>
          <div className="settings-grid two">
            <label className="settings-field">
              <span className="label">Muted paths (one prefix per line)</span>
              <textarea className="input" rows={4} data-testid="field-muted" placeholder="/healthcheck" value={current.muted} onChange={edit('muted')} />
              {fieldError('muted')}
            </label>
            <label className="settings-field">
              <span className="label">Muted registrations (one id per line)</span>
              <textarea className="input" rows={4} data-testid="field-mutedRegistrations" value={current.mutedRegistrations} onChange={edit('mutedRegistrations')} />
              {fieldError('mutedRegistrations')}
            </label>
          </div>
          {error && error.field === null ? (
            <p className="alert alert-error" role="alert">
              {error.message}
            </p>
          ) : null}
          <div className="settings-actions">
            <button type="submit" className="btn btn-primary" disabled={saving || draft === null} data-testid="save-settings">
              {saving ? 'Saving…' : 'Save'}
            </button>
            {draft !== null ? (
              <button type="button" className="btn btn-ghost" onClick={() => setDraft(null)}>
                Discard changes
              </button>
            ) : saved ? (
              <span className="text-ok small" data-testid="settings-saved">
                Saved
              </span>
            ) : null}
          </div>
        </form>

        <VerificationSettings />

        <section className="settings-card" aria-labelledby="look-title">
          <h2 id="look-title">Appearance</h2>
          <div className="settings-block">
            <span className="label">Theme</span>
            <ThemeSwitch />
          </div>
        </section>
      </div>
    </main>
  )
}
