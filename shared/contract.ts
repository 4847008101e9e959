import { z } from 'zod'
import { ApiError } from './errors'
import { METHOD_NAMES, type MethodNameFromList } from './method-names'

export { ApiError }
import {
  bulkReplaySchema,
  forwardingSettingsSchema,
  replayOptionsSchema,
  replaySettingsSchema,
} from './replay-schemas'
import type {
  TunnelStatus,
  Attempt,
  BulkJob,
  Delivery,
  DeliveryPage,
  DeliverySummary,
  SentRequest,
  Status,
} from './types'
import type { ForwardingSettings, ReplaySettings } from './replay-schemas'
import { providerArgSchemas, type ConnectionView, type ProviderResults, type RegistrationView } from './provider-schemas'
import { tunnelConfigSchema, type CloudflaredInstallProgress, type TunnelConfigView } from './tunnel-schemas'
import type {
  HooktrayNotification,
  NotificationFilter,
  NotificationSettings,
  NotificationSettingsPatch,
  TrayMenu,
  TrayStatus,
} from './notify-types'

/**
 * THE contract between the core and every client (renderer over IPC, renderer over HTTP,
 * scripts over HTTP). Each method has a zod schema for its arguments, checked at every
 * boundary, and a result type. Add a feature by adding entries here; the IPC binding,
 * the preload, the HTTP RPC route and the renderer client all derive from these maps.
 */

const id = z.coerce.number().int().positive()

/** The list's filter: the same fields narrow a page of deliveries and "select all". */
const listFilterFields = {
  /** Only deliveries that arrived through this provider registration. */
  registrationId: z.string().min(1).max(100).optional(),
  /** Only deliveries whose path starts with this (e.g. a grouped notification's "/mycirrus/"). */
  pathPrefix: z.string().startsWith('/', 'pathPrefix must start with /').max(2048).optional(),
}

export const argSchemas = {
  listDeliveries: z.object({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    before: z
      .string()
      .regex(/^\d+$/, 'before must be a cursor returned as nextBefore')
      .nullish(),
    ...listFilterFields,
  }),
  /** Every id in the list's filter, newest first (select all; a bulk replay takes up to 100 000). */
  listDeliveryIds: z.object({
    limit: z.coerce.number().int().min(1).max(100_000).default(100_000),
    ...listFilterFields,
  }),
  getDelivery: z.object({ id }),
  getDeliveryBody: z.object({
    id,
    /** At most this many bytes from the start (the whole body when absent). */
    limit: z.coerce.number().int().min(0).optional(),
  }),
  clearDeliveries: z.object({}),
  getStatus: z.object({}),

  // Replay and forwarding
  replayDelivery: replayOptionsSchema.extend({ id }),
  listAttempts: z.object({ deliveryId: id }),
  getAttemptBody: z.object({ id }),
  getAttemptSent: z.object({ id }),
  startReplayJob: bulkReplaySchema,
  getReplayJob: z.object({ id: z.string().min(1) }),
  cancelReplayJob: z.object({ id: z.string().min(1) }),
  listReplayJobs: z.object({}),
  getForwarding: z.object({}),
  setForwarding: forwardingSettingsSchema.partial(),
  getReplaySettings: z.object({}),
  setReplaySettings: replaySettingsSchema.partial(),

  // Tunnel
  getTunnel: z.object({}),
  setTunnel: tunnelConfigSchema,
  startTunnel: z.object({}),
  stopTunnel: z.object({}),
  restartTunnel: z.object({}),
  installCloudflared: z.object({}),
  getCloudflaredInstall: z.object({}),

  // Provider connections and registrations
  ...providerArgSchemas,

  // Notifications and the tray. The patch is validated field by field by the core's
  // mergeSettings (400 naming the field); here only its being an object is checked.
  getNotificationSettings: z.object({}),
  setNotificationSettings: z.custom<NotificationSettingsPatch>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    'expected an object of notification settings',
  ),
  clearUnread: z.object({}),
  /** The window (shell) or page (browser) the user reads in gained or lost focus. */
  /**
   * leaseMs: the focus holds that long unless reported again (a browser tab that closes or loses
   * the network never says it stopped looking). Omitted: until the next report (the desktop shell).
   */
  setFocused: z.object({ focused: z.boolean(), leaseMs: z.number().int().min(1000).max(10 * 60_000).optional() }),
  /** startAtLogin: the shell's login-item state (omitted where there is none). */
  getTrayMenu: z.object({ startAtLogin: z.boolean().nullish() }),
} as const

