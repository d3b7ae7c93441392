/**
 * Keeps one BC webhook subscription alive per watched entity (FACTS §3 [V]): created with `POST
 * .../api/v2.0/subscriptions` (BC validates the notification URL with a handshake first), renewed with PATCH
 * + If-Match well before the silent 3-day expiry, and recreated when BC deleted it (a receiver answered a
 * non-retryable status, FACTS 3.1 #6) or it expired — both show up as a 404 on GET. The subscription ids live
 * in a small key/value store (the push face backs it with the service's push_subscriptions rows), so a restart
 * adopts them. ensure() runs on the engine's schedule (SUBSCRIPTION_MAINTAIN_INTERVAL_MS); after a create or
 * recreate, the entity is polled once (catchUp): notifications sent while nobody was subscribed are lost.
 */
import { ConnectorError, toConnectorError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { BcClient } from './client.ts';
import { WEBHOOK_SET_OF, type BcFeedEntity, type BcSubscription } from './entities.ts';
import { SUBSCRIPTION_RENEW_BEFORE_MS, subscriptionResource } from './facts.ts';

/** JSON by key (the push face backs it with the connection's stored subscription rows). */
export interface SubscriptionStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

interface StoredSubscription {
  subscriptionId: string;
  resource: string;
  notificationUrl: string;
  expirationDateTime: string;
}

export type SubscriptionAction = 'created' | 'recreated' | 'renewed' | 'adopted' | 'unchanged' | 'failed';

export interface SubscriptionHealth {
  entity: BcFeedEntity;
  resource: string;
  ok: boolean;
  action: SubscriptionAction;
  subscriptionId?: string;
  expirationDateTime?: string;
  message: string;
}

export interface EnsureResult {
  health: SubscriptionHealth[];
  /** Entities to poll now: their subscription is new, so changes in the gap were never notified. */
  catchUp: BcFeedEntity[];
}

export interface SubscriptionManagerOptions {
  notificationUrl: string;
  clientState: string;
  companyId: string;
  entities: BcFeedEntity[];
  /** Prefix of the store keys, unique per connection (default bc-subscription:<companyId>). */
  keyPrefix?: string;
}

export interface SubscriptionManager {
  ensure(): Promise<EnsureResult>;
  /** Results of the last ensure(), without calling BC. */
  health(): SubscriptionHealth[];
}

function isStored(value: unknown): value is StoredSubscription {
  const v = value as Partial<StoredSubscription> | null;
  return typeof v?.subscriptionId === 'string' && typeof v.resource === 'string';
}

export function createSubscriptionManager(
  client: BcClient,
  store: SubscriptionStore,
  opts: SubscriptionManagerOptions,
  deps: { logger: Logger; now?: () => number },
): SubscriptionManager {
  const now = deps.now ?? Date.now;
  const prefix = opts.keyPrefix ?? `bc-subscription:${opts.companyId}`;
  let lastHealth: SubscriptionHealth[] = [];

  const resourceOf = (entity: BcFeedEntity): string => subscriptionResource(opts.companyId, WEBHOOK_SET_OF[entity]);
  const keyOf = (entity: BcFeedEntity): string => `${prefix}:${WEBHOOK_SET_OF[entity]}`;
  const pathOf = (id: string): string => `/subscriptions('${encodeURIComponent(id)}')`;
  const body = (resource: string) => ({ notificationUrl: opts.notificationUrl, resource, clientState: opts.clientState });

  async function save(entity: BcFeedEntity, sub: BcSubscription): Promise<void> {
    await store.set(keyOf(entity), {
      subscriptionId: sub.subscriptionId,
      resource: sub.resource,
      notificationUrl: sub.notificationUrl,
      expirationDateTime: sub.expirationDateTime,
    } satisfies StoredSubscription);
  }

  async function fetchOne(id: string): Promise<BcSubscription | undefined> {
    try {
      return (await client.request<BcSubscription>('GET', pathOf(id))).body;
    } catch (err) {
      if (err instanceof ConnectorError && err.status === 404) return undefined;
      throw err;
    }
  }

  async function create(entity: BcFeedEntity): Promise<BcSubscription> {
    // BC runs the validation handshake against notificationUrl before answering 201 (FACTS 3.1 #1).
    const res = await client.request<BcSubscription>('POST', '/subscriptions', { body: body(resourceOf(entity)) });
    await save(entity, res.body);
    return res.body;
  }

  /** A subscription left by a crash between BC's 201 and our store write: same resource, URL and clientState. */
  async function findAdoptable(entity: BcFeedEntity): Promise<BcSubscription | undefined> {
    const res = await client.request<{ value?: BcSubscription[] }>('GET', '/subscriptions');
    return (res.body?.value ?? []).find((s) => s.resource === resourceOf(entity) && s.notificationUrl === opts.notificationUrl && s.clientState === opts.clientState);
  }

  async function ensureOne(entity: BcFeedEntity): Promise<SubscriptionHealth> {
    const resource = resourceOf(entity);
    const health = (action: SubscriptionAction, sub: BcSubscription, message: string): SubscriptionHealth => ({
      entity,
      resource,
      ok: true,
      action,
      subscriptionId: sub.subscriptionId,
      expirationDateTime: sub.expirationDateTime,
      message,
    });
    try {
      const stored = await store.get(keyOf(entity));
      let current = isStored(stored) ? await fetchOne(stored.subscriptionId) : undefined;
      const lost = isStored(stored) && !current;
      if (current && (current.notificationUrl !== opts.notificationUrl || current.clientState !== opts.clientState)) {
        // The URL or the shared secret changed in our config: replace the subscription.
        await client.request('DELETE', pathOf(current.subscriptionId), { headers: { 'if-match': current['@odata.etag'] ?? '*' } });
        current = undefined;
      }
      if (!current) {
        const adopted = lost ? undefined : await findAdoptable(entity);
        if (adopted) {
          await save(entity, adopted);
          current = adopted;
          return health('adopted', adopted, `adopted existing subscription ${adopted.subscriptionId}`);
        }
        const created = await create(entity);
        if (lost) deps.logger.warn({ entity, resource }, 'business central subscription was gone (deleted by BC or expired); recreated it');
        return health(lost ? 'recreated' : 'created', created, lost ? 'subscription was gone (deleted by BC or expired); recreated' : 'subscription created');
      }
      const leftMs = Date.parse(current.expirationDateTime) - now();
      if (leftMs > SUBSCRIPTION_RENEW_BEFORE_MS) return health('unchanged', current, `expires ${current.expirationDateTime}`);
      // Renewal repeats the handshake; it needs the subscription's etag (FACTS 3.1 #3).
      const renewed = await client.request<BcSubscription>('PATCH', pathOf(current.subscriptionId), {
        body: body(resource),
        headers: { 'if-match': current['@odata.etag'] ?? '*' },
      });
      await save(entity, renewed.body);
      return health('renewed', renewed.body, `renewed until ${renewed.body.expirationDateTime}`);
    } catch (raw) {
      const err = toConnectorError(raw);
      deps.logger.error({ entity, resource, category: err.category, status: err.status, code: err.code }, `business central subscription upkeep failed: ${err.message}`);
      return { entity, resource, ok: false, action: 'failed', message: err.message };
    }
  }

  return {
    async ensure() {
      const health: SubscriptionHealth[] = [];
      for (const entity of opts.entities) health.push(await ensureOne(entity));
      lastHealth = health;
      const catchUp = health.filter((h) => h.action === 'created' || h.action === 'recreated' || h.action === 'adopted').map((h) => h.entity);
      return { health, catchUp };
    },
    health: () => lastHealth.map((h) => ({ ...h })),
  };
}

