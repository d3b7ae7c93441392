/**
 * The public webhook endpoint's logic, framework-free: `(input) => { status, headers, body }`.
 * - Validation handshake (FACTS 3.1 #1): `?validationToken=X` → 200, text/plain, exactly X.
 * - Notifications (FACTS 3.1 #4): `{"value":[{subscriptionId, clientState, resource, changeType, …}]}`, no
 *   entity data. Every item's clientState is compared in constant time with ours; one mismatch rejects the
 *   whole POST and nothing is enqueued (fail closed). What remains is a list of records to fetch, and for
 *   `collection` items an entity to poll.
 * - Answers (FACTS 3.1 #6): BC deletes a subscription on any non-2xx answer except 408/429/5xx. So a problem
 *   on our side (queue down) is answered 503 and BC retries; only forged or malformed input gets a 4xx.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../../lib/logger.ts';
import type { BcFeedEntity } from './entities.ts';
import { WEBHOOK_SET_OF } from './entities.ts';

export interface WebhookInput {
  method: string;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  /** Raw body text (or an already parsed JSON value). */
  body: unknown;
}

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface BcRecordChange {
  entity: BcFeedEntity;
  /** The record id, for created / updated / deleted. */
  id: string;
  changeType: 'created' | 'updated' | 'deleted';
  subscriptionId: string;
  lastModifiedDateTime: string;
}

export interface BcNotificationBatch {
  /** Records to re-read (their notification carries no data). */
  changes: BcRecordChange[];
  /** Entities to poll from their cursor (a `collection` notification, or payment lines behind a journal). */
  catchUp: BcFeedEntity[];
}

export type NotificationVerdict = { ok: true; batch: BcNotificationBatch } | { ok: false; status: number; reason: string };

export interface WebhookHandlerOptions {
  clientState: string;
  companyId: string;
  /** Hand the verified batch to the service (enqueue a run). Throwing makes BC retry later (503). */
  onNotification(batch: BcNotificationBatch): Promise<void>;
  logger: Logger;
}

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
export function answerValidation(query: Record<string, string | undefined>): WebhookResponse | undefined {
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
    });
  }
  return { ok: true, batch: { changes, catchUp: [...catchUp] } };
}

export interface BcWebhookHandler {
  /** The whole endpoint: handshake, or verify + enqueue a notification. */
  handle(input: WebhookInput): Promise<WebhookResponse>;
  /** Verify a notification body (headers are not used by BC's scheme; clientState is in the body). */
  handleNotification(body: unknown, headers?: Record<string, string | undefined>): NotificationVerdict;
  answerValidation(query: Record<string, string | undefined>): WebhookResponse | undefined;
}

export function createBcWebhookHandler(opts: WebhookHandlerOptions): BcWebhookHandler {
  const handleNotification = (body: unknown): NotificationVerdict => verifyNotification(body, opts);
  return {
    answerValidation,
    handleNotification,
    async handle(input) {
      const validation = answerValidation(input.query);
      if (validation) return validation;
      if (input.method.toUpperCase() !== 'POST') return { status: 405, headers: TEXT, body: 'POST only' };
      const verdict = handleNotification(input.body);
      if (!verdict.ok) {
        opts.logger.warn({ status: verdict.status }, `business central notification rejected: ${verdict.reason}`);
        return { status: verdict.status, headers: TEXT, body: verdict.reason };
      }
      try {
        await opts.onNotification(verdict.batch);
      } catch (err) {
        opts.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'business central notification could not be queued; BC will retry');
        return { status: 503, headers: { ...TEXT, 'retry-after': '30' }, body: 'try again later' };
      }
      return { status: 202, headers: TEXT, body: '' };
    },
  };
}
