import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The cosign builds replace micro-packed's @scure/base with src/codec/scureBase.ts; tests run the same.
  resolve: { alias: { '@scure/base': fileURLToPath(new URL('src/codec/scureBase.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['test/setup/fastCheck.ts'],
    globalSetup: ['test/setup/buildPage.ts'],
    server: { deps: { inline: ['micro-packed'] } },
  },
})
