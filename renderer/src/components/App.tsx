import { useContext, useEffect, useRef } from 'react'
import type { RendererClient } from '../client'
import { connectLive } from '../state/live'
import { connectNotify } from '../state/notify-live'
import { StoreContext, useAppStore } from '../state/store'
import { ConnectionsPage } from './ConnectionsPage'
import { DeliveryList } from './DeliveryList'
import { DetailPane } from './DetailPane'
import { EmptyState } from './EmptyState'
import { ErrorBanner } from './ErrorBanner'
import { HeaderBar } from './HeaderBar'
import { SettingsPage } from './SettingsPage'
import { ShortcutsHelp } from './ShortcutsHelp'
import { StatusStrip } from './StatusStrip'

export type Props = { client: RendererClient }

export function App({ client }: Props) {
  const store = useContext(StoreContext)
  // A list narrowed to one registration stays a list when empty, so the filter can be cleared.
  const empty = useAppStore((s) => s.items.length === 0 && s.registrationFilter === null && s.listFilter === null)
  const page = useAppStore((s) => s.page)
  const detailRef = useRef<HTMLElement>(null)

  useEffect(() => (store ? connectLive(store, client) : undefined), [store, client])
  useEffect(() => (store ? connectNotify(store, client) : undefined), [store, client])

  return (
    <div className="app">
      <HeaderBar />
      <ErrorBanner />
      {page === 'connections' ? <ConnectionsPage /> : null}
      {page !== 'deliveries' ? null : empty ? (
        <EmptyState />
      ) : (
        <main className="split">
          <DeliveryList onOpen={() => detailRef.current?.focus()} />
          <DetailPane ref={detailRef} />
        </main>
      )}
      {page === 'settings' ? <SettingsPage /> : null}
      <StatusStrip />
      <ShortcutsHelp />
    </div>
  )
}