export interface TunnelInfo {
  status: TunnelStatus
  config: TunnelConfigView
}

export type MethodName = keyof typeof argSchemas
export type ArgsOf<M extends MethodName> = z.input<(typeof argSchemas)[M]>
export type ParsedArgsOf<M extends MethodName> = z.output<(typeof argSchemas)[M]>

export interface Results extends ProviderResults {
  listDeliveries: DeliveryPage
  /** `more`: the filter holds more than `limit` deliveries. */
  listDeliveryIds: { ids: number[]; more: boolean }
  getDelivery: Delivery
  getDeliveryBody: Uint8Array
  clearDeliveries: { deleted: number }
  getStatus: Status
  replayDelivery: Attempt
  listAttempts: { items: Attempt[] }
  getAttemptBody: Uint8Array
  /** What an edited attempt sent (null when it sent the capture unchanged). */
  getAttemptSent: { request: SentRequest; body: Uint8Array | null } | null
  startReplayJob: { id: string }
  getReplayJob: BulkJob
  cancelReplayJob: BulkJob
  listReplayJobs: { items: BulkJob[] }
  getForwarding: ForwardingSettings
  setForwarding: ForwardingSettings
  getReplaySettings: ReplaySettings
  setReplaySettings: ReplaySettings
  getTunnel: TunnelInfo
  setTunnel: TunnelInfo
  startTunnel: TunnelInfo
  stopTunnel: TunnelInfo
  restartTunnel: TunnelInfo
  installCloudflared: CloudflaredInstallProgress
  getCloudflaredInstall: CloudflaredInstallProgress
  getNotificationSettings: NotificationSettings
  setNotificationSettings: NotificationSettings
  clearUnread: { unread: number }
  setFocused: { unread: number }
  getTrayMenu: TrayMenu
}

/** What a client calls. Every method takes its argument object and returns a promise. */
export type HooktrayApi = {
  [M in MethodName]: (args: ArgsOf<M>) => Promise<Results[M]>
}

export const methodNames: readonly MethodName[] = METHOD_NAMES

// Compile-time check: the zod-free name list and the schemas name the same methods.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const namesMatch: SameKeys<MethodName, MethodNameFromList> = true
void namesMatch

/** Everything the core pushes, on one channel, discriminated by `type`. */
export type HooktrayEvent =
  | { type: 'delivery'; delivery: DeliverySummary }
  | { type: 'deliveries-cleared' }
  | { type: 'status'; status: Status }
  | { type: 'attempt'; attempt: Attempt }
  | { type: 'replay-job'; job: BulkJob }
  | { type: 'forwarding'; forwarding: ForwardingSettings }
  | { type: 'connection'; connection: ConnectionView }
  | { type: 'connection-deleted'; id: string }
  | { type: 'registration'; registration: RegistrationView }
  | { type: 'tunnel'; tunnel: TunnelStatus }
  | { type: 'tunnel-url-changed'; publicUrl: string; previousUrl: string | null }
  | { type: 'cloudflared-install'; install: CloudflaredInstallProgress }
  | { type: 'notification'; notification: HooktrayNotification }
  /** What the tray shows changed (icon, tooltip, unread, recent deliveries, menu). */
  | { type: 'tray'; tray: TrayStatus }
  /** Sent by the desktop shell to its own window only: show this delivery (a notification or menu click). */
  | { type: 'open-delivery'; id: number }
  /** Sent by the desktop shell to its own window only: show the deliveries a grouped notification stood for. */
  | { type: 'open-filter'; filter: NotificationFilter }

export type EventListener = (event: HooktrayEvent) => void
export type Unsubscribe = () => void

/** The object a renderer talks to, whichever transport carries it. */
export interface HooktrayClient extends HooktrayApi {
  onEvent(listener: EventListener): Unsubscribe
  readonly transport: 'ipc' | 'http'
}

export function parseArgs<M extends MethodName>(method: M, args: unknown): ParsedArgsOf<M> {
  const result = argSchemas[method].safeParse(args ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    throw new ApiError(400, `${method}: ${where}${issue?.message ?? 'invalid arguments'}`)
  }
  return result.data as ParsedArgsOf<M>
}
