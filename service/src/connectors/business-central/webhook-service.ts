/**
 * Business Central webhooks as the service runs them: per BC connection with a notificationUrl, a subscription
 * manager whose ids live in the store (the cursors table, under `bc-subscription:<connection>:<set>` — keys a flow
 * id can never take), kept alive by ensure() on a schedule, and the webhook handler the public route calls.
 *
 * A verified notification becomes jobs on the engine's queue: one sync job per changed record and flow reading
 * that entity, with a deterministic id (`<record id>@<lastModifiedDateTime>`), so BC redelivering a notification
 * queues nothing twice; a `collection` notification, payment journal lines or a new subscription (the gap nobody
 * was subscribed) ask for a run of those flows from their cursor. Deletions are not queued: flows never delete.
 * Without a notificationUrl nothing is subscribed and the flows' own schedules poll lastModifiedDateTime.
 */
import type { ConnectionRuntime } from '../../engine/connections.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Json, Store } from '../../store/types.ts';
import type { BcFeedEntity } from './entities.ts';
import { SUBSCRIPTION_MAINTAIN_INTERVAL_MS } from './facts.ts';
import type { BcConnectionRuntime } from './index.ts';
import type { EnsureResult, SubscriptionManager } from './subscriptions.ts';
import type { BcNotificationBatch, BcWebhookHandler, WebhookInput, WebhookResponse } from './webhook.ts';

export interface BcWebhookServiceDeps {
  connections: { get(id: string): ConnectionRuntime; list(): ConnectionRuntime[] };
  engine: Pick<Engine, 'flows' | 'requestSync' | 'requestRun'>;
  store: Store;
  logger: Logger;
  /** How often subscriptions are checked and renewed (default hourly, well inside BC's 3 days). */
  maintainIntervalMs?: number;
}

export interface BcWebhookService {
  /** The public endpoint for one connection: handshake, or verify and queue. */
  handle(connectionId: string, input: WebhookInput): Promise<WebhookResponse>;
  /** Create, renew or recreate the subscriptions now (all BC connections, or one); catch-up runs are queued. */
  ensure(connectionId?: string): Promise<Map<string, EnsureResult>>;
  /** First upkeep at once, then every maintainIntervalMs. Call once the HTTP server listens (BC handshakes on create). */
  start(): void;
  stop(): Promise<void>;
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

interface Webhooks {
  manager: SubscriptionManager;
  handler: BcWebhookHandler;
}

function isBcRuntime(rt: ConnectionRuntime): rt is BcConnectionRuntime {
  return rt.system === 'business-central' && typeof (rt as Partial<BcConnectionRuntime>).createWebhookHandler === 'function';
}

export function createBcWebhookService(deps: BcWebhookServiceDeps): BcWebhookService {
  const log = deps.logger.child({ component: 'bc-webhooks' });
  // Runtimes are rebuilt when a connection is edited: a new runtime gets a new manager (which adopts the stored ids).
  const byRuntime = new WeakMap<BcConnectionRuntime, Webhooks | null>();
  const pollingReported = new Set<string>();
  const subscriptionStore = {
    get: (key: string) => deps.store.cursors.get(key),
    set: (key: string, value: unknown) => deps.store.cursors.set(key, value as Json),
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  let upkeep: Promise<unknown> = Promise.resolve();

  function runtime(connectionId: string): BcConnectionRuntime | undefined {
    try {
      const rt = deps.connections.get(connectionId);
      return isBcRuntime(rt) ? rt : undefined;
    } catch {
      return undefined;
    }
  }

  function webhooksOf(rt: BcConnectionRuntime): Webhooks | null {
    const known = byRuntime.get(rt);
    if (known !== undefined) return known;
    const manager = rt.createSubscriptionManager(subscriptionStore);
    const handler = rt.createWebhookHandler((batch) => enqueue(rt.id, batch));
    const made = manager && handler ? { manager, handler } : null;
    byRuntime.set(rt, made);
    return made;
  }

  async function flowsReading(connectionId: string, entity: BcFeedEntity): Promise<string[]> {
    const ids: string[] = [];
    for (const flow of deps.engine.flows()) {
      if (flow.source.connection !== connectionId || flow.source.entity !== entity) continue;
      if ((await deps.store.flows.isEnabled(flow.id)) ?? flow.enabled) ids.push(flow.id);
    }
    return ids;
  }

  async function requestRuns(connectionId: string, entities: Iterable<BcFeedEntity>, trigger: string): Promise<void> {
    for (const entity of new Set(entities)) {
      for (const flowId of await flowsReading(connectionId, entity)) await deps.engine.requestRun(flowId, trigger);
    }
  }

  async function enqueue(connectionId: string, batch: BcNotificationBatch): Promise<void> {
    let queued = 0;
    for (const change of batch.changes) {
      if (change.changeType === 'deleted') continue;
      const version = change.lastModifiedDateTime || new Date().toISOString();
      for (const flowId of await flowsReading(connectionId, change.entity)) {
        if ((await deps.engine.requestSync(flowId, [change.id], 'webhook', `${change.id}@${version}`)).enqueued) queued++;
      }
    }
    await requestRuns(connectionId, batch.catchUp, 'webhook');
    log.debug({ connectionId, changes: batch.changes.length, queued, catchUp: batch.catchUp }, 'business central notification queued');
  }

  async function ensure(connectionId?: string): Promise<Map<string, EnsureResult>> {
    const results = new Map<string, EnsureResult>();
    const runtimes = connectionId === undefined ? deps.connections.list().filter(isBcRuntime) : [runtime(connectionId)].filter((r): r is BcConnectionRuntime => r !== undefined);
    for (const rt of runtimes) {
      const hooks = webhooksOf(rt);
      if (!hooks) {
        if (!pollingReported.has(rt.id)) log.info({ connectionId: rt.id }, 'business central connection has no notificationUrl: changes are found by polling lastModifiedDateTime on each flow schedule');
        pollingReported.add(rt.id);
        continue;
      }
      const result = await hooks.manager.ensure();
      results.set(rt.id, result);
      // Changes made while no subscription existed were never notified: poll those entities once.
      await requestRuns(rt.id, result.catchUp, 'subscription-catch-up');
      const failing = result.health.filter((h) => !h.ok);
      if (failing.length > 0) log.warn({ connectionId: rt.id, failing: failing.map((h) => h.entity) }, 'some business central subscriptions could not be kept; their flows keep polling');
    }
    return results;
  }

  function tick(): void {
    upkeep = upkeep.then(() => ensure()).catch((err: unknown) => log.error({ err: err instanceof Error ? err.message : String(err) }, 'business central subscription upkeep failed; retried on the next tick'));
  }

  return {
    async handle(connectionId, input) {
      const rt = runtime(connectionId);
      // 404 tells BC to drop a subscription that is not ours (unknown connection, or webhooks turned off).
      if (!rt) return { status: 404, headers: TEXT, body: 'no Business Central connection with this id' };
      const hooks = webhooksOf(rt);
      if (!hooks) return { status: 404, headers: TEXT, body: 'webhooks are not enabled for this connection (no notificationUrl)' };
      return hooks.handler.handle(input);
    },
    ensure,
    start() {
      if (timer) return;
      tick();
      timer = setInterval(tick, deps.maintainIntervalMs ?? SUBSCRIPTION_MAINTAIN_INTERVAL_MS);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await upkeep;
    },
  };
}
