import { defineConfig } from 'tsup'

export default defineConfig([
  {
    // The library: browser-safe, no Node built-ins. Deploy bytes use the cosign layouts, so
    // micro-packed (ESM only) is bundled in here too, with the same @scure/base alias.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
    noExternal: ['micro-packed'],
    esbuildOptions(options) {
      options.alias = { '@scure/base': './src/cosign/scureBase.ts' }
    },
  },
  {
    // casper-multisig/cosign: the co-signer functions without casper-js-sdk (browser-safe). micro-packed
    // is ESM only, so it is bundled in (the CommonJS build must load on Node 18).
    entry: { cosign: 'src/cosign/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
    noExternal: ['micro-packed'],
    // micro-packed's @scure/base is replaced by the platform's TextEncoder/TextDecoder (src/cosign/scureBase.ts).
    esbuildOptions(options) {
      options.alias = { '@scure/base': './src/cosign/scureBase.ts' }
    },
  },
  {
    // casper-multisig/devnet: the loopback network (Node only).
    entry: { devnet: 'src/devnet/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'node18',
    platform: 'node',
  },
  {
    // The command line (ESM, top-level await). Each command is a chunk loaded when it runs, so the
    // chunks live beside the bin in dist/cli/.
    entry: { main: 'src/cli/main.ts' },
    outDir: 'dist/cli',
    format: ['esm'],
    target: 'node18',
    platform: 'node',
  },
])
