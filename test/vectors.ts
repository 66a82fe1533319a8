// Loads the published deploy and transaction vectors in test/vectors/ (see its README).
import { readFileSync } from 'node:fs'

// biome-ignore lint/suspicious/noExplicitAny: vectors are untyped JSON that each test reads as it needs
export function vector<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8'))
}
