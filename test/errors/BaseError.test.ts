// One error family across entries: each entry bundles its own BaseError; instanceof holds across copies.
import { describe, expect, test } from 'vitest'
import { BaseError } from '../../src/errors/BaseError.js'
import { CosignError } from '../../src/errors/CosignError.js'
import { DeployError } from '../../src/errors/DeployError.js'

describe('BaseError', () => {
  test("an error from another copy of the class (another entry's bundle) is an instanceof BaseError", async () => {
    // A query string makes the module loader evaluate the file again: a second, distinct class.
    const other = (await import('../../src/errors/BaseError.js?copy' as string)) as {
      BaseError: typeof BaseError
    }
    expect(other.BaseError).not.toBe(BaseError)
    const foreign = new other.BaseError('from another entry', { code: 'Foreign' })
    expect(foreign).toBeInstanceOf(BaseError)
    expect(new BaseError('here', { code: 'Here' })).toBeInstanceOf(other.BaseError)
  })
  test('subclasses keep the ordinary check: a CosignError is not a DeployError, nor a plain Error a BaseError', () => {
    const cosign = new CosignError('bad shape', { code: 'InvalidShape' })
    expect(cosign).toBeInstanceOf(BaseError)
    expect(cosign).toBeInstanceOf(CosignError)
    expect(cosign).not.toBeInstanceOf(DeployError)
    expect(new BaseError('base', { code: 'X' })).not.toBeInstanceOf(CosignError)
    expect(new Error('plain')).not.toBeInstanceOf(BaseError)
    expect({ code: 'X', message: 'lookalike' }).not.toBeInstanceOf(BaseError)
    expect(null).not.toBeInstanceOf(BaseError)
  })
})
