// Saving the devnet state: acknowledged means saved (or rolled back), save failures are never silent,
// and the file is replaced atomically.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { acceptSubmission } from '../../src/devnet/acceptSubmission.js'
import type { DevnetError } from '../../src/devnet/DevnetError.js'
import { createGenesisState } from '../../src/devnet/DevnetState.js'
import { loadStateFile, saveStateFile } from '../../src/devnet/persistState.js'
import { startDevnet } from '../../src/devnet/startDevnet.js'
import { alice, call, twoPartyDeploy } from './devnetKit.js'

const root = mkdtempSync(join(tmpdir(), 'casper-devnet-state-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('a deploy is queued only if the state file took it', () => {
  test('save fails → -32603, nothing queued or executed; once the file is writable again it is accepted', async () => {
    const directory = join(root, 'rollback')
    mkdirSync(directory)
    const devnet = await startDevnet({
      blockIntervalMs: 60_000,
      stateFile: join(directory, 'devnet.json'),
      accounts: [{ publicKey: alice.publicKey }],
    })
    try {
      const deploy = await twoPartyDeploy(devnet.chainName)
      rmSync(directory, { recursive: true })
      const refused = await call(devnet.url, 'account_put_deploy', { deploy })
      expect(refused.error?.code).toBe(-32603)
      expect(String(refused.error?.data).split('\n')[0]).toMatchInlineSnapshot(
        `"Cannot write the devnet state file"`,
      )
      expect(devnet.state.items[deploy.hash]).toBeUndefined()
      expect(devnet.state.pending).toEqual([])
      expect((await devnet.produceBlock()).items).toEqual([])

      mkdirSync(directory)
      const accepted = await call(devnet.url, 'account_put_deploy', { deploy })
      expect(accepted.result.deploy_hash).toBe(deploy.hash)
      expect(loadStateFile(join(directory, 'devnet.json'))?.pending).toEqual([deploy.hash])
    } finally {
      mkdirSync(directory, { recursive: true })
      await devnet.stop()
    }
  })
})

describe('a block whose state cannot be saved is reported, not swallowed', () => {
  test('a block made by the timer: reported to onError with code StateFile', async () => {
    const directory = join(root, 'blocks')
    mkdirSync(directory)
    const errors: DevnetError[] = []
    const devnet = await startDevnet({
      blockIntervalMs: 20,
      stateFile: join(directory, 'devnet.json'),
      accounts: [{ publicKey: alice.publicKey }],
      onError: (error) => errors.push(error),
    })
    try {
      const deploy = await twoPartyDeploy(devnet.chainName)
      rmSync(directory, { recursive: true })
      // Queue it in memory as an accepted item (the file is gone, so RPC submission could not).
      const verdict = acceptSubmission(devnet.state, { deploy }, 'account_put_deploy', Date.now())
      if (!verdict.ok) return expect.unreachable('accepted')
      devnet.state.items[deploy.hash] = verdict.item
      devnet.state.pending.push(deploy.hash)
      await devnet.waitForExecution(deploy.hash, 2_000)
      await expect.poll(() => errors.length).toBe(1)
      expect(errors[0]).toMatchObject({ name: 'DevnetError', code: 'StateFile' })
      expect(errors[0]!.message.replace(directory, '<dir>')).toMatchInlineSnapshot(`
        "Cannot write the devnet state file
          path: <dir>/devnet.json
          reason: ENOENT
        Remedy: Check that the directory exists and is writable, with space left."
      `)
    } finally {
      mkdirSync(directory, { recursive: true })
      await devnet.stop()
    }
  })

  test('produceBlock() rejects with the StateFile error; the block is made all the same', async () => {
    const directory = join(root, 'manual')
    mkdirSync(directory)
    const devnet = await startDevnet({
      blockIntervalMs: 60_000,
      stateFile: join(directory, 'devnet.json'),
      accounts: [{ publicKey: alice.publicKey }],
    })
    try {
      const deploy = await twoPartyDeploy(devnet.chainName)
      expect((await call(devnet.url, 'account_put_deploy', { deploy })).result.deploy_hash).toBe(deploy.hash)
      rmSync(directory, { recursive: true })
      await expect(devnet.produceBlock()).rejects.toMatchObject({
        code: 'StateFile',
        details: { reason: 'ENOENT' },
      })
      expect(devnet.state.items[deploy.hash]?.execution?.errorMessage).toBeNull()
    } finally {
      mkdirSync(directory, { recursive: true })
      await devnet.stop()
    }
  })
})

describe('saveStateFile', () => {
  test('replaces the file and leaves no temporary file; a failed save leaves none either', () => {
    const directory = join(root, 'atomic')
    mkdirSync(directory)
    const path = join(directory, 'devnet.json')
    const state = createGenesisState('casper-devnet', '1.5', 1_700_000_000_000)
    saveStateFile(path, state)
    saveStateFile(path, { ...state, chainName: 'second' })
    expect(readdirSync(directory)).toEqual(['devnet.json'])
    expect(loadStateFile(path)?.chainName).toBe('second')

    const missing = join(directory, 'nope', 'devnet.json')
    expect(() => saveStateFile(missing, state)).toThrowError(expect.objectContaining({ code: 'StateFile' }))
    expect(existsSync(join(directory, 'nope'))).toBe(false)
    expect(readdirSync(directory)).toEqual(['devnet.json'])
  })
})
