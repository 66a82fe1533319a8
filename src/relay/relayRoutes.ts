// The relay's HTTP routes: which request does what, behind the rate limit and, where configured, the operator token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { stringifyCosignFile } from '../cosign/stringifyCosignFile.js'
import { BaseError } from '../errors/BaseError.js'
import { admitApprovals } from './admitApprovals.js'
import { admitProposal } from './admitProposal.js'
import { announceApprovals } from './announceApprovals.js'
import { mergedProposalFile } from './mergedProposalFile.js'
import { proposalProgress } from './proposalProgress.js'
import { proposalStatus } from './proposalStatus.js'
import { proposalView } from './proposalView.js'
import type { RelayContext } from './RelayContext.js'
import { RelayError } from './RelayError.js'
import type { RateLimiter } from './rateLimit.js'
import { rateLimitKey } from './rateLimitKey.js'
import { readBody } from './readBody.js'
import { sendError, sendJson, sendText } from './relayResponse.js'
import { renewProposal } from './renewProposal.js'
import { servePage } from './servePage.js'
import { notFound } from './storeRows.js'
import { submitProposal } from './submitProposal.js'
import { webhookUrl } from './webhookUrl.js'

/** Limits of one relay. */
export type RelayLimits = {
  maxBodyBytes: number
  /** How often a submission is polled while it is followed to its result. */
  pollIntervalMs: number
  /** Webhooks one account may have. */
  maxWebhooks: number
  /**
   * Body bytes the relay holds at once for one address (rate-limit key) across its requests under way;
   * default four bodies at the cap. Without it, a client could open hundreds of requests that each
   * send nearly the cap and then stall, and make the relay hold them all until the request timeout.
   */
  maxInFlightBodyBytes?: number | undefined
}

type Handler = (request: IncomingMessage, response: ServerResponse, params: string[]) => Promise<void>
type Route = { pattern: RegExp; methods: Record<string, Handler> }

const hashPattern = '([0-9a-fA-F]{64})'
const accountPattern = '((?:account-hash-)?[0-9a-fA-F]{64})'

/**
 * The request handler of a relay: rate limit per address, per /64 for IPv6 ({@link rateLimitKey}; 429
 * with `Retry-After`; `X-Forwarded-For` is never read, so a client cannot pick its own key), the routes of the
 * relay's HTTP API, errors in one JSON shape; never a CORS header (an `OPTIONS` preflight is 405).
 *
 * @example
 * ```ts
 * const handle = relayRoutes(context, limiter, limits)
 * createServer((request, response) => void handle(request, response))
 * ```
 */
