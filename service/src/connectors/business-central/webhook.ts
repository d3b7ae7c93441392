/**
 * Business Central's push face (FACTS §3 / 3.1): what BC sends to our webhook route, and the subscriptions that
 * make it send. Framework-free; the generic route (http/webhooks/routes.ts) and dispatcher (engine/push.ts) do the
 * HTTP, the body limit, dedupe and queueing.
 * - Validation handshake (FACTS 3.1 #1): `?validationToken=X` → 200, text/plain, exactly X (on create and renew).
 * - Notifications (FACTS 3.1 #4): `{"value":[{subscriptionId, clientState, resource, changeType, …}]}`, no
 *   entity data. Every item's clientState is compared in constant time with ours; one mismatch rejects the
 *   whole POST and nothing is queued (fail closed). What remains is a list of records to fetch (version: the
 *   item's lastModifiedDateTime), and for `collection` items or payment journals an entity to poll.
 * - Answers (FACTS 3.1 #6): BC deletes a subscription on any non-2xx answer except 408/429/5xx. So a problem
 *   on our side (queue down) is answered 503 by the route and BC retries; only forged or malformed input gets a 4xx.
 * - Upkeep: one subscription per watched entity (subscriptions.ts), kept in the service's push_subscriptions table.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { PushFace, PushHealth, PushResponse, PushSubscriptionState } from '../../engine/connector.ts';
import type { Logger } from '../../lib/logger.ts';
import type { BcClient } from './client.ts';
import type { BcFeedEntity } from './entities.ts';
import { WEBHOOK_SET_OF } from './entities.ts';
import { BC_FACTS, SUBSCRIPTION_MAINTAIN_INTERVAL_MS } from './facts.ts';
import { createSubscriptionManager, type SubscriptionHealth } from './subscriptions.ts';

export interface BcRecordChange {
  entity: BcFeedEntity;
  /** The record id, for created / updated / deleted. */
  id: string;
  changeType: 'created' | 'updated' | 'deleted';
  subscriptionId: string;
  lastModifiedDateTime: string;
  /** The notification item as BC sent it. */
  item: Record<string, unknown>;
}

export interface BcNotificationBatch {
  /** Records to re-read (their notification carries no data). */
  changes: BcRecordChange[];
  /** Entities to poll from their cursor (a `collection` notification, or payment lines behind a journal). */
  catchUp: BcFeedEntity[];
}

export type NotificationVerdict = { ok: true; batch: BcNotificationBatch } | { ok: false; status: number; reason: string };


/** Longest validation token echoed back (BC's tokens are short; anything huge is not from BC). */
const MAX_VALIDATION_TOKEN_LENGTH = 1_024;
const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' };

const ENTITY_OF_SET: Record<string, BcFeedEntity> = Object.fromEntries(
  (Object.entries(WEBHOOK_SET_OF) as Array<[BcFeedEntity, string]>).map(([entity, set]) => [set, entity]),
);

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time equality (hashing first makes the comparison independent of the lengths too). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** The handshake answer, or undefined if the request carries no validationToken. */
export function answerValidation(query: Record<string, string | undefined>): PushResponse | undefined {
  const token = query.validationToken;
  if (token === undefined) return undefined;
  if (token.length === 0 || token.length > MAX_VALIDATION_TOKEN_LENGTH) return { status: 400, headers: TEXT, body: 'invalid validationToken' };
  return { status: 200, headers: TEXT, body: token };
}

const RESOURCE_RE = /^\/?api\/v2\.0\/companies\(([0-9a-fA-F-]{36})\)\/([A-Za-z]+)(?:\(([^)]+)\))?(?:\?.*)?$/;

/** Verify and interpret a notification body. Pure: nothing is enqueued here. */
export function verifyNotification(body: unknown, opts: { clientState: string; companyId: string }): NotificationVerdict {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body.replace(/^\uFEFF/, ''));
    } catch {
      return { ok: false, status: 400, reason: 'body is not JSON' };
    }
  }
  const value = (parsed as { value?: unknown } | null)?.value;
  if (!Array.isArray(value) || value.length === 0) return { ok: false, status: 400, reason: 'body has no "value" array' };
  // Check every item before acting on any: one forged item rejects the whole POST.
  let forged = false;
  for (const item of value as Array<Record<string, unknown>>) {
    const state = typeof item?.clientState === 'string' ? item.clientState : '';
    if (!sameSecret(state, opts.clientState)) forged = true;
  }
  if (forged) return { ok: false, status: 401, reason: 'clientState does not match' };

  const changes: BcRecordChange[] = [];
  const catchUp = new Set<BcFeedEntity>();
  for (const item of value as Array<Record<string, unknown>>) {
    const m = RESOURCE_RE.exec(String(item.resource ?? ''));
    if (!m || (m[1] as string).toLowerCase() !== opts.companyId) continue;
    const entity = ENTITY_OF_SET[m[2] as string];
    if (!entity) continue;
    const changeType = item.changeType;
    if (changeType === 'collection' || entity === 'customerPayments' || m[3] === undefined) {
      catchUp.add(entity);
      continue;
    }
    if (changeType !== 'created' && changeType !== 'updated' && changeType !== 'deleted') continue;
    changes.push({
      entity,
      id: (m[3] as string).replace(/^'(.*)'$/, '$1').toLowerCase(),
      changeType,
      subscriptionId: String(item.subscriptionId ?? ''),
      lastModifiedDateTime: String(item.lastModifiedDateTime ?? ''),
      item,
    });
  }
  return { ok: true, batch: { changes, catchUp: [...catchUp] } };
}

