import type { OrphanReport } from '../../../../shared/provider-schemas'
import type { EventBus } from '../../events'
import type { SecretBox } from '../../secrets'
import type { ConnectionRepository } from '../../store/connections'
import type { RegistrationPatch, RegistrationRepository, RegistrationRow } from '../../store/registrations'
import type { HttpSettings } from '../http'
import type { SelfAddress } from '../../replay/target'
import type { KeyedQueue } from './keyed-queue'

/** What the service's parts share: stores, the secret box, and the change notifications. */
export interface Env {
  box: SecretBox
  connections: ConnectionRepository
  registrations: RegistrationRepository
  events: EventBus
  http?: Partial<HttpSettings>
  /** Aborted at shutdown so no provider call outlives the core. */
  signal: AbortSignal
  queue: KeyedQueue
  orphanReports: Map<string, OrphanReport>
  publicUrl(): string | null
  /** Where the receiver listens (forward targets must not point back at it). */
  self?: () => SelfAddress
  /** Persist a change, refresh the capture routes, tell the clients. */
  save(id: string, patch: RegistrationPatch): RegistrationRow | null
  insert(row: RegistrationRow): RegistrationRow
  emitConnection(id: string): void
  /** A provider call on this connection succeeded (null) or failed: keeps its credentials flag true. */
  noteCall(connectionId: string, error: unknown): void
}
