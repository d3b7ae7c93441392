/**
 * "Sync now" on a Salesforce record: for every flow linked to the record, queue a re-sync of its source record
 * (re-read from the source and written through the flow by the job worker: engine.requestSync).
 */
import type { Engine } from '../../engine/engine.ts';
import type { FlowDefinition } from '../../engine/flow.ts';
import type { Store } from '../../store/types.ts';
import { findRecordLinks } from './record-links.ts';

export interface SyncRequest {
  flowId: string;
  sourceIds: string[];
}

/** What to re-sync for this record: per flow, the source ids linked to it. Empty when it was never synced. */
export async function planRecordSync(store: Store, flows: readonly FlowDefinition[], connectionId: string, recordId: string): Promise<SyncRequest[]> {
  const links = await findRecordLinks(store, flows, connectionId, recordId);
  const byFlow = new Map<string, Set<string>>();
  const add = (flowId: string, sourceId: string) => byFlow.set(flowId, (byFlow.get(flowId) ?? new Set()).add(sourceId));
  for (const l of links.asTarget) add(l.flowId, l.sourceId);
  for (const l of links.asSource) add(l.flowId, l.sourceId);
  return [...byFlow].map(([flowId, ids]) => ({ flowId, sourceIds: [...ids].sort() })).sort((a, b) => a.flowId.localeCompare(b.flowId));
}

export async function queueRecordSync(engine: Pick<Engine, 'requestSync'>, plan: readonly SyncRequest[]): Promise<{ jobIds: string[]; message: string }> {
  const jobIds: string[] = [];
  for (const { flowId, sourceIds } of plan) jobIds.push((await engine.requestSync(flowId, sourceIds, 'salesforce')).jobId);
  const what = plan.map((p) => `${p.flowId} (source ${p.sourceIds.join(', ')})`).join('; ');
  return { jobIds, message: `Sync queued: ${what}` };
}
