/**
 * One run of one flow: read the change feed from the stored cursor, map, skip unchanged content, write in
 * batches, and record one outcome per record. The cursor advances only after every change of a page has a
 * durable outcome (written, unchanged, or parked), in the same transaction as those outcomes: a crash anywhere
 * loses nothing, and the idempotent write (upsert on the match key) makes the re-read harmless.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../lib/logger.ts';
import { ConnectorError, toConnectorError, type ErrorCategory } from '../lib/errors.ts';
import type { AuditEventInput, Json, ParkedInput, RecordLink, RecordLinkInput, Store, StoreOps } from '../store/types.ts';
import type { FlowDefinition } from './flow.ts';
import { hashContent } from '../lib/hash.ts';
import { attachIncludes, prefetchLookups, type RelatedReader } from './enrich.ts';
import type { TransformRegistry } from './transforms.ts';
import { mapRecord, RecordNotForFlow, type MappingContext } from './mapping.ts';
import { matchesSource } from './source-filter.ts';
import { DEFAULT_RETRY_POLICY, decideRetry, sleep, withRetry, type RetryPolicy } from './retry.ts';
import type { ChangeFeed, SourceChange, WriteItem, WriteResult, Writer } from './types.ts';

export interface RunStats {
  pages: number;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Re-read by the overlap window at a version already handled: not a change, no audit row. */
  seen: number;
  parked: number;
  ignored: number;
  /** Changes the target refuses by rule (posted documents): audited, not parked. */
  refused: number;
  writeCalls: number;
}

export interface RunResult {
  runId: string;
  flowId: string;
  status: 'succeeded' | 'failed';
  stats: RunStats;
  error?: { category: ErrorCategory; message: string };
  /** True if the run stopped early because shutdown was requested (the page in flight was finished). */
  interrupted: boolean;
}

export interface RunDeps {
  store: Store;
  feed: ChangeFeed;
  writer: Writer;
  logger: Logger;
  retryPolicy?: RetryPolicy;
  /** Aborting stops the run between pages (the page in flight is finished and recorded). */
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  trigger?: string;
  /** Called with per-outcome counts after each page (metrics). */
  onPage?: (flowId: string, delta: Partial<RunStats>) => void;
  /** Reads child records for the flow's `source.include`. */
  related?: RelatedReader;
  /** The transforms the flow's mapping names (the engine's and the connector modules'). */
  transforms: TransformRegistry;
}

/** What a change became once its page was processed. */
type Outcome =
  | { kind: 'written'; change: SourceChange; item: WriteItem; hash: string; targetId: string; created: boolean; requestId?: string }
  | { kind: 'unchanged'; change: SourceChange; link: RecordLink; hash: string }
  | { kind: 'seen'; change: SourceChange }
  | { kind: 'parked'; change: SourceChange; error: ConnectorError; hash?: string }
  | { kind: 'ignored'; change: SourceChange; reason: string }
  | { kind: 'refused'; change: SourceChange; error: ConnectorError; hash: string };

function emptyStats(): RunStats {
  return { pages: 0, read: 0, created: 0, updated: 0, unchanged: 0, seen: 0, parked: 0, ignored: 0, refused: 0, writeCalls: 0 };
}

export function newRunId(flowId: string): string {
  return `${flowId}:${new Date().toISOString()}:${randomUUID().slice(0, 8)}`;
}

