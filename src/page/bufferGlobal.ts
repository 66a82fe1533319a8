// The part of Node's `Buffer` the page's Ledger code uses, on Uint8Array: @zondax/ledger-casper
// (`dist/index.js`, `dist/common.js`: from bytes, alloc, concat, slice, writeUInt32LE, toString
// ascii/utf8), src/ledger and src/page/openLedger.ts (from bytes). scripts/build-page.ts injects
// this module (esbuild `inject`): each bare `Buffer` in the page's bundle refers to this export.
// The `buffer` package would cost the page 25 KB of its 300 KB budget.

/** A Uint8Array with the Node `Buffer` methods @zondax/ledger-casper calls. */
class PageBuffer extends Uint8Array {
  static alloc(size: number): PageBuffer {
    return new PageBuffer(size)
  }

  static concat(parts: readonly ArrayLike<number>[]): PageBuffer {
    const out = new PageBuffer(parts.reduce((n, p) => n + p.length, 0))
    let at = 0
    for (const part of parts) {
      out.set(part, at)
      at += part.length
    }
    return out
  }

  writeUInt32LE(value: number, offset = 0): number {
    new DataView(this.buffer, this.byteOffset, this.byteLength).setUint32(offset, value, true)
    return offset + 4
  }

  /** `ascii` (7 bits a byte), else UTF-8, as Node's Buffer#toString. */
  override toString(encoding?: string): string {
    return encoding === 'ascii'
      ? String.fromCharCode(...Array.from(this, (b) => b & 0x7f))
      : new TextDecoder().decode(this)
  }
}

/** `Buffer.from(bytes)`: a copy (Uint8Array.from would also take a map function, Node's does not). */
Object.defineProperty(PageBuffer, 'from', { value: (bytes: ArrayLike<number>) => PageBuffer.concat([bytes]) })

export { PageBuffer as Buffer }
