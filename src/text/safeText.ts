// Renders text that came from a file or a node so that a person sees every character it holds.
//
// A deploy's arg names, chain name, labels and node answers are attacker-controlled. Printed raw, an
// escape sequence can redraw a terminal, a newline can forge a line, and a bidi override can reorder
// what is read. Every such character is shown as a visible `\u{…}` escape instead, and a backslash as
// `\\`, so the rendering is unambiguous and can never be interpreted by a terminal, a browser or a
// JSON viewer.

/**
 * Characters that are never shown as themselves: C0 controls (newline and tab included), DEL, C1
 * controls, bidi embeddings, overrides, isolates and marks, zero-width and invisible formatting
 * characters, line and paragraph separators, the byte order mark, interlinear annotation and
 * object replacement characters, noncharacters, and lone surrogates.
 */
const unsafe =
  /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}\u{115f}\u{1160}\u{3164}\u{ffa0}\u{fffc}]|[\u{180b}-\u{180f}]|[\u{fe00}-\u{fe0f}]|[\u{e0100}-\u{e01ef}]|\u{34f}|\u{17b4}|\u{17b5}/gu

/**
 * The text with every control, formatting, bidi and invisible character replaced by a visible
 * `\u{hex}` escape, and every backslash doubled, so what is printed is exactly what the text holds.
 * Printable text (letters in any script, digits, punctuation, spaces) is kept as it is.
 *
 * @example
 * ```ts
 * safeText('deployment-account') // 'deployment-account'
 * safeText('x\u001b[2Jy')        // 'x\\u{1b}[2Jy'
 * safeText('a\u202eb')           // 'a\\u{202e}b'
 * ```
 */
export function safeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(unsafe, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`)
}

/**
 * Whether the text holds a character {@link safeText} would escape (a warning sign in a name or label).
 *
 * @example
 * ```ts
 * hasUnsafeText('alice')       // false
 * hasUnsafeText('alice\u200b') // true
 * ```
 */
export function hasUnsafeText(text: string): boolean {
  unsafe.lastIndex = 0
  const found = unsafe.test(text)
  unsafe.lastIndex = 0
  return found
}

/**
 * `JSON.stringify` whose output holds no character {@link safeText} would escape: such characters in
 * strings (and keys) are written as `\uXXXX` JSON escapes, so the JSON still parses back to the same
 * value while a terminal, log viewer or browser shows it inert.
 *
 * @example
 * ```ts
 * safeJson({ name: 'a\u202eb' }) // '{"name":"a\\u202eb"}'
 * ```
 */
export function safeJson(value: unknown, space?: number): string {
  const json = JSON.stringify(value, undefined, space) ?? 'null'
  // JSON.stringify already escapes controls inside strings; a raw newline here is indentation.
  return json.replace(unsafe, (char) =>
    char === '\n'
      ? char
      : Array.from(
          { length: char.length },
          (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`,
        ).join(''),
  )
}
