/**
 * Record-level work outside a run: replaying parked records (re-read from the source when the connector can, else
 * the parked payload) and re-syncing single source records (a webhook notification, "Sync now"). Both go through
 * the runner's classify → write → record path, with one audit row per record.
 */
import { toConnectorError } from '../lib/errors.ts';
import type { ParkedRecord } from '../store/types.ts';
import { ConnectorError } from '../lib/errors.ts';
import type { FlowDefinition } from './flow.ts';
import { newRunId, processChanges, type RunDeps } from './runner.ts';
import type { SourceChange } from './types.ts';

export type RecordOutcome = 'created' | 'updated' | 'unchanged' | 'parked' | 'gone';

export interface ReplayItemResult {
  id: number;
  flowId: string;
  sourceId: string;
  outcome: RecordOutcome;
  message: string;
}

/** What a single-record sync did (see requestSync). */
export interface SyncItemResult {
  flowId: string;
  sourceId: string;
  outcome: RecordOutcome;
  message: string;
}

const AUDIT_LIMIT = 1_000;
const FINAL_OUTCOMES = new Set(['created', 'updated', 'unchanged', 'parked']);

/** The last final outcome and message audited per source id in a run. */
async function outcomesOf(deps: RunDeps, runId: string): Promise<Map<string, { outcome: RecordOutcome; message: string }>> {
  const out = new Map<string, { outcome: RecordOutcome; message: string }>();
  for (const e of await deps.store.audit.query({ runId, limit: AUDIT_LIMIT })) {
    if (e.sourceId && FINAL_OUTCOMES.has(e.outcome)) out.set(e.sourceId, { outcome: e.outcome as RecordOutcome, message: e.message ?? e.outcome });
  }
  return out;
}

export async function replayParkedRecords(flow: FlowDefinition, records: ParkedRecord[], deps: RunDeps): Promise<ReplayItemResult[]> {
  const { store, logger } = deps;
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
  const outcomes = await outcomesOf(deps, runId);
  return records.map((r) => {
    if (gone.includes(r)) return { id: r.id, flowId: flow.id, sourceId: r.sourceId, outcome: 'gone' as const, message: 'record no longer exists in the source' };
    const o = outcomes.get(r.sourceId) ?? { outcome: 'unchanged' as const, message: 'unchanged' };
    return { id: r.id, flowId: flow.id, sourceId: r.sourceId, ...o };
  });
}

export async function syncSourceRecords(flow: FlowDefinition, sourceIds: string[], trigger: string, deps: RunDeps): Promise<SyncItemResult[]> {
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
    await deps.store.audit.append(gone.map((sourceId) => ({ flowId: flow.id, runId, sourceId, outcome: 'refused' as const, message: `sync (${trigger}): the record no longer exists in the source` })));
  }
  if (changes.length > 0) await processChanges(flow, runId, changes, deps);
  const outcomes = await outcomesOf(deps, runId);
  return sourceIds.map((sourceId): SyncItemResult => {
    if (gone.includes(sourceId)) return { flowId: flow.id, sourceId, outcome: 'gone', message: 'record no longer exists in the source' };
    const o = outcomes.get(sourceId) ?? { outcome: 'unchanged' as const, message: 'unchanged' };
    return { flowId: flow.id, sourceId, ...o };
  });
}
