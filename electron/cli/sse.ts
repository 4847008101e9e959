import type http from 'node:http'
import type { HooktrayEvent } from '../../shared/contract'
import { encodeWire } from '../../shared/wire'
import type { EventBus } from '../core/events'

/** A client that stops reading is dropped past this much buffered output; it reconnects and refetches. */
const MAX_BUFFERED = 8 * 1024 * 1024
const HEARTBEAT_MS = 15_000

export function openEventStream(req: http.IncomingMessage, res: http.ServerResponse, events: EventBus): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  })
  res.write('retry: 1000\n: connected\n\n')
  const write = (event: HooktrayEvent): void => {
    if (res.writableLength > MAX_BUFFERED) {
      res.destroy()
      return
    }
    // Unnamed messages so EventSource.onmessage sees every event; the type is inside the data.
    res.write(`data: ${encodeWire(event)}\n\n`)
  }
  const unsubscribe = events.subscribe(write)
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS)
  heartbeat.unref()
  const stop = (): void => {
    clearInterval(heartbeat)
    unsubscribe()
  }
  req.on('close', stop)
  res.on('close', stop)
}
