/** The hex view renders at most this much: a dump of a whole 1 MiB body is ~4 MB of text. */
export const HEX_VIEW_LIMIT = 64 * 1024

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/**
 * Classic 16-bytes-per-line dump: offset, two groups of eight bytes, printable ASCII.
 * Built as one string so the view is a single text node however long it is.
 */
export function hexDump(bytes: Uint8Array, limit = HEX_VIEW_LIMIT): string {
  const end = Math.min(bytes.length, limit)
  const lines: string[] = []
  for (let offset = 0; offset < end; offset += 16) {
    let hex = ''
    let ascii = ''
    for (let i = 0; i < 16; i++) {
      const at = offset + i
      if (i === 8) hex += ' '
      if (at < end) {
        const b = bytes[at]!
        hex += HEX[b] + ' '
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'
      } else {
        hex += '   '
      }
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`)
  }
  return lines.join('\n')
}

export function toHexString(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += HEX[b]
  return out
}
