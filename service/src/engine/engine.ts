/**
 * The engine service: schedules flows, runs them one at a time per flow (a cluster-wide lock, so N replicas on
 * one Postgres never run the same flow twice at once), and replays parked records.
 *
 * Scheduled runs go through the durable job queue with deterministic ids (`run:<flow>:<slot>`): every replica
 * enqueues the same slot, the insert is idempotent, and whichever replica claims it runs it.
 */
import { Cron } from 'croner';
import type { Logger } from '../lib/logger.ts';
import { ConnectorError, toConnectorError } from '../lib/errors.ts';
import type { Job, Json, ParkedQuery, ParkedRecord, Store } from '../store/types.ts';
import type { ConnectionResolver } from './connections.ts';
import type { FlowDefinition } from './flow.ts';
import { DEFAULT_RETRY_POLICY, sleep, type RetryPolicy } from './retry.ts';
import { newRunId, processChanges, runFlow, type RunResult, type RunStats } from './runner.ts';
import type { SourceChange } from './types.ts';

export interface EngineMetrics {
  onRun(result: RunResult, durationMs: number): void;
  onPage(flowId: string, delta: Partial<RunStats>): void;
}

export interface EngineOptions {
  store: Store;
  flows: FlowDefinition[];
  connections: ConnectionResolver;
  logger: Logger;
  metrics?: EngineMetrics;
  retryPolicy?: RetryPolicy;
  /** How often the worker looks for due jobs. */
  workerPollMs?: number;
  /** How long a claimed job is leased before another replica may take it over. */
  jobLeaseMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * The flow as it should run now, e.g. with the field mapping an admin edited in Salesforce. Called at the
   * start of every run and replay; errors fail that run (the mapping source is unreachable → transient).
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

export interface ReplayItemResult {
  id: number;
  flowId: string;
  sourceId: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'parked' | 'gone';
  message: string;
}

/** What a single-record sync did (see requestSync). */
export interface SyncItemResult {
  flowId: string;
  sourceId: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'parked' | 'gone';
  message: string;
}

const RUN_JOB = 'run';
/** Re-sync single records (re-read from the source, written through the flow), e.g. Salesforce "Sync now". */
const SYNC_JOB = 'sync';
const DEFAULT_WORKER_POLL_MS = 1_000;
const DEFAULT_JOB_LEASE_MS = 15 * 60_000;
const LOCK_WAIT_MS = 30_000;

export function createEngine(opts: EngineOptions) {
  const { store, connections, logger } = opts;
  const flowsById = new Map(opts.flows.map((f) => [f.id, f]));
  const retryPolicy = opts.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const stopController = new AbortController();
  const timers: { stop(): void }[] = [];
  let workerDone: Promise<void> | null = null;
  const active = new Set<Promise<unknown>>();

  function getFlow(flowId: string): FlowDefinition {
    const flow = flowsById.get(flowId);
    if (!flow) throw new ConnectorError('validation', `unknown flow "${flowId}"; known: ${[...flowsById.keys()].join(', ')}`, { code: 'UNKNOWN_FLOW' });
    return flow;
  }

  function runDeps(flow: FlowDefinition, trigger: string) {
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
    };
  }

  function track<T>(p: Promise<T>): Promise<T> {
    active.add(p);
    p.finally(() => active.delete(p)).catch(() => undefined);
    return p;
  }

