// Open-loop load at a fixed rate: latency is measured from each request's scheduled time, so a
// stalled server cannot hide its queueing (no coordinated omission).
import http from 'node:http'

export async function fixedRate(url, { rate, seconds, body, connections = 50 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const total = rate * seconds
  const latencies = []
  let errors = 0
  let non2xx = 0
  let sent = 0
  const start = performance.now()
  await new Promise((resolve) => {
    let finished = 0
    const done = () => {
      if (++finished === total) resolve()
    }
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate))
      while (sent < due) {
        const scheduled = start + (sent / rate) * 1000
        sent++
        const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
          res.resume()
          res.on('end', () => {
            if (res.statusCode < 200 || res.statusCode > 299) non2xx++
            latencies.push(performance.now() - scheduled)
            done()
          })
        })
        req.on('error', () => {
          errors++
          done()
        })
        req.end(body)
      }
      // A 1 ms timer, not setImmediate: a spinning client would steal the server's core.
      if (sent < total) setTimeout(tick, 1)
    }
    tick()
  })
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN
  return { total, errors, non2xx, p50: pct(50), p99: pct(99), max: latencies[latencies.length - 1] ?? NaN, seconds: (performance.now() - start) / 1000 }
}
