// The fenced TypeScript blocks of README.md and docs/*.md, and one TypeScript program that
// type-checks each of them as its own ES module against the source, as a reader pastes it.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'

export const root = resolve(import.meta.dirname, '../..')

/** One fenced block: ```ts or ```typescript unless other languages are asked for. */
export type DocBlock = {
  /** The Markdown file, relative to the repository root (README.md, docs/rpc.md). */
  file: string
  /** The 1-based line of the opening fence in that file; the block's first line is the next one. */
  line: number
  code: string
}

/** The Markdown files whose blocks are checked: README.md and every docs/*.md. */
export function docFiles(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`)
  return ['README.md', ...docs]
}

/**
 * The blocks of one Markdown text fenced with one of `languages` (default ```ts / ```typescript),
 * with the line of each opening fence.
 */
export function extractBlocks(
  file: string,
  markdown: string,
  languages: readonly string[] = ['ts', 'typescript'],
): DocBlock[] {
  const blocks: DocBlock[] = []
  const lines = markdown.split('\n')
  let open: { line: number; lang: string; body: string[] } | undefined
  lines.forEach((text, index) => {
    const fence = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(text)
    if (!open) {
      if (fence) open = { line: index + 1, lang: fence[2]!.toLowerCase(), body: [] }
      return
    }
    if (fence && fence[2] === '' && text.trim() === fence[1]) {
      if (languages.includes(open.lang)) {
        blocks.push({ file, line: open.line, code: `${open.body.join('\n')}\n` })
      }
      open = undefined
      return
    }
    open.body.push(text)
  })
  if (open) throw new Error(`${file}:${open.line}: a fenced block is never closed`)
  return blocks
}

/** Every block of README.md and docs/*.md in one of `languages` (default ```ts / ```typescript). */
export function allBlocks(languages?: readonly string[]): DocBlock[] {
  return docFiles().flatMap((file) => extractBlocks(file, readFileSync(join(root, file), 'utf8'), languages))
}

/** Where a block lives in the program: a file that does not exist, next to this one. */
export function virtualPath(block: DocBlock): string {
  return join(root, 'test', 'docs', `${block.file.replace(/[/.]/g, '_')}_${block.line}.block.ts`)
}

/**
 * The project's compiler options from tsconfig.json (strict, and `paths` mapping casper-multisig,
 * casper-multisig/cosign and casper-multisig/devnet to the source), every file a module.
 */
function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json')
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile)
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'))
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath)
  if (parsed.errors.length > 0) {
    throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'))
  }
  // A block without import or export is still a module of its own, as a pasted .ts file with
  // top-level await must be; its names do not leak into the other blocks.
  return { ...parsed.options, noEmit: true, moduleDetection: ts.ModuleDetectionKind.Force }
}

/** The diagnostics of each block, by its virtual path, from one program over all of them. */
export function checkBlocks(blocks: readonly DocBlock[]): {
  diagnostics: Map<string, readonly ts.Diagnostic[]>
  global: readonly ts.Diagnostic[]
} {
  const options = compilerOptions()
  const virtual = new Map(blocks.map((block) => [virtualPath(block), block.code]))
  const host = ts.createCompilerHost(options, true)
  const { getSourceFile, fileExists, readFile } = host
  host.fileExists = (name) => virtual.has(resolve(name)) || fileExists.call(host, name)
  host.readFile = (name) => virtual.get(resolve(name)) ?? readFile.call(host, name)
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const code = virtual.get(resolve(name))
    if (code !== undefined) return ts.createSourceFile(name, code, languageVersion, true, ts.ScriptKind.TS)
    return getSourceFile.call(host, name, languageVersion, onError, shouldCreate)
  }
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host })
  const diagnostics = new Map<string, readonly ts.Diagnostic[]>()
  for (const name of virtual.keys()) {
    const source = program.getSourceFile(name)
    if (!source) throw new Error(`${name} is not in the program`)
    diagnostics.set(name, [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ])
  }
  return { diagnostics, global: [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()] }
}

/**
 * Diagnostics as `docs/rpc.md:20:7 TS2304 Cannot find name 'x'.`: the line in the Markdown file,
 * then the block's own line and column.
 */
export function formatDiagnostics(block: DocBlock, diagnostics: readonly ts.Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n    ')
      if (!d.file || d.start === undefined) return `${block.file}:${block.line} TS${d.code} ${message}`
      const where = d.file.getLineAndCharacterOfPosition(d.start)
      const blockLine = where.line + 1
      const source = block.code.split('\n')[where.line] ?? ''
      return [
        `${block.file}:${block.line + blockLine}:${where.character + 1} (block line ${blockLine}) TS${d.code} ${message}`,
        `    ${source}`,
      ].join('\n')
    })
    .join('\n')
}
