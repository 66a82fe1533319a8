// Validates devnet responses against the node's published OpenRPC schemas (copies in test/fixtures/).
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'

type OpenRpc = {
  methods: { name: string; result: { schema: object } }[]
  components: { schemas: Record<string, object> }
}

const files = {
  '1.5': 'rpc_schema_hashing_casper-node_v1.5.8.json',
  '2.0': 'rpc_schema_casper-sidecar_feat-2.0.json',
} as const

const documents = new Map<string, OpenRpc>()
const validators = new Map<string, ValidateFunction>()

function documentOf(protocol: '1.5' | '2.0'): OpenRpc {
  let document = documents.get(protocol)
  if (!document) {
    const url = new URL(`../fixtures/${files[protocol]}`, import.meta.url)
    document = JSON.parse(readFileSync(url, 'utf8')) as OpenRpc
    if (protocol === '1.5') {
      // casper-node 1.5.8's schema types Timestamp and TimeDiff as u64 integers (a schemars
      // annotation bug): the node serialises them as RFC 3339 / humantime strings, and the schema's
      // own examples fail without this correction. The 2.0 schema has it right ("type": "string").
      document.components.schemas.Timestamp = {
        description: 'Timestamp formatted as per RFC 3339',
        type: 'string',
      }
      document.components.schemas.TimeDiff = { description: 'Human-readable duration.', type: 'string' }
    }
    documents.set(protocol, document)
  }
  return document
}

/** Methods the published schema describes. */
export function schemaMethods(protocol: '1.5' | '2.0'): string[] {
  return documentOf(protocol).methods.map((m) => m.name)
}

/**
 * Errors of `result` against the schema's result schema for `method` (`$ref`s resolve into
 * `components/schemas` of the same document); `[]` when it validates.
 */
export function resultErrors(protocol: '1.5' | '2.0', method: string, result: unknown): string[] {
  const key = `${protocol}:${method}`
  let validate = validators.get(key)
  if (!validate) {
    const document = documentOf(protocol)
    const found = document.methods.find((m) => m.name === method)
    if (!found) throw new Error(`${method} is not in the ${protocol} schema`)
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true })
    validate = ajv.compile({ ...found.result.schema, components: document.components })
    validators.set(key, validate)
  }
  return validate(result)
    ? []
    : (validate.errors ?? []).map(
        (e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`,
      )
}
