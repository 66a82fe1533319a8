import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.js'

describe('casper-multisig page', () => {
  test('writes the built co-signing page, and refuses to overwrite without --force', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'page-')), 'cosign.html')
    const lines: string[] = []
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) }
    expect((await main(['page', '--out', out], io)).code).toBe(0)
    const html = readFileSync(out, 'utf8')
    expect(html).toBe(readFileSync(new URL('../../dist/cosign.html', import.meta.url), 'utf8'))
    expect(html).toContain('<label for="deploy-file">Deploy file</label>')
    expect(html).not.toMatch(/<script[^>]+src=/)
    expect((await main(['page', '--out', out], io)).code).toBe(1)
    expect(lines.at(-1)).toMatch(/exists/)
    expect((await main(['page', '--out', out, '--force'], io)).code).toBe(0)
  })

  test('--out is required', async () => {
    const lines: string[] = []
    const { code } = await main(['page'], { out: (l) => lines.push(l), err: (l) => lines.push(l) })
    expect(code).toBe(2)
    expect(lines.join('\n')).toMatch(/Missing --out\n {2}expected: --out FILE/)
  })
})