export function relayRoutes(
  context: RelayContext,
  limiter: RateLimiter,
  limits: RelayLimits,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const follow = { pollIntervalMs: limits.pollIntervalMs }
  const maxInFlight = limits.maxInFlightBodyBytes ?? 4 * limits.maxBodyBytes
  /** Body bytes held per rate-limit key, and what each request under way holds. */
  const inFlight = new Map<string, number>()
  const held = new WeakMap<IncomingMessage, { key: string; bytes: number }>()
  const body = (request: IncomingMessage) => {
    const mine = held.get(request)
    return readBody(request, limits.maxBodyBytes, (bytes) => {
      if (!mine) return true
      const total = (inFlight.get(mine.key) ?? 0) + bytes
      if (total > maxInFlight) return false
      inFlight.set(mine.key, total)
      mine.bytes += bytes
      return true
    })
  }
  const release = (request: IncomingMessage) => {
    const mine = held.get(request)
    if (!mine || mine.bytes === 0) return
    const left = (inFlight.get(mine.key) ?? 0) - mine.bytes
    if (left > 0) inFlight.set(mine.key, left)
    else inFlight.delete(mine.key)
    mine.bytes = 0
  }
  // The write is durable and acknowledged whatever happens to its events: a failure there is logged.
  const announce = (hash: string, change: Parameters<typeof announceApprovals>[2]) =>
    announceApprovals(context, hash, change, follow).catch((error: unknown) =>
      context.log(
        `relay: events of ${hash} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      ),
    )
  const guarded =
    (handler: Handler): Handler =>
    async (request, response, params) => {
      authorize(context.token, request)
      await handler(request, response, params)
    }
  const routes: Route[] = [
    {
      pattern: /^\/health$/,
      methods: {
        GET: async (_, response) => sendJson(response, 200, { ok: true, store: context.store.kind }),
      },
    },
    {
      pattern: /^\/proposals$/,
      methods: {
        POST: async (request, response) => {
          const { answer, added } = await admitProposal(context, await body(request))
          await announce(answer.hash, { created: answer.created, added })
          sendJson(response, answer.created ? 201 : 200, answer)
        },
      },
    },
    {
      pattern: new RegExp(`^/proposals/${hashPattern}$`),
      methods: {
        GET: async (_, response, [hash]) => {
          const found = await context.store.getProposal(hash!)
          if (!found) throw notFound(hash!)
          sendJson(response, 200, await proposalView(context, found))
        },
      },
    },
    {
      pattern: new RegExp(`^/proposals/${hashPattern}/file$`),
      methods: {
        GET: async (_, response, [hash]) => {
          const found = await context.store.getProposal(hash!)
          if (!found) throw notFound(hash!)
          sendText(
            response,
            200,
            stringifyCosignFile(mergedProposalFile(found)),
            'application/json; charset=utf-8',
            {
              'content-disposition': `attachment; filename="${hash}.json"`,
            },
          )
        },
      },
    },
    {
      pattern: new RegExp(`^/proposals/${hashPattern}/approvals$`),
      methods: {
        POST: async (request, response, [hash]) => {
          const { added, approvals } = await admitApprovals(context, hash!, await body(request))
          await announce(hash!, { created: false, added })
          sendJson(response, 200, { hash, added: added.map((a) => a.signer), approvals })
        },
      },
    },
    {
      pattern: new RegExp(`^/proposals/${hashPattern}/submit$`),
      methods: {
        POST: async (request, response, [hash]) => {
          await body(request)
          sendJson(response, 200, await submitProposal(context, hash!, follow))
        },
      },
    },
    {
      pattern: new RegExp(`^/proposals/${hashPattern}/renew$`),
      methods: {
        POST: async (request, response, [hash]) => {
          await body(request)
          const renewed = await renewProposal(context, hash!)
          sendJson(response, renewed.created ? 201 : 200, renewed)
        },
      },
    },
    {
      pattern: new RegExp(`^/accounts/${accountPattern}/proposals$`),
      methods: {
        GET: guarded(async (request, response, [account]) => {
          const hex = accountHex(account!)
          const limit = listLimit(request)
          const proposals = await context.store.listProposals(hex, { limit })
          const onChain = context.node ? await context.node.account(hex) : undefined
          const now = context.now()
          const items = await Promise.all(
            proposals.map(async (proposal) => {
              const found = await context.store.getProposal(proposal.hash)
              const approvals = found?.approvals ?? []
              const progress = onChain
                ? await proposalProgress(context, { proposal, approvals }, onChain)
                : null
              return {
                hash: proposal.hash,
                kind: proposal.kind,
                status: proposalStatus(proposal, progress, now),
                createdAt: new Date(proposal.createdAt).toISOString(),
                expiresAt: new Date(proposal.expiresAt).toISOString(),
                approvals: approvals.length,
                renewedFrom: proposal.renewedFrom ?? null,
                renewedTo: proposal.renewedTo ?? null,
              }
            }),
          )
          sendJson(response, 200, { account: hex, proposals: items })
        }),
      },
    },
    {
      pattern: new RegExp(`^/accounts/${accountPattern}/webhooks$`),
      methods: {
        POST: guarded(async (request, response, [account]) => {
          const hex = accountHex(account!)
          const url = webhookUrl(jsonField(await body(request), 'url'), {
            localWebhooks: context.localWebhooks,
          })
          if ((await context.store.listWebhooks(hex)).length >= limits.maxWebhooks) {
            throw new RelayError('This account has as many webhooks as a relay keeps', {
              code: 'InvalidRequest',
              details: { limit: limits.maxWebhooks },
              remedy: 'Delete one first (DELETE /accounts/<account>/webhooks/<id>).',
            })
          }
          const webhook = {
            id: randomBytes(16).toString('hex'),
            account: hex,
            url,
            secret: randomBytes(32).toString('hex'),
            createdAt: context.now(),
          }
          await context.store.addWebhook(webhook)
          sendJson(response, 201, { id: webhook.id, secret: webhook.secret })
        }),
        GET: guarded(async (_, response, [account]) => {
          const hex = accountHex(account!)
          const webhooks = await context.store.listWebhooks(hex)
          sendJson(response, 200, {
            account: hex,
            webhooks: webhooks.map((w) => ({
              id: w.id,
              url: w.url,
              createdAt: new Date(w.createdAt).toISOString(),
            })),
          })
        }),
      },
    },
    {
      pattern: new RegExp(`^/accounts/${accountPattern}/webhooks/([0-9a-f]{32})$`),
      methods: {
        DELETE: guarded(async (_, response, [account, id]) => {
          if (!(await context.store.removeWebhook(accountHex(account!), id!))) {
            throw new RelayError('No webhook has this id for this account', {
              code: 'NotFound',
              details: { id },
              remedy: 'List them with GET /accounts/<account>/webhooks.',
            })
          }
          sendJson(response, 200, { id, deleted: true })
        }),
      },
    },
    {
      pattern: new RegExp(`^/p/${hashPattern}$`),
      methods: { GET: async (_, response) => servePage(response, context.pageDirectory) },
    },
  ]

  return async (request, response) => {
    try {
      const key = rateLimitKey(request.socket.remoteAddress ?? '')
      held.set(request, { key, bytes: 0 })
      const verdict = limiter.take(key)
      if (!verdict.ok) {
        request.resume()
        sendError(
          response,
          new RelayError('Too many requests from this address', {
            code: 'RateLimited',
            details: { retryAfterSeconds: verdict.retryAfterSeconds },
            remedy: `Wait ${verdict.retryAfterSeconds} s and try again.`,
          }),
          { 'retry-after': String(verdict.retryAfterSeconds) },
        )
        return
      }
      const path = (request.url ?? '/').split('?')[0]!
      for (const route of routes) {
        const match = route.pattern.exec(path)
        if (!match) continue
        const handler = route.methods[request.method ?? '']
        if (!handler) {
          request.resume()
          const allow = Object.keys(route.methods).join(', ')
          throw new RelayError('This route does not take this method', {
            code: 'MethodNotAllowed',
            details: { method: request.method ?? '', allow },
            remedy: `Use ${allow}. The relay answers no cross-origin requests.`,
          })
        }
        // Hashes and accounts are lowercase hex in the store, whatever case the address used.
        await handler(
          request,
          response,
          match.slice(1).map((p) => p.toLowerCase()),
        )
        return
      }
      request.resume()
      throw new RelayError('No such route', {
        code: 'NotFound',
        details: { path: path.slice(0, 200) },
        remedy:
          'See the relay HTTP API in docs: /proposals, /proposals/<hash>, /accounts/<account>/proposals, /health.',
      })
    } catch (error) {
      if (!(error instanceof BaseError)) {
        context.log(
          `relay: internal error on ${request.method} ${(request.url ?? '').slice(0, 200)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        )
      }
      sendError(
        response,
        error,
        error instanceof RelayError && error.code === 'RateLimited' ? { 'retry-after': '1' } : {},
      )
    } finally {
      release(request)
    }
  }
}

