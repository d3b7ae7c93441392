/**
 * Webhook subscriptions (FACTS §3, 3.1 #1–3, #7, #8 [V]): created only after a validation handshake
 * (POST `notificationUrl?validationToken=X` answered 200 with exactly X as text/plain, within ~5 s [C]);
 * renewed by PATCH with If-Match, which repeats the handshake; expire silently 3 days after creation or
 * renewal; at most 200 per environment.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxClock } from './clock.ts';
import { isoAt } from './clock.ts';
import { bcError, entityChanged, missingIfMatch, notFound } from './errors.ts';

export const SUBSCRIPTION_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;
export const MAX_SUBSCRIPTIONS = 200;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 5_000;

/**
 * FACTS §3 [V]: the v2.0 entity sets that accept subscriptions (the emulated subset of the published list).
 * customerPayments is not on the list: payment lines notify on their journal.
 */
export const WEBHOOK_ENTITY_SETS = ['customers', 'items', 'salesOrders', 'salesInvoices', 'customerPaymentJournals'] as const;

export interface Subscription {
  subscriptionId: string;
  notificationUrl: string;
  resource: string;
  userId: string;
  lastModifiedDateTime: string;
  clientState: string;
  expirationDateTime: string;
  systemCreatedAt: string;
  systemCreatedBy: string;
  systemModifiedAt: string;
  systemModifiedBy: string;
}

interface Entry {
  sub: Subscription;
  version: number;
  entitySet: string;
}

export interface SubscriptionRegistry {
  create(body: unknown): Promise<Subscription>;
  renew(id: string, ifMatch: string | undefined, body: unknown): Promise<Subscription>;
  get(id: string): Subscription | undefined;
  etag(id: string): string | undefined;
  list(): Subscription[];
  remove(id: string): boolean;
  /** Live subscriptions on an entity set (expired ones are gone). */
  forEntitySet(entitySet: string): Subscription[];
  handshakes(): { attempted: number; failed: number };
}

export interface SubscriptionRegistryOptions {
  clock: SandboxClock;
  companyId: string;
  userId: string;
  handshakeTimeoutMs: number;
}

async function handshake(notificationUrl: string, timeoutMs: number): Promise<string | undefined> {
  const token = randomBytes(16).toString('hex');
  const url = new URL(notificationUrl);
  url.searchParams.set('validationToken', token);
  try {
    // [C] BC's handshake request is a POST.
    const res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    if (res.status !== 200) return `the notification URL answered ${res.status}`;
    if (!(res.headers.get('content-type') ?? '').toLowerCase().startsWith('text/plain')) return 'the notification URL did not answer with text/plain';
    if (text !== token) return 'the notification URL did not echo the validation token';
    return undefined;
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    return name === 'TimeoutError' ? `the notification URL did not answer within ${timeoutMs} ms` : 'the notification URL could not be reached';
  }
}