export async function runFlow(flow: FlowDefinition, deps: RunDeps): Promise<RunResult> {
  const { store, feed, logger } = deps;
  const runId = newRunId(flow.id);
  const log = logger.child({ runId, flowId: flow.id });
  const stats = emptyStats();
  let interrupted = false;

  // Runs of a flow are serialised by its lock, held now: a run still marked running died with its process.
  for (const stale of (await store.runs.list({ flowId: flow.id, limit: 20 })).filter((r) => r.status === 'running')) {
    await store.runs.finish(stale.id, 'failed', stale.stats, 'the process running it stopped before it finished (crash or kill); its recorded outcomes stand');
  }
  await store.runs.start({ id: runId, flowId: flow.id, trigger: deps.trigger ?? 'schedule' });
  await store.audit.append([{ flowId: flow.id, runId, outcome: 'run_started', message: `trigger: ${deps.trigger ?? 'schedule'}` }]);
  log.info({ trigger: deps.trigger ?? 'schedule' }, 'run started');

  try {
    let cursor = feed.beginRun(await store.cursors.get(flow.id));
    for (;;) {
      if (deps.signal?.aborted) {
        interrupted = true;
        break;
      }
      const page = await withRetry(() => feed.read(cursor, { pageSize: flow.pageSize, signal: deps.signal }), deps.retryPolicy, {
        sleep: deps.sleep,
        onRetry: (err, attempt, waitMs) => log.warn({ attempt, waitMs, category: err.category, status: err.status }, `feed read failed, retrying: ${err.message}`),
      });
      stats.pages++;
      stats.read += page.changes.length;
      const before = { ...stats };
      await processPage(flow, runId, page.changes, page.cursor as Json, deps, stats, log);
      deps.onPage?.(flow.id, diffStats(before, stats));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    await store.runs.finish(runId, 'succeeded', { ...stats });
    await store.audit.append([
      { flowId: flow.id, runId, outcome: 'run_succeeded', message: summarize(stats, interrupted), details: { ...stats } },
    ]);
    log.info({ stats, interrupted }, 'run finished');
    return { runId, flowId: flow.id, status: 'succeeded', stats, interrupted };
  } catch (raw) {
    const err = toConnectorError(raw);
    // The message of a ConnectorError is written for people and carries no secret; anything else is logged, not stored verbatim.
    const message = raw instanceof ConnectorError ? err.message : `unexpected error: ${err.message}`;
    await store.runs.finish(runId, 'failed', { ...stats }, message);
    await store.audit.append([
      { flowId: flow.id, runId, outcome: 'run_failed', errorCategory: err.category, message, requestIds: err.requestId ? [err.requestId] : [], details: { ...stats } },
    ]);
    log.error({ category: err.category, status: err.status, code: err.code, stats }, `run failed: ${message}`);
    return { runId, flowId: flow.id, status: 'failed', stats, error: { category: err.category, message }, interrupted };
  }
}

function diffStats(before: RunStats, after: RunStats): Partial<RunStats> {
  const out: Partial<RunStats> = {};
  for (const k of Object.keys(after) as (keyof RunStats)[]) {
    const d = after[k] - before[k];
    if (d !== 0) out[k] = d;
  }
  return out;
}

function summarize(s: RunStats, interrupted: boolean): string {
  return (
    `read ${s.read}, created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}, parked ${s.parked}` +
    (s.refused ? `, refused ${s.refused}` : '') +
    (s.ignored ? `, ignored ${s.ignored}` : '') +
    (interrupted ? ' (stopped early for shutdown)' : '')
  );
}

/**
 * Process one page: classify every change, write what changed, record all outcomes, then move the cursor.
 * Throws (leaving the cursor where it was) if a write call fails as a whole after its retries.
 */
async function processPage(
  flow: FlowDefinition,
  runId: string,
  rawChanges: SourceChange[],
  nextCursor: Json,
  deps: RunDeps,
  stats: RunStats,
  log: Logger,
): Promise<void> {
  const { store } = deps;
  // A page may carry the same record twice (overlap window, CDC redelivery): the last version wins.
  const byId = new Map<string, SourceChange>();
  for (const c of rawChanges) byId.set(c.id, c);
  const changes = [...byId.values()];
  const ids = changes.map((c) => c.id);

  await attachIncludes(flow, changes, deps.related);
  const ctx: MappingContext = { transforms: deps.transforms, ...(await prefetchLookups(flow, changes, store)) };
  const links = ids.length > 0 ? await store.links.get(flow.id, ids) : new Map<string, RecordLink>();
  const openParked = ids.length > 0 ? await store.parked.list({ flowId: flow.id, status: 'parked', sourceIds: ids, limit: ids.length }) : [];
  const parkedVersion = new Map(openParked.map((p) => [p.sourceId, p.sourceVersion]));

  const outcomes: Outcome[] = [];
  const toWrite: Pending[] = [];
  for (const change of changes) {
    const outcome = classify(flow, change, links.get(change.id), parkedVersion.get(change.id), ctx);
    if (outcome.kind === 'pending') toWrite.push(outcome);
    else outcomes.push(outcome);
  }

  for (let i = 0; i < toWrite.length; i += deps.writer.maxBatchSize) {
    const chunk = toWrite.slice(i, i + deps.writer.maxBatchSize);
    const written = await writeChunk(chunk, deps, stats, log);
    // Outcomes of a successful write call are made durable at once: if a later chunk fails, the next run
    // finds these unchanged instead of writing them again.
    await recordOutcomes(store, flow, runId, written, null);
    countOutcomes(written, stats);
  }
  countOutcomes(outcomes, stats);
  await recordOutcomes(store, flow, runId, outcomes, nextCursor);
}

type Pending = { kind: 'pending'; change: SourceChange; item: WriteItem; hash: string };

function classify(
  flow: FlowDefinition,
  change: SourceChange,
  link: RecordLink | undefined,
  parkedAtVersion: string | undefined,
  ctx: MappingContext,
  replay = false,
): Outcome | Pending {
  if (change.op === 'delete') {
    return { kind: 'ignored', change, reason: 'deleted in the source; this flow does not delete target records' };
  }
  // Still parked at this exact version: the overlap window re-read it; replay (not polling) retries it.
  if (parkedAtVersion !== undefined && parkedAtVersion === change.version) return { kind: 'seen', change };
  // Not a record this flow is about (source.where), or one it does not write (a lookup with onMissing 'skip').
  if (!matchesSource(change.data, flow.source.where)) return { kind: 'seen', change };
  let mapped: ReturnType<typeof mapRecord>;
  try {
    mapped = mapRecord(change.data, flow.matchKey, flow.mapping, ctx);
  } catch (err) {
    if (err instanceof RecordNotForFlow) return { kind: 'seen', change };
    return { kind: 'parked', change, error: toConnectorError(err) };
  }
  const hash = hashContent({ key: mapped.key, fields: mapped.hashed });
  if (link && link.contentHash === hash) {
    // A replay always gets a recorded outcome (it closes the parked entry), even for a version already handled.
    if (link.sourceVersion === change.version && !replay) return { kind: 'seen', change };
    return { kind: 'unchanged', change, link, hash };
  }
  return { kind: 'pending', change, item: { sourceId: change.id, key: mapped.key, fields: mapped.fields }, hash };
}

/**
 * Write one chunk. A failure of the whole call is retried per policy and, if it persists, thrown (the run stops
 * and the cursor stays). Per-record transient failures are retried a few times; everything else is parked.
 */
async function writeChunk(chunk: Pending[], deps: RunDeps, stats: RunStats, log: Logger): Promise<Outcome[]> {
  const policy = deps.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const wait = deps.sleep ?? sleep;
  const outcomes: Outcome[] = [];
  let pending = chunk;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const results: WriteResult[] = await withRetry(
      () => {
        stats.writeCalls++;
        return deps.writer.write(pending.map((p) => p.item));
      },
      policy,
      {
        sleep: deps.sleep,
        onRetry: (err, n, waitMs) => log.warn({ attempt: n, waitMs, category: err.category, status: err.status }, `write failed, retrying: ${err.message}`),
      },
    );
    if (results.length !== pending.length) {
      throw new ConnectorError('transient', `writer returned ${results.length} results for ${pending.length} records`);
    }
    const retryLater: Pending[] = [];
    let longestWaitMs = 0;
    results.forEach((r, idx) => {
      const p = pending[idx] as Pending;
      if (r.ok) {
        outcomes.push({ kind: 'written', change: p.change, item: p.item, hash: p.hash, targetId: r.targetId, created: r.created, requestId: r.requestId });
        return;
      }
      if (r.error.refusal) {
        outcomes.push({ kind: 'refused', change: p.change, error: r.error, hash: p.hash });
        return;
      }
      const decision = decideRetry(r.error, attempt, policy);
      if (decision.retry) {
        retryLater.push(p);
        longestWaitMs = Math.max(longestWaitMs, decision.waitMs);
      } else {
        outcomes.push({ kind: 'parked', change: p.change, error: r.error, hash: p.hash });
      }
    });
    pending = retryLater;
    if (pending.length > 0) {
      log.warn({ records: pending.length, waitMs: longestWaitMs }, 'retrying records that failed transiently');
      await wait(longestWaitMs);
    }
  }
  return outcomes;
}

