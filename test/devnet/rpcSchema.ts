// Validates devnet responses against the node's published schemas (copies in test/fixtures/).
//
// - 1.5: casper-node v1.5.8 `resources/test/rpc_schema_hashing.json`.
// - 2.x method results: casper-network/casper-sidecar feat-2.0 `resources/test/rpc_schema.json`, a
//   release candidate whose `ExecutionResultV2` lacks `refund` and `current_price`. Its
//   `ExecutionResult` is therefore replaced by the released one: casper-node 2.0.0
//   `resources/test/sse_data_schema.json` (node crate 2.0.0, the file as of commit 60f78818 of
//   2025-03-12, read from EdHastingsCasperAssociation/casper-node master 1c3b8ad9 of 2025-05-16),
//   whose `ExecutionResultV2` is casper-types' released struct: `initiator`, `error_message`,
//   `current_price`, `limit`, `consumed`, `cost`, `refund`, `transfers`, `size_estimate`, `effects`,
//   all but `error_message` required, no other field allowed.
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

/** casper-node 2.0.0 `resources/test/sse_data_schema.json` (JSON Schema draft-07, `definitions`). */
const released = 'sse_data_schema_casper-node_v2.0.0.json'
const releasedId = 'casper-node-2.0.0-sse-data'

const documents = new Map<string, OpenRpc>()
const validators = new Map<string, ValidateFunction>()

let releasedDocument: { definitions: Record<string, object> } | undefined

/** The released casper-node 2.0.0 SSE data schema. */
export function releasedSchema(): { definitions: Record<string, object> } {
  releasedDocument ??= JSON.parse(
    readFileSync(new URL(`../fixtures/${released}`, import.meta.url), 'utf8'),
  ) as { definitions: Record<string, object> }
  return releasedDocument
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true })
  ajv.addSchema({ ...releasedSchema(), $id: releasedId })
  return ajv
}

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
    } else {
      // The release candidate's execution result gives way to the released one (see above).
      document.components.schemas.ExecutionResult = { $ref: `${releasedId}#/definitions/ExecutionResult` }
      delete document.components.schemas.ExecutionResultV2
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
    const ajv = newAjv()
    validate = ajv.compile({ ...found.result.schema, components: document.components })
    validators.set(key, validate)
  }
  return validate(result)
    ? []
    : (validate.errors ?? []).map(
        (e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`,
      )
}

/**
 * Errors of `value` against a definition of the released casper-node 2.0.0 schema (e.g.
 * `ExecutionResult`); `[]` when it validates.
 */
export function releasedErrors(definition: string, value: unknown): string[] {
  const key = `released:${definition}`
  let validate = validators.get(key)
  if (!validate) {
    const ajv = newAjv()
    validate = ajv.compile({ $ref: `${releasedId}#/definitions/${definition}` })
    validators.set(key, validate)
  }
  return validate(value)
    ? []
    : (validate.errors ?? []).map(
        (e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`,
      )
}
