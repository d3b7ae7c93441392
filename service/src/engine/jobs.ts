/**
 * The engine's durable jobs: deterministic ids, so asking twice for the same thing queues it once (N replicas
 * enqueue the same scheduled slot; a redelivered notification the same record version).
 */
import type { JobInput } from '../store/types.ts';

/** A run of a flow from its cursor. */
export const RUN_JOB = 'run';
/** Re-sync single records (re-read from the source, written through the flow), e.g. a webhook or "Sync now". */
export const SYNC_JOB = 'sync';

export interface RunJobPayload {
  flowId: string;
  trigger: string;
}

export interface SyncJobPayload extends RunJobPayload {
  sourceIds: string[];
}

/** `run:<flow>:<slot>`; without a slot, the current time (a manual run is its own job). */
export function runJob(flowId: string, trigger: string, slot?: string): JobInput {
  return { id: `${RUN_JOB}:${flowId}:${slot ?? new Date().toISOString()}`, kind: RUN_JOB, payload: { flowId, trigger } satisfies RunJobPayload };
}

/** `sync:<flow>:<key>`; with `key` (e.g. `<sourceId>@<version>`) asking twice for the same change queues it once. */
export function syncJob(flowId: string, sourceIds: string[], trigger: string, key?: string): JobInput {
  return {
    id: `${SYNC_JOB}:${flowId}:${key ?? `${sourceIds.join(',')}:${new Date().toISOString()}`}`,
    kind: SYNC_JOB,
    payload: { flowId, sourceIds, trigger } satisfies SyncJobPayload,
  };
}
