// Deploy files are written atomically and never through a symlink; secret key files others can read warn.
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { readSecretKeyFile, writeDeployFile } from '../../src/cli/files.js'
import type { DeployJson } from '../../src/deploy/DeployJson.js'
import { stringifyDeployJson } from '../../src/deploy/stringifyDeployJson.js'
import { vector } from '../vectors.js'

const deploy: DeployJson = vector('deploy_2approvals_casper-client-rs.json')
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'casper-multisig-files-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('writeDeployFile', () => {
  test('writes the file and leaves no temporary file behind', () => {
    const path = join(dir, 'deploy.json')
    writeDeployFile(path, deploy, { overwrite: false })
    expect(readFileSync(path, 'utf8')).toBe(stringifyDeployJson(deploy))
    expect(readdirSync(dir)).toEqual(['deploy.json'])
  })

  test('refuses an existing file without overwrite, replaces it with', () => {
    const path = join(dir, 'deploy.json')
    writeFileSync(path, 'old')
    expect(() => writeDeployFile(path, deploy, { overwrite: false })).toThrow(/already exists/)
    expect(readFileSync(path, 'utf8')).toBe('old')
    writeDeployFile(path, deploy, { overwrite: true })
    expect(readFileSync(path, 'utf8')).toBe(stringifyDeployJson(deploy))
    expect(readdirSync(dir)).toEqual(['deploy.json'])
  })

  test('a dangling symlink at the path is not followed: the target is never created', () => {
    const target = join(dir, 'elsewhere.json')
    const path = join(dir, 'deploy.json')
    symlinkSync(target, path)
    expect(() => writeDeployFile(path, deploy, { overwrite: false })).toThrow(/already exists/)
    expect(() => writeDeployFile(path, deploy, { overwrite: true })).toThrow(/is a symbolic link/)
    expect(readdirSync(dir).sort()).toEqual(['deploy.json'])
    expect(lstatSync(path).isSymbolicLink()).toBe(true)
  })

  test('a symlink to an existing file is refused, and the file it points to is untouched', () => {
    const target = join(dir, 'precious')
    writeFileSync(target, 'keep me')
    const path = join(dir, 'deploy.json')
    symlinkSync(target, path)
    expect(() => writeDeployFile(path, deploy, { overwrite: true })).toThrow(/is a symbolic link/)
    expect(readFileSync(target, 'utf8')).toBe('keep me')
  })
})

describe('readSecretKeyFile', () => {
  test('warns, as ssh does, when others can read the key; quiet at 0600', () => {
    const path = join(dir, 'secret_key.pem')
    writeFileSync(path, 'key')
    chmodSync(path, 0o644)
    expect(readSecretKeyFile(path).warning).toBe(
      `${path} is readable by others (mode 0644): anyone with an account on this machine can sign as you. Run: chmod 600 ${path}`,
    )
    chmodSync(path, 0o600)
    const quiet = readSecretKeyFile(path)
    expect(new TextDecoder().decode(quiet.bytes)).toBe('key')
    expect(quiet.warning).toBeUndefined()
  })
})
