// The warning ssh gives for a private key others can read, for secret key files.

/**
 * A warning when a secret key file's mode lets its group or others read or write it (any of the bits
 * 0o077), naming the mode and the command that fixes it; undefined for 0600 / 0400. Windows modes
 * carry no such bits, so nothing is said there.
 *
 * @example
 * ```ts
 * secretKeyModeWarning('secret_key.pem', 0o100644)
 * // 'secret_key.pem is readable by others (mode 0644): anyone with an account on this machine can sign as you. Run: chmod 600 secret_key.pem'
 * secretKeyModeWarning('secret_key.pem', 0o100600) // undefined
 * ```
 */
export function secretKeyModeWarning(path: string, mode: number): string | undefined {
  const permissions = mode & 0o777
  if ((permissions & 0o077) === 0) return undefined
  const who = permissions & 0o007 ? 'others' : 'its group'
  const access = permissions & 0o044 ? 'readable' : 'writable'
  const octal = permissions.toString(8).padStart(4, '0')
  return `${path} is ${access} by ${who} (mode ${octal}): anyone with an account on this machine can sign as you. Run: chmod 600 ${quote(path)}`
}

/** A path as a POSIX shell word. */
function quote(path: string): string {
  return /^[\w./~-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`
}
