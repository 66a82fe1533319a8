import { defineConfig, type Options } from 'tsup'

const browserSafe: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  // No source maps: they were 4.7 MB of the 8.4 MB unpacked package (docs/performance.md, "Package
  // size"). Whitespace and comments are left out, names and syntax kept: a stack trace still names
  // the functions.
  sourcemap: false,
  minifyWhitespace: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  noExternal: ['micro-packed'],
  esbuildOptions(options) {
    options.alias = { '@scure/base': './src/codec/scureBase.ts' }
  },
}

export default defineConfig([
  {
    // The library and casper-multisig/cosign (the co-signer functions without casper-js-sdk), both
    // browser-safe. Deploy bytes use the cosign layouts; micro-packed is ESM only, so it is bundled in
    // (the CommonJS builds must load on Node 18), and its @scure/base is replaced by the platform's
    // TextEncoder/TextDecoder (src/codec/scureBase.ts).
    ...browserSafe,
    entry: { index: 'src/index.ts' },
  },
  { ...browserSafe, entry: { cosign: 'src/cosign/index.ts' } },
  {
    // casper-multisig/devnet: the loopback network (Node only).
    entry: { devnet: 'src/devnet/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    minifyWhitespace: true,
    target: 'node18',
    platform: 'node',
  },
  {
    // The command line (ESM, top-level await). Each command is a chunk loaded when it runs, so the
    // chunks live beside the bin in dist/cli/.
    entry: { main: 'src/cli/main.ts' },
    outDir: 'dist/cli',
    format: ['esm'],
    // Minified in full: no one imports the CLI's chunks, and its errors name themselves (`name`,
    // `code`), so the package stays within its size budget (docs/performance.md, "Package size").
    minify: true,
    target: 'node18',
    platform: 'node',
  },
])
