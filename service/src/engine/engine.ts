/**
 * The engine service: schedules flows, runs them one at a time per flow (a cluster-wide lock, so N replicas on
 * one Postgres never run the same flow twice at once), re-syncs single records, and replays parked records.
 *
 * Work goes through the durable job queue with deterministic ids (`run:<flow>:<slot>`, jobs.ts): every replica
 * enqueues the same slot, the insert is idempotent, and whichever replica claims it runs it. Other parts of the
 * engine add their own job kinds and periodic tasks (push subscription upkeep, engine/push.ts).
 */
import type { Logger } from '../lib/logger.ts';
import { ConnectorError, toConnectorError } from '../lib/errors.ts';
import type { Job, Json, ParkedQuery, ParkedRecord, Store } from '../store/types.ts';
import type { ConnectionResolver } from './connections.ts';
import type { FlowDefinition } from './flow.ts';
import { RUN_JOB, runJob, SYNC_JOB, syncJob, type SyncJobPayload } from './jobs.ts';
import { replayParkedRecords, syncSourceRecords, type ReplayItemResult, type SyncItemResult } from './replay.ts';
import { DEFAULT_RETRY_POLICY, sleep, type RetryPolicy } from './retry.ts';
import { runFlow, type RunDeps, type RunResult, type RunStats } from './runner.ts';
import { createScheduler, type PeriodicTask } from './scheduler.ts';
import type { TransformRegistry } from './transforms.ts';

export type { ReplayItemResult, SyncItemResult };

export interface EngineMetrics {
  onRun(result: RunResult, durationMs: number): void;
  onPage(flowId: string, delta: Partial<RunStats>): void;
}

export interface EngineOptions {
  store: Store;
  flows: FlowDefinition[];
  connections: ConnectionResolver;
  /** The transforms flows name (the engine's and every connector module's). */
  transforms: TransformRegistry;
  logger: Logger;
  metrics?: EngineMetrics;
  retryPolicy?: RetryPolicy;
  /** How often the worker looks for due jobs. */
  workerPollMs?: number;
  /** How long a claimed job is leased before another replica may take it over. */
  jobLeaseMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * The flow as it should run now, e.g. with the field mapping an admin edited in the CRM. Called at the start of
   * every run and replay; errors fail that run (the mapping source is unreachable → transient).
   */
  resolveFlow?: (flow: FlowDefinition) => Promise<FlowDefinition>;
}

export interface ReplayRequest {
  ids?: number[];
  flowId?: string;
  category?: ParkedQuery['category'];
  sourceId?: string;
  /** Replay every open parked record (optionally within flowId). */
  all?: boolean;
  limit?: number;
}

/** What a job of another kind did: done, or "busy" (put back for later, e.g. its lock is held elsewhere). */
export type JobHandler = (job: Job) => Promise<'done' | 'busy'>;

const DEFAULT_WORKER_POLL_MS = 1_000;
const DEFAULT_JOB_LEASE_MS = 15 * 60_000;
const LOCK_WAIT_MS = 30_000;
const BUSY_RETRY_MS = 5_000;

