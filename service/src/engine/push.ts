/**
 * Push, the same for every system (webhooks, notifications, subscriptions). The connector's push face verifies
 * and parses what its system sends and keeps its subscriptions alive (engine/connector.ts); this does the rest:
 *
 * - receive: hand the request to the connection's push face; each changed record becomes one sync job per enabled
 *   flow reading (connection, entity), with a deterministic id (`sync:<flow>:<id>@<version>`); entities to catch
 *   up become runs. Deduped on (connection, entity, record id, version) through push_receipts, in the same
 *   transaction as the jobs: a replayed notification queues nothing new. A notification without a version gets
 *   a digest of its item as version, so its replay is recognised too; catch-up runs take a digest of the whole
 *   notification as their slot. Deletes queue nothing (flows never delete).
 *   The answer comes within the sender's timeout (push face `timeoutMs`), else 503 + Retry-After: the sender
 *   retries, and the dedupe makes the retry harmless.
 * - upkeep: the face's upkeep with the connection's stored subscriptions (push_subscriptions); what it returns
 *   replaces them; its catch-up entities become runs. One replica at a time per connection (a store lock); on the
 *   engine's schedule through the job queue (slot ids: one upkeep per connection per interval cluster-wide), or
 *   now through the admin API.
 */
import { hashContent } from '../lib/hash.ts';
import { toConnectorError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { JobInput, PushReceipt, Store } from '../store/types.ts';
import type { PushFace, PushHealth, PushRequest, PushResponse, PushSubscriptionState } from './connector.ts';
import type { ConnectionResolver, ConnectionRuntime } from './connections.ts';
import type { FlowDefinition } from './flow.ts';
import { syncJob } from './jobs.ts';
import { slotOf, type PeriodicTask } from './scheduler.ts';

export const PUSH_UPKEEP_JOB = 'push-upkeep';
/** How long a receipt is kept: longer than any sender retries a notification (BC: 36 h, FACTS §3). */
export const DEFAULT_RECEIPT_RETENTION_MS = 3 * 24 * 60 * 60_000;
/** The upkeep tick; a connection's own upkeepIntervalMs decides when its upkeep is due. */
const DEFAULT_UPKEEP_TICK_MS = 60_000;
/** Answer this long before the sender's timeout runs out (the response still has to travel). */
const ANSWER_MARGIN_MS = 500;
const RETRY_AFTER_S = '30';
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

export interface PushEngine {
  flows(): FlowDefinition[];
  requestRun(flowId: string, trigger: string, slot?: string): Promise<unknown>;
  addJobHandler(kind: string, handler: (job: { payload: unknown }) => Promise<'done' | 'busy'>): void;
  addPeriodicTask(task: PeriodicTask): void;
}

export interface PushServiceDeps {
  store: Store;
  connections: ConnectionResolver;
  engine: Pick<PushEngine, 'flows' | 'requestRun'>;
  logger: Logger;
  now?: () => number;
  receiptRetentionMs?: number;
}

export interface PushUpkeepReport {
  connectionId: string;
  /** False when another replica was running this connection's upkeep (nothing was done here). */
  ran: boolean;
  health: PushHealth[];
  catchUp: string[];
}

export type PushService = ReturnType<typeof createPushService>;

function faceOf(rt: ConnectionRuntime | undefined): PushFace | undefined {
  return rt?.push;
}

/** The version of a pushed change: its own, else a digest of the notification item. */
function versionOf(change: { version?: string; item?: unknown; entity: string; id: string }): string {
  return change.version ?? `digest:${hashContent(change.item ?? { entity: change.entity, id: change.id }).slice(0, 32)}`;
}

class AnswerTimeout extends Error {}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AnswerTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createPushService(deps: PushServiceDeps) {
  const { store, logger } = deps;
  const log = logger.child({ component: 'push' });
  const now = deps.now ?? Date.now;

  function runtime(connectionId: string): ConnectionRuntime | undefined {
    try {
      return deps.connections.get(connectionId);
    } catch {
      return undefined;
    }
  }

  async function enabledFlowsReading(connectionId: string, entity: string): Promise<string[]> {
    const ids: string[] = [];
    for (const flow of deps.engine.flows()) {
      if (flow.source.connection !== connectionId || flow.source.entity !== entity) continue;
      if ((await store.flows.isEnabled(flow.id)) ?? flow.enabled) ids.push(flow.id);
    }
    return ids;
  }

  /** Runs of the flows reading these entities; with a slot, asking again for the same slot queues nothing. */
  async function requestRuns(connectionId: string, entities: Iterable<string>, trigger: string, slot?: string): Promise<void> {
    for (const entity of new Set(entities)) {
      for (const flowId of await enabledFlowsReading(connectionId, entity)) await deps.engine.requestRun(flowId, trigger, slot);
    }
  }

  /** Receipts first, then one job per fresh receipt and flow; one transaction, so a failure queues nothing. */
  async function enqueue(connectionId: string, changes: Array<{ entity: string; id: string; version: string }>): Promise<number> {
    const flowsByEntity = new Map<string, string[]>();
    for (const entity of new Set(changes.map((c) => c.entity))) flowsByEntity.set(entity, await enabledFlowsReading(connectionId, entity));
    const wanted = changes.filter((c) => (flowsByEntity.get(c.entity) ?? []).length > 0);
    if (wanted.length === 0) return 0;
    return store.transaction(async (tx) => {
      const fresh: PushReceipt[] = await tx.push.recordReceipts(wanted.map((c) => ({ connectionId, entity: c.entity, recordId: c.id, version: c.version })));
      const jobs: JobInput[] = fresh.flatMap((r) => (flowsByEntity.get(r.entity) ?? []).map((flowId) => syncJob(flowId, [r.recordId], 'webhook', `${r.recordId}@${r.version}`)));
      return (await tx.jobs.enqueue(jobs)).length;
    });
  }

  async function dispatch(connectionId: string, face: PushFace, req: PushRequest): Promise<PushResponse> {
    const receipt = await face.receive(req);
    const upserts = receipt.changes.filter((c) => c.op === 'upsert').map((c) => ({ entity: c.entity, id: c.id, version: versionOf(c) }));
    const queued = await enqueue(connectionId, upserts);
    // A catch-up names no record: the notification itself is the dedupe key of its runs (a replay queues none).
    await requestRuns(connectionId, receipt.catchUp, 'webhook', `push:${hashContent({ query: req.query, body: req.body ?? null }).slice(0, 32)}`);
    if (receipt.changes.length + receipt.catchUp.length > 0) {
      log.debug({ connectionId, changes: receipt.changes.length, queued, catchUp: receipt.catchUp }, 'push notification queued');
    }
    return receipt.response;
  }

  async function upkeepNow(connectionId: string): Promise<PushUpkeepReport | undefined> {
    const face = faceOf(runtime(connectionId));
    if (!face?.upkeep) return undefined;
    const upkeep = face.upkeep.bind(face);
    const locked = await store.withLock(`push-upkeep:${connectionId}`, async () => {
      const stored = await store.push.subscriptions(connectionId);
      const result = await upkeep(stored, { now, logger: log.child({ connectionId }) });
      await store.push.replaceSubscriptions(connectionId, result.state);
      // Changes made while nothing was subscribed were never notified: poll those entities once.
      await requestRuns(connectionId, result.catchUp, 'subscription-catch-up');
      const failing = result.health.filter((h) => !h.ok);
      if (failing.length > 0) log.warn({ connectionId, failing: failing.map((h) => h.key) }, 'some push subscriptions could not be kept; their flows keep polling');
      return { connectionId, ran: true, health: result.health, catchUp: result.catchUp };
    });
    return locked.acquired ? locked.value : { connectionId, ran: false, health: [], catchUp: [] };
  }

  return {
    /** The connection's push face, or undefined (no such connection, or it has no push channel). */
    face: (connectionId: string): PushFace | undefined => faceOf(runtime(connectionId)),

    /** The whole endpoint for one connection: the face's verdict, queued within the sender's timeout. */
    async receive(connectionId: string, req: PushRequest): Promise<PushResponse> {
      const face = faceOf(runtime(connectionId));
      // 404 tells senders such as BC to drop a subscription that is not ours (unknown connection, push turned off).
      if (!face) return { status: 404, headers: TEXT, body: 'no connection with a push channel here' };
      try {
        return await within(Math.max(ANSWER_MARGIN_MS, face.timeoutMs - ANSWER_MARGIN_MS), dispatch(connectionId, face, req));
      } catch (err) {
        // Our fault, not the sender's: a retryable status keeps its subscription, and the retry is deduped.
        const message = err instanceof AnswerTimeout ? err.message : toConnectorError(err).message;
        log.error({ connectionId }, `push notification could not be queued in time; the sender will retry: ${message}`);
        return { status: 503, headers: { ...TEXT, 'retry-after': RETRY_AFTER_S }, body: 'try again later' };
      }
    },

    /** Run the connection's upkeep now (admin API); undefined when it has none. */
    upkeep: upkeepNow,

    /** The connection's subscriptions as stored. */
    subscriptions: (connectionId: string): Promise<PushSubscriptionState[]> => store.push.subscriptions(connectionId),

    /** Upkeep jobs and their schedule on the engine; receipts pruned on the same tick. */
    schedule(engine: Pick<PushEngine, 'addJobHandler' | 'addPeriodicTask'>, opts: { tickMs?: number } = {}): void {
      engine.addJobHandler(PUSH_UPKEEP_JOB, async (job) => {
        const { connectionId } = job.payload as { connectionId: string };
        const report = await upkeepNow(connectionId);
        return report && !report.ran ? 'busy' : 'done';
      });
      const intervals = deps.connections.list().flatMap((rt) => (rt.push?.upkeep && rt.push.upkeepIntervalMs ? [rt.push.upkeepIntervalMs] : []));
      engine.addPeriodicTask({
        name: PUSH_UPKEEP_JOB,
        everyMs: opts.tickMs ?? Math.min(DEFAULT_UPKEEP_TICK_MS, ...intervals),
        async tick() {
          const jobs: JobInput[] = [];
          for (const rt of deps.connections.list()) {
            const face = rt.push;
            if (!face?.upkeep || !face.upkeepIntervalMs) continue;
            const slot = slotOf(face.upkeepIntervalMs, now());
            jobs.push({ id: `${PUSH_UPKEEP_JOB}:${rt.id}:${slot}`, kind: PUSH_UPKEEP_JOB, payload: { connectionId: rt.id } });
          }
          if (jobs.length > 0) await store.jobs.enqueue(jobs);
          await store.push.pruneReceipts(new Date(now() - (deps.receiptRetentionMs ?? DEFAULT_RECEIPT_RETENTION_MS)));
        },
      });
    },
  };
}