  /** Run a flow now, in this process, if no one else is running it. */
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
    const started = Date.now();
    const locked = await store.withLock(`flow:${flowId}`, () =>
      track(
        (async () => {
          const effective = opts.resolveFlow ? await opts.resolveFlow(flow) : flow;
          return runFlow(effective, runDeps(effective, trigger));
        })(),
      ),
    );
    if (!locked.acquired) return { skipped: 'locked', flowId };
    opts.metrics?.onRun(locked.value, Date.now() - started);
    replayDependents(flowId, locked.value);
    return locked.value;
  }

  /** Ask for a run through the job queue (returns at once). */
  async function requestRun(flowId: string, trigger = 'manual', slot?: string): Promise<{ jobId: string; enqueued: boolean }> {
    getFlow(flowId);
    const jobId = `${RUN_JOB}:${flowId}:${slot ?? new Date().toISOString()}`;
    const inserted = await store.jobs.enqueue([{ id: jobId, kind: RUN_JOB, payload: { flowId, trigger } }]);
    return { jobId, enqueued: inserted.length > 0 };
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
    const parked = await store.parked.list({
      ids: req.ids,
      flowId: req.flowId,
      category: req.category,
      sourceId: req.sourceId,
      status: 'parked',
      limit: req.limit ?? 1_000,
    });
    const byFlow = new Map<string, ParkedRecord[]>();
    for (const p of parked) byFlow.set(p.flowId, [...(byFlow.get(p.flowId) ?? []), p]);
    const results: ReplayItemResult[] = [];
    for (const [flowId, records] of byFlow) {
      const flow = getFlow(flowId);
      const effective = opts.resolveFlow ? await opts.resolveFlow(flow) : flow;
      results.push(...(await withFlowLock(flowId, () => track(replayFlowRecords(effective, records)))));
    }
    return results;
  }

  async function replayFlowRecords(flow: FlowDefinition, records: ParkedRecord[]): Promise<ReplayItemResult[]> {
    const deps = runDeps(flow, 'replay');
    const runId = newRunId(flow.id);
    await store.audit.append(
      records.map((r) => ({ flowId: flow.id, runId, sourceId: r.sourceId, outcome: 'replay_requested' as const, message: `replay of parked record #${r.id} (${r.category}: ${r.reason})` })),
    );
    const changes: SourceChange[] = [];
    const gone: ParkedRecord[] = [];
    for (const r of records) {
      let change = r.payload as unknown as SourceChange;
      if (deps.feed.get) {
        // The parked payload may be stale (the cause is often fixed in the source): prefer a fresh read.
        const fresh = await deps.feed.get(r.sourceId).catch((err: unknown) => {
          const e = toConnectorError(err);
          if (e.category === 'auth') throw e;
          logger.warn({ flowId: flow.id, sourceId: r.sourceId, category: e.category }, `replay re-read failed, using the parked payload: ${e.message}`);
          return change;
        });
        if (fresh === undefined) {
          gone.push(r);
          continue;
        }
        change = fresh;
      }
      changes.push(change);
    }
    if (gone.length > 0) {
      await store.transaction(async (tx) => {
        await tx.parked.resolve(flow.id, gone.map((g) => g.sourceId));
        await tx.audit.append(gone.map((g) => ({ flowId: flow.id, runId, sourceId: g.sourceId, outcome: 'refused' as const, message: 'record no longer exists in the source; parked entry closed' })));
      });
    }
    if (changes.length > 0) await processChanges(flow, runId, changes, deps);
    const outcomeBySource = new Map<string, ReplayItemResult['outcome']>();
    const messageBySource = new Map<string, string>();
    const events = await store.audit.query({ runId, limit: 1_000 });
    for (const e of events) {
      if (!e.sourceId) continue;
      if (e.outcome === 'created' || e.outcome === 'updated' || e.outcome === 'unchanged' || e.outcome === 'parked') {
        outcomeBySource.set(e.sourceId, e.outcome);
        messageBySource.set(e.sourceId, e.message ?? e.outcome);
      }
    }
    return records.map((r) => {
      if (gone.includes(r)) return { id: r.id, flowId: flow.id, sourceId: r.sourceId, outcome: 'gone' as const, message: 'record no longer exists in the source' };
      const outcome = outcomeBySource.get(r.sourceId) ?? 'unchanged';
      return { id: r.id, flowId: flow.id, sourceId: r.sourceId, outcome, message: messageBySource.get(r.sourceId) ?? outcome };
    });
  }

  /**
   * Ask for a re-sync of single source records through the job queue (returns at once). With `key` (e.g.
   * `<sourceId>@<version>`) the job id is deterministic, so asking twice for the same change queues it once.
   */
  async function requestSync(flowId: string, sourceIds: string[], trigger = 'sync', key?: string): Promise<{ jobId: string; enqueued: boolean }> {
    getFlow(flowId);
    const jobId = `${SYNC_JOB}:${flowId}:${key ?? `${sourceIds.join(',')}:${new Date().toISOString()}`}`;
    const inserted = await store.jobs.enqueue([{ id: jobId, kind: SYNC_JOB, payload: { flowId, sourceIds, trigger } }]);
    return { jobId, enqueued: inserted.length > 0 };
  }

  /** Re-read records from the source and write them through the flow now, unless the flow is running. */
  async function syncRecords(flowId: string, sourceIds: string[], trigger = 'sync'): Promise<SyncItemResult[] | { skipped: 'locked'; flowId: string }> {
    const flow = getFlow(flowId);
    const locked = await store.withLock(`flow:${flowId}`, () =>
      track(
        (async () => {
          const effective = opts.resolveFlow ? await opts.resolveFlow(flow) : flow;
          return syncFlowRecords(effective, sourceIds, trigger);
        })(),
      ),
    );
    return locked.acquired ? locked.value : { skipped: 'locked', flowId };
  }

  async function syncFlowRecords(flow: FlowDefinition, sourceIds: string[], trigger: string): Promise<SyncItemResult[]> {
    const deps = runDeps(flow, trigger);
    if (!deps.feed.get) {
      throw new ConnectorError('validation', `the source of flow "${flow.id}" cannot re-read single records; run the flow instead`, { code: 'SYNC_UNSUPPORTED' });
    }
    const runId = newRunId(flow.id);
    const changes: SourceChange[] = [];
    const gone: string[] = [];
    for (const sourceId of sourceIds) {
      const change = await deps.feed.get(sourceId);
      if (change === undefined) gone.push(sourceId);
      else changes.push(change);
    }
    if (gone.length > 0) {
      await store.audit.append(gone.map((sourceId) => ({ flowId: flow.id, runId, sourceId, outcome: 'refused' as const, message: `sync (${trigger}): the record no longer exists in the source` })));
    }
    if (changes.length > 0) await processChanges(flow, runId, changes, deps);
    const events = await store.audit.query({ runId, limit: 1_000 });
    return sourceIds.map((sourceId): SyncItemResult => {
      if (gone.includes(sourceId)) return { flowId: flow.id, sourceId, outcome: 'gone', message: 'record no longer exists in the source' };
      const e = events.find((x) => x.sourceId === sourceId && (x.outcome === 'created' || x.outcome === 'updated' || x.outcome === 'unchanged' || x.outcome === 'parked'));
      const outcome = (e?.outcome ?? 'unchanged') as SyncItemResult['outcome'];
      return { flowId: flow.id, sourceId, outcome, message: e?.message ?? outcome };
    });
  }

  function scheduleFlows(): void {
    for (const flow of flowsById.values()) {
      const { intervalMs, cron } = flow.schedule;
      if (cron) {
        const job = new Cron(cron, { protect: true }, (self: Cron) => {
          const slot = (self.currentRun() ?? new Date()).toISOString();
          void requestRun(flow.id, 'schedule', slot).catch((err: unknown) => logger.error({ flowId: flow.id, err: toConnectorError(err).message }, 'could not enqueue scheduled run'));
        });
        timers.push({ stop: () => job.stop() });
      } else if (intervalMs) {
        const tick = () => {
          const slot = new Date(Math.floor(Date.now() / intervalMs) * intervalMs).toISOString();
          void requestRun(flow.id, 'schedule', slot).catch((err: unknown) => logger.error({ flowId: flow.id, err: toConnectorError(err).message }, 'could not enqueue scheduled run'));
        };
        tick();
        const handle = setInterval(tick, Math.min(intervalMs, 60_000));
        timers.push({ stop: () => clearInterval(handle) });
      }
    }
  }

  async function workLoop(): Promise<void> {
    const wait = opts.sleep ?? sleep;
    while (!stopController.signal.aborted) {
      let jobs: Job[];
      try {
        jobs = await store.jobs.claim([RUN_JOB, SYNC_JOB], 1, opts.jobLeaseMs ?? DEFAULT_JOB_LEASE_MS);
      } catch (err) {
        logger.error({ err: toConnectorError(err).message }, 'could not claim jobs');
        jobs = [];
      }
      const job = jobs[0];
      if (!job) {
        await wait(opts.workerPollMs ?? DEFAULT_WORKER_POLL_MS, stopController.signal).catch(() => undefined);
        continue;
      }
      const { flowId, trigger } = job.payload as { flowId: string; trigger: string };
      try {
        const result =
          job.kind === SYNC_JOB ? await syncRecords(flowId, (job.payload as { sourceIds: string[] }).sourceIds, trigger) : await runOnce(flowId, trigger);
        if ('skipped' in result && result.skipped === 'locked') {
          await store.jobs.retry(job.id, new Date(Date.now() + 5_000), 'flow busy');
        } else {
          await store.jobs.complete([job.id]);
        }
      } catch (err) {
        const e = toConnectorError(err);
        logger.error({ flowId, jobId: job.id, category: e.category }, `run job failed: ${e.message}`);
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
    /** Start schedules and the job worker. */
    start(): void {
      scheduleFlows();
      workerDone = workLoop();
    },
    /** Stop taking work; the page in flight is finished and recorded; resolves when everything has stopped. */
    async stop(): Promise<void> {
      for (const t of timers.splice(0)) t.stop();
      stopController.abort(new Error('shutting down'));
      await workerDone;
      await Promise.allSettled([...active]);
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
