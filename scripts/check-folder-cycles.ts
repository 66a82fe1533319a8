// Checks that the top-level folders of src/ depend on each other without a cycle: every relative import
// of every .ts file under src/ (read with the TypeScript compiler's ts.preProcessFile) becomes an edge
// from the importing file's folder to the imported file's folder (files directly in src/ are folder
// "."; imports inside one folder are ignored). The strongly connected components of that graph
// (Tarjan) must each hold one folder. Prints the cycles with the imports behind each edge and exits 1,
// or prints a one-line summary and exits 0.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = fileURLToPath(new URL('..', import.meta.url))
const src = join(root, 'src')

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return tsFiles(path)
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : []
  })
}

/** The top-level folder of src/ that holds a file, or "." for a file directly in src/. */
function folderOf(file: string): string {
  const parts = relative(src, file).split(sep)
  return parts.length === 1 ? '.' : parts[0]!
}

/** Imports written with the emitted extension (./x.js) name the source file (./x.ts). */
function sourceOf(importer: string, specifier: string): string {
  const target = resolve(dirname(importer), specifier)
  return target.replace(/\.(js|mjs|cjs)$/, '.ts')
}

// edges.get(from).get(to) lists the imports behind the edge from -> to, as [importer, imported].
const edges = new Map<string, Map<string, [string, string][]>>()
const folders = new Set<string>()
for (const file of tsFiles(src)) {
  const from = folderOf(file)
  folders.add(from)
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith('.')) continue
    const imported = sourceOf(file, fileName)
    const to = folderOf(imported)
    if (to === from) continue
    const targets = edges.get(from) ?? new Map<string, [string, string][]>()
    edges.set(from, targets)
    const imports = targets.get(to) ?? []
    targets.set(to, imports)
    imports.push([relative(root, file), relative(root, imported)])
  }
}

// Tarjan's strongly connected components.
const index = new Map<string, number>()
const lowLink = new Map<string, number>()
const onStack = new Set<string>()
const stack: string[] = []
const components: string[][] = []
let counter = 0
function visit(folder: string): void {
  index.set(folder, counter)
  lowLink.set(folder, counter)
  counter += 1
  stack.push(folder)
  onStack.add(folder)
  for (const next of edges.get(folder)?.keys() ?? []) {
    if (!index.has(next)) {
      visit(next)
      lowLink.set(folder, Math.min(lowLink.get(folder)!, lowLink.get(next)!))
    } else if (onStack.has(next)) {
      lowLink.set(folder, Math.min(lowLink.get(folder)!, index.get(next)!))
    }
  }
  if (lowLink.get(folder) === index.get(folder)) {
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== folder)
    components.push(component.sort())
  }
}
for (const folder of [...folders].sort()) if (!index.has(folder)) visit(folder)

const edgeCount = [...edges.values()].reduce((sum, targets) => sum + targets.size, 0)
const cycles = components.filter((component) => component.length > 1)
if (cycles.length === 0) {
  console.log(`folder cycles: none (${folders.size} folders, ${edgeCount} edges between folders)`)
} else {
  for (const cycle of cycles) {
    console.log(`cycle between ${cycle.length} folders: ${cycle.join(', ')}`)
    const members = new Set(cycle)
    for (const from of cycle) {
      for (const [to, imports] of [...(edges.get(from) ?? [])].sort(([a], [b]) => a.localeCompare(b))) {
        if (!members.has(to)) continue
        console.log(`  ${from} -> ${to}`)
        for (const [importer, imported] of imports) console.log(`    ${importer} imports ${imported}`)
      }
    }
  }
  process.exitCode = 1
}
