// Compiles WAT text to a binary with wabt, for building test modules.
import createWabt from 'wabt'

type Features = NonNullable<Parameters<Awaited<ReturnType<typeof createWabt>>['parseWat']>[2]>

const wabt = await createWabt()

/** The binary of `text`; `features` enables post-MVP syntax for modules meant to be rejected. */
export function wat(text: string, features: Features = {}): Uint8Array<ArrayBuffer> {
  const module = wabt.parseWat('test.wat', text, features)
  try {
    return new Uint8Array(module.toBinary({ log: false, write_debug_names: false }).buffer)
  } finally {
    module.destroy()
  }
}
