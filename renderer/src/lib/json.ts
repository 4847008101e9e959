/**
 * Re-indents JSON that JSON.parse has already accepted, copying every token verbatim. Going
 * through JSON.parse + stringify would rewrite what was sent: 12345678901234567890 loses digits,
 * 1.5e3 becomes 1500, "\u00e9" becomes "é". An inspector must show the payload as received.
 */
export function reindentJson(text: string, indent = '  '): string {
  let out = ''
  let depth = 0
  let i = 0
  const n = text.length
  const newline = (): string => '\n' + indent.repeat(depth)
  while (i < n) {
    const c = text[i]!
    if (c === '"') {
      let j = i + 1
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      out += text.slice(i, j + 1)
      i = j + 1
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      let j = i + 1
      while (j < n && isSpace(text[j]!)) j++
      if (text[j] === close) {
        out += c + close
        i = j + 1
      } else {
        depth++
        out += c + newline()
        i++
      }
    } else if (c === '}' || c === ']') {
      depth--
      out += newline() + c
      i++
    } else if (c === ',') {
      out += ',' + newline()
      i++
    } else if (c === ':') {
      out += ': '
      i++
    } else if (isSpace(c)) {
      i++
    } else {
      let j = i
      while (j < n && !isSpace(text[j]!) && !',:]}'.includes(text[j]!)) j++
      out += text.slice(i, j)
      i = j
    }
  }
  return out
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t'
}
