// Outgoing deliveries from a simulator to the URL a connector registered.
export interface DeliverySettings {
  /**
   * Maps the registered URL to the URL actually called. Registered URLs are public
   * (MyCirrus even demands https) while the receiver under test listens on plain http on
   * 127.0.0.1, so tests and `hooktray simulate` pass rewriteOrigin(receiverUrl). Default: identity.
   */
  deliverTo?: (registeredUrl: string) => string
  timeoutMs?: number
}

export interface DeliverOptions {
  /** Replaces the simulator's documented example body (objects are JSON-encoded). */
  body?: string | Record<string, unknown>
  /** Send a wrong signature / wrong credential, to prove the receiver rejects it. */
  tamper?: boolean
}

export interface DeliveryRecord {
  webhookId: string
  registeredUrl: string
  sentTo: string
  headers: Record<string, string>
  body: string
  /** Status our receiver answered, or null when it could not be reached. */
  status: number | null
  error?: string
}

export async function postDelivery(
  settings: DeliverySettings,
  webhookId: string,
  registeredUrl: string,
  headers: Record<string, string>,
  body: string,
): Promise<DeliveryRecord> {
  const sentTo = (settings.deliverTo ?? ((u) => u))(registeredUrl)
  const record: DeliveryRecord = { webhookId, registeredUrl, sentTo, headers, body, status: null }
  try {
    const res = await fetch(sentTo, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
    })
    await res.arrayBuffer()
    record.status = res.status
  } catch (e) {
    record.error = e instanceof Error ? e.message : String(e)
  }
  return record
}

export function bodyText(body: DeliverOptions['body'], fallback: Record<string, unknown>): string {
  if (typeof body === 'string') return body
  return JSON.stringify(body ?? fallback)
}

/** deliverTo that keeps path and query and swaps scheme+host+port for `localOrigin`. */
export function rewriteOrigin(localOrigin: string): (registeredUrl: string) => string {
  const local = new URL(localOrigin)
  return (registeredUrl) => {
    const u = new URL(registeredUrl)
    u.protocol = local.protocol
    u.host = local.host
    return u.toString()
  }
}
