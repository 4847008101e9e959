// Open-loop load at a fixed rate over raw keep-alive sockets with pre-built request bytes, so the
// client costs little next to the server it measures. Latency is measured from when a request is
// released, including any wait for a free connection (no coordinated omission).
import net from 'node:net'

function connection(port, onResponse) {
  const socket = net.connect({ port, host: '127.0.0.1', noDelay: true })
  let buffer = Buffer.alloc(0)
  socket.on('data', (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n')
      if (end === -1) return
      const head = buffer.subarray(0, end).toString('latin1')
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0)
      if (buffer.length < end + 4 + length) return
      buffer = buffer.subarray(end + 4 + length)
      onResponse(Number(head.slice(9, 12)))
    }
  })
  return socket
}

export async function fixedRate(url, { rate, seconds, body, connections = 50, warmupSeconds = 1 }) {
  const { port, pathname } = new URL(url)
  const request = Buffer.concat([
    Buffer.from(`POST ${pathname} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`),
    body,
  ])
  const run = (secs, record) =>
    new Promise((resolve) => {
      const total = Math.round(rate * secs)
      const latencies = []
      let non2xx = 0
      let sent = 0
      let finished = 0
      const idle = []
      const waiting = [] // scheduled times of requests no connection was free for
      const start = performance.now()
      const sockets = []
      const send = (conn, scheduled) => {
        conn.scheduled = scheduled
        conn.socket.write(request)
      }
      for (let i = 0; i < connections; i++) {
        const conn = { socket: null, scheduled: 0 }
        conn.socket = connection(Number(port), (status) => {
          if (status < 200 || status > 299) non2xx++
          latencies.push(performance.now() - conn.scheduled)
          finished++
          if (waiting.length) send(conn, waiting.shift())
          else idle.push(conn)
          if (finished === total) {
            for (const s of sockets) s.destroy()
            clearInterval(timer)
            latencies.sort((a, b) => a - b)
            const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]
            resolve({ total, non2xx, errors: total - latencies.length, p50: pct(50), p99: pct(99), max: latencies[latencies.length - 1] })
          }
        })
        sockets.push(conn.socket)
        idle.push(conn)
      }
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate))
        // The clock starts when the timer tick releases a request (the client's own timer slack is
        // not the server's latency); a request that finds every connection busy keeps that start
        // while it waits, so server-caused queueing is counted in full.
        const now = performance.now()
        while (sent < due) {
          const scheduled = now
          sent++
          const conn = idle.pop()
          if (conn) send(conn, scheduled)
          else waiting.push(scheduled)
        }
      }, 1)
      void record
    })
  if (warmupSeconds > 0) await run(warmupSeconds, false)
  return run(seconds, true)
}