export function createSubscriptionRegistry(opts: SubscriptionRegistryOptions): SubscriptionRegistry {
  const { clock } = opts;
  const entries = new Map<string, Entry>();
  const counts = { attempted: 0, failed: 0 };
  let versionSeq = 500;

  const live = (id: string): Entry | undefined => {
    const e = entries.get(id);
    if (e && Date.parse(e.sub.expirationDateTime) <= clock.now()) {
      entries.delete(id); // FACTS 3.1 #7: silently gone.
      return undefined;
    }
    return e;
  };
  const sweep = (): void => {
    for (const id of [...entries.keys()]) live(id);
  };

  function parseResource(resource: unknown): string {
    const m = typeof resource === 'string' ? /^\/api\/v2\.0\/companies\(([0-9a-f-]{36})\)\/([A-Za-z]+)$/i.exec(resource) : null;
    if (!m) throw bcError(400, 'BadRequest', `The resource '${String(resource)}' is not valid. Use /api/v2.0/companies(<id>)/<entitySet>.`);
    if ((m[1] as string).toLowerCase() !== opts.companyId) throw notFound(`company ${m[1] as string}`);
    const set = m[2] as string;
    if (!(WEBHOOK_ENTITY_SETS as readonly string[]).includes(set)) throw bcError(400, 'BadRequest', `The entity set '${set}' does not support webhooks.`);
    return set;
  }

  async function validateUrl(notificationUrl: unknown): Promise<string> {
    if (typeof notificationUrl !== 'string' || !/^https?:\/\//.test(notificationUrl)) {
      throw bcError(400, 'BadRequest', "The property 'notificationUrl' must be an absolute http(s) URL.");
    }
    counts.attempted += 1;
    const problem = await handshake(notificationUrl, opts.handshakeTimeoutMs);
    if (problem) {
      counts.failed += 1;
      // [U] exact code/text; the documented behaviour is that no subscription is created.
      throw bcError(400, 'BadRequest', `The subscription could not be validated: ${problem}.`);
    }
    return notificationUrl;
  }

  const expiryFromNow = (): string => isoAt(clock.now() + SUBSCRIPTION_LIFETIME_MS).replace(/\.\d{3}Z$/, 'Z');

  return {
    async create(body) {
      const b = (body ?? {}) as Record<string, unknown>;
      const entitySet = parseResource(b.resource);
      if (b.clientState !== undefined && (typeof b.clientState !== 'string' || b.clientState.length > 2048)) {
        throw bcError(400, 'Application_StringExceededLength', "The property 'clientState' must be a string of at most 2048 characters.");
      }
      sweep();
      if (entries.size >= MAX_SUBSCRIPTIONS) throw bcError(400, 'BadRequest', `The maximum number of subscriptions (${MAX_SUBSCRIPTIONS}) has been reached.`);
      const notificationUrl = await validateUrl(b.notificationUrl);
      const now = isoAt(clock.now());
      const sub: Subscription = {
        subscriptionId: randomUUID().replace(/-/g, ''),
        notificationUrl,
        resource: b.resource as string,
        userId: opts.userId,
        lastModifiedDateTime: now,
        clientState: (b.clientState as string | undefined) ?? '',
        expirationDateTime: expiryFromNow(),
        systemCreatedAt: now,
        systemCreatedBy: opts.userId,
        systemModifiedAt: now,
        systemModifiedBy: opts.userId,
      };
      entries.set(sub.subscriptionId, { sub, version: ++versionSeq, entitySet });
      return { ...sub };
    },
    async renew(id, ifMatch, body) {
      const e = live(id);
      if (!e) throw notFound(`subscriptions('${id}')`);
      if (!ifMatch) throw missingIfMatch();
      if (ifMatch !== '*' && ifMatch !== `W/"${e.version}"`) throw entityChanged();
      const b = (body ?? {}) as Record<string, unknown>;
      if (b.resource !== undefined && b.resource !== e.sub.resource) throw bcError(400, 'BadRequest', 'The resource of a subscription cannot be changed.');
      const notificationUrl = await validateUrl(b.notificationUrl ?? e.sub.notificationUrl);
      if (!entries.has(id)) throw notFound(`subscriptions('${id}')`);
      const now = isoAt(clock.now());
      e.sub = {
        ...e.sub,
        notificationUrl,
        clientState: typeof b.clientState === 'string' ? b.clientState : e.sub.clientState,
        expirationDateTime: expiryFromNow(),
        lastModifiedDateTime: now,
        systemModifiedAt: now,
      };
      e.version = ++versionSeq;
      return { ...e.sub };
    },
    get: (id) => {
      const e = live(id);
      return e ? { ...e.sub } : undefined;
    },
    etag: (id) => {
      const e = live(id);
      return e ? `W/"${e.version}"` : undefined;
    },
    list() {
      sweep();
      return [...entries.values()].map((e) => ({ ...e.sub }));
    },
    remove: (id) => entries.delete(id),
    forEntitySet(entitySet) {
      sweep();
      return [...entries.values()].filter((e) => e.entitySet === entitySet).map((e) => ({ ...e.sub }));
    },
    handshakes: () => ({ ...counts }),
  };
}
