// JSON encoding for values that cross a text transport (HTTP RPC, SSE): bytes travel as
// { "$bytes": base64 } so the same contract carries binary results over IPC and HTTP.

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array ? { $bytes: bytesToBase64(v) } : v,
  )
}

export function decodeWire<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && '$bytes' in v && typeof (v as { $bytes: unknown }).$bytes === 'string') {
      return base64ToBytes((v as { $bytes: string }).$bytes)
    }
    return v
  }) as T
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}

export function base64ToBytes(b64: string): Uint8Array {
  const binary = atob(b64)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}
