// The baseline: a bare node:http server that reads the whole body and answers like Hooktray does.
import http from 'node:http'

const server = http.createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    Buffer.concat(chunks)
    const body = '{"ok":true,"id":1}'
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length })
    res.end(body)
  })
})
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ receiverUrl: `http://127.0.0.1:${server.address().port}` })))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