function countOutcomes(outcomes: Outcome[], stats: RunStats): void {
  for (const o of outcomes) {
    if (o.kind === 'written') {
      if (o.created) stats.created++;
      else stats.updated++;
    } else if (o.kind === 'unchanged') stats.unchanged++;
    else if (o.kind === 'seen') stats.seen++;
    else if (o.kind === 'parked') stats.parked++;
    else if (o.kind === 'refused') stats.refused++;
    else stats.ignored++;
  }
}

function withoutUpdatedAt(link: RecordLink): RecordLinkInput {
  const { updatedAt: _updatedAt, ...rest } = link;
  return rest;
}

/** Links, audit rows, error-queue rows and (optionally) the cursor, in one transaction. */
async function recordOutcomes(store: Store, flow: FlowDefinition, runId: string, outcomes: Outcome[], nextCursor: Json | null): Promise<void> {
  const links: RecordLinkInput[] = [];
  const audit: AuditEventInput[] = [];
  const parked: ParkedInput[] = [];
  const resolved: string[] = [];
  for (const o of outcomes) {
    const base = { flowId: flow.id, runId, sourceId: o.change.id, sourceVersion: o.change.version };
    switch (o.kind) {
      case 'written':
        links.push({
          flowId: flow.id,
          sourceConnection: flow.source.connection,
          sourceEntity: flow.source.entity,
          sourceId: o.change.id,
          targetConnection: flow.target.connection,
          targetEntity: flow.target.entity,
          targetId: o.targetId,
          targetKey: o.item.key,
          contentHash: o.hash,
          sourceVersion: o.change.version,
        });
        resolved.push(o.change.id);
        audit.push({ ...base, targetId: o.targetId, contentHash: o.hash, outcome: o.created ? 'created' : 'updated', requestIds: o.requestId ? [o.requestId] : [] });
        break;
      case 'unchanged':
        // Remember the version so the next overlap re-read of it is not audited again.
        links.push({ ...withoutUpdatedAt(o.link), sourceVersion: o.change.version });
        resolved.push(o.change.id);
        audit.push({ ...base, targetId: o.link.targetId, contentHash: o.hash, outcome: 'unchanged', message: 'mapped content identical to the last write; nothing written' });
        break;
      case 'parked':
        parked.push({
          flowId: flow.id,
          sourceId: o.change.id,
          sourceVersion: o.change.version,
          category: o.error.category,
          reason: o.error.message,
          payload: o.change as unknown as Json,
        });
        audit.push({
          ...base,
          contentHash: o.hash ?? null,
          outcome: 'parked',
          errorCategory: o.error.category,
          message: o.error.message,
          requestIds: o.error.requestId ? [o.error.requestId] : [],
          details: o.error.code ? { code: o.error.code } : {},
        });
        break;
      case 'ignored':
        audit.push({ ...base, outcome: 'deleted', message: o.reason });
        break;
      case 'refused':
        // Nothing to replay: the target will refuse this change whatever happens. The change is done with.
        resolved.push(o.change.id);
        audit.push({
          ...base,
          contentHash: o.hash,
          outcome: 'refused',
          errorCategory: o.error.category,
          message: o.error.message,
          requestIds: o.error.requestId ? [o.error.requestId] : [],
          details: o.error.code ? { code: o.error.code } : {},
        });
        break;
      case 'seen':
        break;
    }
  }
  if (links.length + audit.length + parked.length + resolved.length === 0 && nextCursor === null) return;
  await store.transaction(async (tx: StoreOps) => {
    if (links.length > 0) await tx.links.upsert(links);
    if (resolved.length > 0) await tx.parked.resolve(flow.id, resolved);
    if (parked.length > 0) await tx.parked.park(parked);
    if (audit.length > 0) await tx.audit.append(audit);
    if (nextCursor !== null) await tx.cursors.set(flow.id, nextCursor);
  });
}

