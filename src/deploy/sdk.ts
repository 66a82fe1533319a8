// The one place casper-js-sdk is imported: its CommonJS build through a default import, which works
// in native Node ESM (where its named exports are undefined), CommonJS and bundlers alike.
import casperSdk from 'casper-js-sdk'

/** casper-js-sdk's classes, taken from its default export. */
export const sdk: typeof casperSdk = casperSdk
