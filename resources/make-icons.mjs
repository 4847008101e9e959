// Draws Hooktray's icons (a hook over a tray, white on an indigo rounded square) and writes them
// as PNGs with nothing but node:zlib. Run: node resources/make-icons.mjs
// The PNGs are committed; rerun only when the drawing changes.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const OUT = dirname(fileURLToPath(import.meta.url))
const BACKGROUND = [79, 70, 229] // indigo
const INK = [255, 255, 255]
const SAMPLES = 4 // per axis: 16 coverage samples per pixel give smooth edges at 16 px

// The drawing, in a unit square (y down). Each shape is a signed distance: < 0 inside.
function roundedSquare(x, y) {
  const r = 0.22
  const qx = Math.abs(x - 0.5) - (0.5 - r)
  const qy = Math.abs(y - 0.5) - (0.5 - r)
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
}

function segment(x, y, ax, ay, bx, by) {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy))
}

/** Distance to the lower half of a circle (the bend of the hook). */
function lowerArc(x, y, cx, cy, r) {
  if (y >= cy) return Math.abs(Math.hypot(x - cx, y - cy) - r)
  return Math.min(Math.hypot(x - (cx - r), y - cy), Math.hypot(x - (cx + r), y - cy))
}

/** `bold` thickens the strokes and drops the eye, which a 16 px tray icon cannot show. */
function glyph(x, y, bold) {
  const weight = 1 + bold
  const hook = (0.085 * weight) / 2
  const shank = segment(x, y, 0.6, 0.2, 0.6, 0.47) - hook
  const bend = lowerArc(x, y, 0.46, 0.47, 0.14) - hook
  const point = segment(x, y, 0.32, 0.47, 0.32, 0.38) - hook
  const eye = bold > 0 ? Infinity : Math.abs(Math.hypot(x - 0.6, y - 0.15) - 0.055) - 0.025
  const tray = (0.07 * weight) / 2
  const trayShape = Math.min(
    segment(x, y, 0.2, 0.68, 0.26, 0.82),
    segment(x, y, 0.26, 0.82, 0.74, 0.82),
    segment(x, y, 0.74, 0.82, 0.8, 0.68),
  ) - tray
  return Math.min(shank, bend, point, eye, trayShape)
}

function render(size, bold) {
  const rgba = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0
      let ink = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size
          const y = (py + (sy + 0.5) / SAMPLES) / size
          if (roundedSquare(x, y) < 0) {
            bg++
            if (glyph(x, y, bold) < 0) ink++
          }
        }
      }
      const n = SAMPLES * SAMPLES
      const alpha = bg / n
      const mix = bg === 0 ? 0 : ink / bg
      const i = (py * size + px) * 4
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(BACKGROUND[c] * (1 - mix) + INK[c] * mix)
      rgba[i + 3] = Math.round(alpha * 255)
    }
  }
  return rgba
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(size, bold) {
  const rgba = render(size, bold)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // RGBA
  // Each scanline starts with filter type 0 (none).
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

for (const [name, size, bold] of [['tray.png', 16, 0.6], ['tray@2x.png', 32, 0.3], ['icon.png', 512, 0]]) {
  writeFileSync(join(OUT, name), png(size, bold))
  console.log(`${name} ${size}x${size}`)
}