/** Exposed for replay: process a given set of changes through the same classify → write → record path. */
export async function processChanges(
  flow: FlowDefinition,
  runId: string,
  changes: SourceChange[],
  deps: RunDeps,
): Promise<RunStats> {
  const stats = emptyStats();
  const log = deps.logger.child({ runId, flowId: flow.id });
  const ids = changes.map((c) => c.id);
  await attachIncludes(flow, changes, deps.related);
  const ctx: MappingContext = { transforms: deps.transforms, ...(await prefetchLookups(flow, changes, deps.store)) };
  const links = await deps.store.links.get(flow.id, ids);
  const outcomes: Outcome[] = [];
  const toWrite: Pending[] = [];
  for (const change of changes) {
    // Replay ignores the "still parked at this version" shortcut: retrying that version is the point.
    const outcome = classify(flow, change, links.get(change.id), undefined, ctx, true);
    if (outcome.kind === 'pending') toWrite.push(outcome);
    else outcomes.push(outcome);
  }
  for (let i = 0; i < toWrite.length; i += deps.writer.maxBatchSize) {
    const written = await writeChunk(toWrite.slice(i, i + deps.writer.maxBatchSize), deps, stats, log);
    outcomes.push(...written);
  }
  countOutcomes(outcomes, stats);
  await recordOutcomes(deps.store, flow, runId, outcomes, null);
  return stats;
}
