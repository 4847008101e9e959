import { useContext, useEffect, useRef } from 'react'
import type { RendererClient } from '../client'
import { connectLive } from '../state/live'
import { StoreContext, useAppStore } from '../state/store'
import { DeliveryList } from './DeliveryList'
import { DetailPane } from './DetailPane'
import { EmptyState } from './EmptyState'
import { ErrorBanner } from './ErrorBanner'
import { HeaderBar } from './HeaderBar'

export type Props = { client: RendererClient }

export function App({ client }: Props) {
  const store = useContext(StoreContext)
  const empty = useAppStore((s) => s.items.length === 0)
  const page = useAppStore((s) => s.page)
  const detailRef = useRef<HTMLElement>(null)

  useEffect(() => (store ? connectLive(store, client) : undefined), [store, client])

  return (
    <div className="app">
      <HeaderBar />
      <ErrorBanner />
      {page !== 'deliveries' ? null : empty ? (
        <EmptyState />
      ) : (
        <main className="split">
          <DeliveryList onOpen={() => detailRef.current?.focus()} />
          <DetailPane ref={detailRef} />
        </main>
      )}
    </div>
  )
}