export function createEngine(opts: EngineOptions) {
  const { store, connections, logger } = opts;
  const flowsById = new Map(opts.flows.map((f) => [f.id, f]));
  const retryPolicy = opts.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const stopController = new AbortController();
  const handlers = new Map<string, JobHandler>();
  let workerDone: Promise<void> | null = null;
  let started = false;
  const active = new Set<Promise<unknown>>();

  function getFlow(flowId: string): FlowDefinition {
    const flow = flowsById.get(flowId);
    if (!flow) throw new ConnectorError('validation', `unknown flow "${flowId}"; known: ${[...flowsById.keys()].join(', ')}`, { code: 'UNKNOWN_FLOW' });
    return flow;
  }

  function runDeps(flow: FlowDefinition, trigger: string): RunDeps {
    const source = connections.get(flow.source.connection);
    const target = connections.get(flow.target.connection);
    const hooks = {
      key: flow.id,
      onFallback(message: string, details: Record<string, unknown>, requestIds: string[]) {
        void store.audit
          .append([{ flowId: flow.id, runId: null, outcome: 'fallback', message, requestIds, details: details as Record<string, Json> }])
          .catch((err: unknown) => logger.error({ flowId: flow.id, err: toConnectorError(err).message }, 'could not record a feed fallback'));
      },
    };
    return {
      store,
      feed: source.feed(flow.source.entity, flow.source.options, hooks),
      writer: target.writer(flow.target.entity, flow.target.matchField, flow.target.options),
      logger,
      retryPolicy,
      signal: stopController.signal,
      sleep: opts.sleep,
      trigger,
      onPage: opts.metrics?.onPage,
      related: source.related?.bind(source),
      transforms: opts.transforms,
    };
  }

  function track<T>(p: Promise<T>): Promise<T> {
    active.add(p);
    p.finally(() => active.delete(p)).catch(() => undefined);
    return p;
  }

  const effective = (flow: FlowDefinition) => (opts.resolveFlow ? opts.resolveFlow(flow) : Promise.resolve(flow));

  /** Flows this one depends on that have never finished a run (items and customers before orders). */
  async function pendingDependencies(flow: FlowDefinition): Promise<string[]> {
    const pending: string[] = [];
    for (const dep of flow.dependsOn) {
      if (!flowsById.has(dep)) continue;
      const runs = await store.runs.list({ flowId: dep, limit: 20 });
      if (!runs.some((r) => r.status === 'succeeded')) pending.push(dep);
    }
    return pending;
  }

  /**
   * After a flow wrote records, parked validation failures of the flows that depend on it may now resolve (an order
   * parked because its Account had no GP customer yet): replay them once, in the background.
   */
  function replayDependents(flowId: string, result: RunResult): void {
    if (result.status !== 'succeeded' || result.stats.created + result.stats.updated === 0) return;
    for (const dependent of flowsById.values()) {
      if (!dependent.dependsOn.includes(flowId)) continue;
      void track(
        (async () => {
          if ((await store.parked.count({ flowId: dependent.id })) === 0) return;
          const results = await replay({ flowId: dependent.id, category: 'validation' });
          logger.info({ flowId: dependent.id, after: flowId, replayed: results.length }, 'replayed parked records after the flow they depend on wrote new records');
        })().catch((err: unknown) => logger.warn({ flowId: dependent.id, err: toConnectorError(err).message }, 'automatic replay of dependent parked records failed')),
      );
    }
  }

  /** Run a flow now, in this process, if no one else is running it. */
  async function runOnce(
    flowId: string,
    trigger = 'manual',
  ): Promise<RunResult | { skipped: 'locked' | 'disabled' | 'waiting'; flowId: string; reason?: string }> {
    const flow = getFlow(flowId);
    const enabled = (await store.flows.isEnabled(flowId)) ?? flow.enabled;
    if (!enabled && trigger === 'schedule') return { skipped: 'disabled', flowId };
    if (trigger === 'schedule') {
      const pending = await pendingDependencies(flow);
      if (pending.length > 0) return { skipped: 'waiting', flowId, reason: `waiting for ${pending.join(', ')} to finish a first run` };
    }
    const startedAt = Date.now();
    const locked = await store.withLock(`flow:${flowId}`, () =>
      track(
        (async () => {
          const resolved = await effective(flow);
          return runFlow(resolved, runDeps(resolved, trigger));
        })(),
      ),
    );
    if (!locked.acquired) return { skipped: 'locked', flowId };
    opts.metrics?.onRun(locked.value, Date.now() - startedAt);
    replayDependents(flowId, locked.value);
    return locked.value;
  }

  /** Ask for a run through the job queue (returns at once). */
  async function requestRun(flowId: string, trigger = 'manual', slot?: string): Promise<{ jobId: string; enqueued: boolean }> {
    getFlow(flowId);
    const job = runJob(flowId, trigger, slot);
    const inserted = await store.jobs.enqueue([job]);
    return { jobId: job.id, enqueued: inserted.length > 0 };
  }

  async function withFlowLock<T>(flowId: string, fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const r = await store.withLock(`flow:${flowId}`, fn);
      if (r.acquired) return r.value;
      if (Date.now() > deadline) {
        throw new ConnectorError('transient', `flow "${flowId}" is busy running; try again in a minute`, { code: 'FLOW_BUSY', retryAfterMs: 60_000 });
      }
      await sleep(250);
    }
  }

  /** Replay parked records: re-read each from its source when the connector can, then write through the flow. */
  async function replay(req: ReplayRequest): Promise<ReplayItemResult[]> {
    if (!req.ids?.length && !req.flowId && !req.category && !req.sourceId && !req.all) {
      throw new ConnectorError('validation', 'say which parked records to replay: ids, flowId, category, sourceId or all', { code: 'REPLAY_FILTER_REQUIRED' });
    }
    const parked = await store.parked.list({ ids: req.ids, flowId: req.flowId, category: req.category, sourceId: req.sourceId, status: 'parked', limit: req.limit ?? 1_000 });
    const byFlow = new Map<string, ParkedRecord[]>();
    for (const p of parked) byFlow.set(p.flowId, [...(byFlow.get(p.flowId) ?? []), p]);
    const results: ReplayItemResult[] = [];
    for (const [flowId, records] of byFlow) {
      const resolved = await effective(getFlow(flowId));
      results.push(...(await withFlowLock(flowId, () => track(replayParkedRecords(resolved, records, runDeps(resolved, 'replay'))))));
    }
    return results;
  }

  /**
   * Ask for a re-sync of single source records through the job queue (returns at once). With `key` (e.g.
   * `<sourceId>@<version>`) the job id is deterministic, so asking twice for the same change queues it once.
   */
  async function requestSync(flowId: string, sourceIds: string[], trigger = 'sync', key?: string): Promise<{ jobId: string; enqueued: boolean }> {
    getFlow(flowId);
    const job = syncJob(flowId, sourceIds, trigger, key);
    const inserted = await store.jobs.enqueue([job]);
    return { jobId: job.id, enqueued: inserted.length > 0 };
  }

  /** Re-read records from the source and write them through the flow now, unless the flow is running. */
  async function syncRecords(flowId: string, sourceIds: string[], trigger = 'sync'): Promise<SyncItemResult[] | { skipped: 'locked'; flowId: string }> {
    const flow = getFlow(flowId);
    const locked = await store.withLock(`flow:${flowId}`, () =>
      track(
        (async () => {
          const resolved = await effective(flow);
          return syncSourceRecords(resolved, sourceIds, trigger, runDeps(resolved, trigger));
        })(),
      ),
    );
    return locked.acquired ? locked.value : { skipped: 'locked', flowId };
  }

  const scheduler = createScheduler({ logger, requestRun });

  handlers.set(RUN_JOB, async (job) => {
    const { flowId, trigger } = job.payload as { flowId: string; trigger: string };
    const result = await runOnce(flowId, trigger);
    return 'skipped' in result && result.skipped === 'locked' ? 'busy' : 'done';
  });
  handlers.set(SYNC_JOB, async (job) => {
    const { flowId, sourceIds, trigger } = job.payload as unknown as SyncJobPayload;
    const result = await syncRecords(flowId, sourceIds, trigger);
    return 'skipped' in result ? 'busy' : 'done';
  });

  async function workLoop(): Promise<void> {
    const wait = opts.sleep ?? sleep;
    while (!stopController.signal.aborted) {
      let jobs: Job[];
      try {
        jobs = await store.jobs.claim([...handlers.keys()], 1, opts.jobLeaseMs ?? DEFAULT_JOB_LEASE_MS);
      } catch (err) {
        logger.error({ err: toConnectorError(err).message }, 'could not claim jobs');
        jobs = [];
      }
      const job = jobs[0];
      if (!job) {
        await wait(opts.workerPollMs ?? DEFAULT_WORKER_POLL_MS, stopController.signal).catch(() => undefined);
        continue;
      }
      try {
        const handler = handlers.get(job.kind) as JobHandler;
        if ((await handler(job)) === 'busy') await store.jobs.retry(job.id, new Date(Date.now() + BUSY_RETRY_MS), 'busy');
        else await store.jobs.complete([job.id]);
      } catch (err) {
        const e = toConnectorError(err);
        logger.error({ jobId: job.id, kind: job.kind, category: e.category }, `job failed: ${e.message}`);
        await store.jobs.fail(job.id, e.message);
      }
    }
  }

  return {
    flows: () => [...flowsById.values()],
    getFlow,
    runOnce,
    requestRun,
    replay,
    requestSync,
    syncRecords,
    /** Work jobs of another kind with the engine's worker (claimed like runs: one replica each). */
    addJobHandler(kind: string, handler: JobHandler): void {
      if (handlers.has(kind)) throw new Error(`job kind "${kind}" already has a handler`);
      handlers.set(kind, handler);
    },
    /** Tick `task` on the engine's schedule (from start() on, or at once if the engine runs already). */
    addPeriodicTask(task: PeriodicTask): void {
      scheduler.addTask(task, started);
    },
    /** Start schedules and the job worker. */
    start(): void {
      started = true;
      scheduler.start(flowsById.values());
      workerDone = workLoop();
    },
    /** Stop taking work; the page in flight is finished and recorded; resolves when everything has stopped. */
    async stop(): Promise<void> {
      stopController.abort(new Error('shutting down'));
      await scheduler.stop();
      await workerDone;
      await Promise.allSettled([...active]);
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
