// A URL as it may be shown: without the user name, password, query or fragment that can carry a secret.

/**
 * `url` without its userinfo (`user:password@`), query and fragment, each replaced by `***` so
 * that the reader sees something was there. Text that is not a URL at all is replaced by
 * `(not a URL)`: it may be a secret typed in the wrong place.
 *
 * @example
 * ```ts
 * redactUrl('https://user:secret@node.example/rpc?token=abc') // 'https://***@node.example/rpc?***'
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return '(not a URL)'
  }
  const userinfo = parsed.username !== '' || parsed.password !== ''
  const query = parsed.search !== ''
  const fragment = parsed.hash !== ''
  parsed.username = ''
  parsed.password = ''
  parsed.search = ''
  parsed.hash = ''
  let text = parsed.href
  if (userinfo) text = text.replace('//', '//***@')
  return `${text}${query ? '?***' : ''}${fragment ? '#***' : ''}`
}