/** BC batches at most 1,000 items a POST (~300 bytes each) before it sends one `collection` item instead. */
const BODY_LIMIT_BYTES = 2 * 1024 * 1024;
/** Store keys of the subscription manager, as the push face hands it the stored rows. */
const KEY_PREFIX = 'bc';

export interface BcPushOptions {
  client: BcClient;
  notificationUrl: string;
  clientState: string;
  companyId: string;
  entities: readonly BcFeedEntity[];
  logger: Logger;
}

export interface BcPushFace extends PushFace {
  /** Results of the last upkeep (gauges), without calling BC. */
  health(): SubscriptionHealth[];
}

interface StoredSubscription {
  subscriptionId: string;
  expirationDateTime: string;
}

function isStored(value: unknown): value is StoredSubscription {
  const v = value as Partial<StoredSubscription> | null | undefined;
  return typeof v?.subscriptionId === 'string' && typeof v.expirationDateTime === 'string';
}

const RENEWING_ACTIONS = new Set(['created', 'recreated', 'renewed', 'adopted']);

export function createBcPushFace(opts: BcPushOptions): BcPushFace {
  let lastHealth: SubscriptionHealth[] = [];
  const verifyOpts = { clientState: opts.clientState, companyId: opts.companyId };

  return {
    bodyLimitBytes: BODY_LIMIT_BYTES,
    timeoutMs: BC_FACTS.handshakeTimeoutMs,
    upkeepIntervalMs: SUBSCRIPTION_MAINTAIN_INTERVAL_MS,

    async receive(req) {
      // BC's handshake is a POST [C]; a GET carrying validationToken is answered the same way.
      const validation = answerValidation(req.query);
      if (validation) return { response: validation, changes: [], catchUp: [] };
      if (req.method.toUpperCase() !== 'POST') return { response: { status: 405, headers: { ...TEXT, allow: 'POST' }, body: 'POST only' }, changes: [], catchUp: [] };
      const verdict = verifyNotification(req.body ?? '', verifyOpts);
      if (!verdict.ok) {
        opts.logger.warn({ status: verdict.status }, `business central notification rejected: ${verdict.reason}`);
        return { response: { status: verdict.status, headers: TEXT, body: verdict.reason }, changes: [], catchUp: [] };
      }
      return {
        response: { status: 202, headers: TEXT, body: '' },
        changes: verdict.batch.changes.map((c) => ({
          entity: c.entity,
          id: c.id,
          op: c.changeType === 'deleted' ? 'delete' : 'upsert',
          ...(c.lastModifiedDateTime ? { version: c.lastModifiedDateTime } : {}),
          item: c.item,
        })),
        catchUp: verdict.batch.catchUp,
      };
    },

    async upkeep(stored, ctx) {
      // The manager keeps its ids in a key/value store: here, the rows the service stored for this connection.
      const kv = new Map<string, unknown>(stored.map((row) => [`${KEY_PREFIX}:${row.key}`, row.state]));
      const manager = createSubscriptionManager(
        opts.client,
        { get: async (key) => kv.get(key) ?? null, set: async (key, value) => void kv.set(key, value) },
        { notificationUrl: opts.notificationUrl, clientState: opts.clientState, companyId: opts.companyId, entities: [...opts.entities], keyPrefix: KEY_PREFIX },
        { logger: ctx.logger, now: ctx.now },
      );
      const result = await manager.ensure();
      lastHealth = result.health;
      const previous = new Map(stored.map((row) => [row.key, row]));
      const state: PushSubscriptionState[] = result.health.map((h) => {
        const key = WEBHOOK_SET_OF[h.entity];
        const value = kv.get(`${KEY_PREFIX}:${key}`);
        const sub = isStored(value) ? value : undefined;
        return {
          key,
          entity: h.entity,
          externalId: sub?.subscriptionId ?? null,
          expiresAt: sub ? new Date(sub.expirationDateTime) : null,
          lastRenewedAt: RENEWING_ACTIONS.has(h.action) ? new Date(ctx.now()) : (previous.get(key)?.lastRenewedAt ?? null),
          lastError: h.ok ? null : h.message,
          state: (sub ?? {}) as PushSubscriptionState['state'],
        };
      });
      const health: PushHealth[] = result.health.map((h) => ({ key: WEBHOOK_SET_OF[h.entity], entity: h.entity, ok: h.ok, action: h.action, message: h.message }));
      return { state, catchUp: result.catchUp, health };
    },

    health: () => lastHealth.map((h) => ({ ...h })),
  };
}
