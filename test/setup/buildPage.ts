// Builds dist/cosign.html (esbuild, about a second) before the tests, so the tests of the page
// command run against the page of this source on every machine, built or not.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-page.ts'], { cwd: root, stdio: 'pipe' })
}
