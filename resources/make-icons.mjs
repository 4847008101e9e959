// Draws Hooktray's icons (a hook over a tray, white on an indigo rounded square) and writes them
// as PNGs with nothing but node:zlib. Run: node resources/make-icons.mjs
// The PNGs are committed; rerun only when the drawing changes.
//
// Tray icons, one per state the core computes (electron/core/tray/icon.ts):
//   tray-<state>.png / tray-<state>@2x.png   16 / 32 px, coloured, for Linux and Windows
//   tray<State>Template.png / …@2x.png       16 / 32 px, black + alpha, for the macOS menu bar
// The colour carries the state where there is colour (indigo idle, green active, grey paused,
// red error); a template image is one colour, so there a mark beside the hook carries it.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const OUT = dirname(fileURLToPath(import.meta.url))
const INDIGO = [79, 70, 229]
const INK = [255, 255, 255]
const STATE_COLORS = {
  idle: INDIGO,
  active: [5, 150, 105], // green
  paused: [100, 116, 139], // slate grey
  error: [220, 38, 38], // red
}
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

function render(size, bold, background = INDIGO) {
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
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(background[c] * (1 - mix) + INK[c] * mix)
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

/**
 * The macOS template: the hook and tray alone, black, with the state's mark in the top-left
 * corner (a dot for activity, an exclamation mark for an error; paused is drawn faint).
 */
function renderTemplate(size, bold, state) {
  const rgba = Buffer.alloc(size * size * 4)
  const mark = (x, y) => {
    if (state === 'active') return Math.hypot(x - 0.13, y - 0.15) - 0.11
    if (state === 'error') {
      return Math.min(segment(x, y, 0.11, 0.06, 0.11, 0.3) - 0.06, Math.hypot(x - 0.11, y - 0.44) - 0.065)
    }
    return Infinity
  }
  const opacity = state === 'paused' ? 0.45 : 1
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let ink = 0
      let marked = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size
          const y = (py + (sy + 0.5) / SAMPLES) / size
          if (mark(x, y) < 0) marked++
          else if (glyph(x, y, bold) < 0) ink++
        }
      }
      const n = SAMPLES * SAMPLES
      rgba[(py * size + px) * 4 + 3] = Math.round(((ink * opacity + marked) / n) * 255)
    }
  }
  return rgba
}

function renderDot(size, color) {
  const rgba = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let inside = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size
          const y = (py + (sy + 0.5) / SAMPLES) / size
          if (Math.hypot(x - 0.5, y - 0.5) < 0.42) inside++
        }
      }
      const i = (py * size + px) * 4
      for (let c = 0; c < 3; c++) rgba[i + c] = color[c]
      rgba[i + 3] = Math.round((inside / (SAMPLES * SAMPLES)) * 255)
    }
  }
  return rgba
}

function encodePng(size, rgba) {
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

const files = [['icon.png', encodePng(512, render(512, 0))]]
for (const [state, color] of Object.entries(STATE_COLORS)) {
  files.push([`tray-${state}.png`, encodePng(16, render(16, 0.6, color))])
  files.push([`tray-${state}@2x.png`, encodePng(32, render(32, 0.3, color))])
  const template = state === 'idle' ? 'tray' : `tray${state[0].toUpperCase()}${state.slice(1)}`
  files.push([`${template}Template.png`, encodePng(16, renderTemplate(16, 0.6, state))])
  files.push([`${template}Template@2x.png`, encodePng(32, renderTemplate(32, 0.3, state))])
}
// Windows' taskbar overlay for unread deliveries: a red dot.
files.push(['overlay-unread.png', encodePng(16, renderDot(16, STATE_COLORS.error))])

for (const [name, data] of files) {
  writeFileSync(join(OUT, name), data)
  console.log(`${name} ${data.length} bytes`)
}
