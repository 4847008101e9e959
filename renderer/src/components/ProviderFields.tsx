import { AUTH_TYPE_NAMES, MYCIRRUS_TYPE_NAMES, type ProviderKindName } from '../../../shared/provider-schemas'
import { toggle, type RegistrationForm } from '../lib/provider-form'

export type Props = {
  provider: ProviderKindName
  form: RegistrationForm
  update: (patch: Partial<RegistrationForm>) => void
}

/** The registration options each provider's API takes, and nothing else. */
export function ProviderFields({ provider, form, update }: Props) {
  switch (provider) {
    case 'mycirrus':
      return (
        <>
          <label className="conn-field">
            <span>Instrument</span>
            <input value={form.instrument} placeholder="serial, e.g. QT123456" onChange={(e) => update({ instrument: e.target.value })} data-testid="reg-instrument" />
          </label>
          <fieldset className="field checks" data-testid="reg-types">
            <legend>Types (one webhook each)</legend>
            {MYCIRRUS_TYPE_NAMES.map((t) => (
              <label key={t} className="check">
                <input type="checkbox" checked={form.types.includes(t)} onChange={() => update({ types: toggle(form.types, t) })} />
                {t}
              </label>
            ))}
          </fieldset>
          <label className="conn-field">
            <span>Secret</span>
            <input type="password" autoComplete="off" value={form.secret} placeholder="blank: MyCirrus generates one" onChange={(e) => update({ secret: e.target.value })} />
          </label>
        </>
      )
    case 'aggregate-intelligence':
      return (
        <>
          <label className="conn-field">
            <span>How it proves itself</span>
            <select value={form.authType} onChange={(e) => update({ authType: e.target.value })} data-testid="reg-auth-type">
              {AUTH_TYPE_NAMES.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={form.isAlertHook} onChange={(e) => update({ isAlertHook: e.target.checked })} />
            Alert hook (isAlertHook)
          </label>
        </>
      )
    case 'droplit':
      return (
        <>
          <label className="conn-field">
            <span>Ecosystem ID</span>
            <input value={form.ecosystemId} onChange={(e) => update({ ecosystemId: e.target.value })} data-testid="reg-ecosystem" />
          </label>
          <label className="conn-field">
            <span>Description</span>
            <input value={form.description} placeholder="optional" onChange={(e) => update({ description: e.target.value })} />
          </label>
        </>
      )
    case 'webhooks-api':
      return (
        <label className="conn-field">
          <span>Events</span>
          <input value={form.events} placeholder="comma separated, e.g. order.created, order.paid" onChange={(e) => update({ events: e.target.value })} data-testid="reg-events" />
        </label>
      )
    case 'generic':
      return <p className="muted small">The request templates are part of the connection’s options.</p>
  }
}