/** `account-hash-<hex>` or `<hex>` as the store keeps it: 64 lowercase hex. */
function accountHex(text: string): string {
  return text.replace(/^account-hash-/, '')
}

function listLimit(request: IncomingMessage): number {
  const query = new URLSearchParams((request.url ?? '').split('?')[1] ?? '')
  const text = query.get('limit')
  if (text === null) return 100
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > 100) {
    throw new RelayError('Invalid limit', {
      code: 'InvalidRequest',
      details: { expected: 'an integer from 1 to 100', got: text.slice(0, 20) },
    })
  }
  return Number(text)
}

/** The operator token, compared in constant time; without one configured, everyone is allowed. */
function authorize(token: string | undefined, request: IncomingMessage): void {
  if (token === undefined) return
  const header = request.headers.authorization ?? ''
  const given = header.startsWith('Bearer ') ? header.slice(7) : ''
  const digest = (text: string) => createHash('sha256').update(text).digest()
  if (!timingSafeEqual(digest(given), digest(token))) {
    request.resume()
    throw new RelayError('This needs the operator token', {
      code: 'Unauthorized',
      details: {},
      remedy: 'Send Authorization: Bearer <token> with the token the relay was started with (--token).',
    })
  }
}

/** One field of a JSON object body (`{ "url": … }`), unchecked: the caller checks its value. */
function jsonField(text: string, field: string): unknown {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RelayError('The request body is not a JSON object', {
      code: 'InvalidRequest',
      details: { expected: `{ "${field}": … }`, got: text.slice(0, 100) },
      remedy: `Post a JSON object with "${field}".`,
    })
  }
  return (body as Record<string, unknown>)[field]
}
