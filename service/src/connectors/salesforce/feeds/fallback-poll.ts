import type { SourceChange } from '../../../engine/types.ts';
import type { RecordReader } from './record-reader.ts';
import { changeFromPoll, deletionFromPoll } from './source-changes.ts';

export type FallbackReason = 'replay-rejected' | 'resume-without-replay-id' | 'gap-overflow';

/** What the feed tells the engine when it had to poll instead of replaying events (audit outcome `fallback`). */
export interface FallbackReport {
  channel: string;
  reason: FallbackReason;
  entities: string[];
  /** Poll window start (epoch ms, overlap applied); null = every record was re-read (no durable timestamp). */
  sinceMs: number | null;
  untilMs: number;
  records: number;
  deleted: number;
  /** False when deletions could not be listed for the window (older than the replication limit, or a full re-read). */
  deletesKnown: boolean;
  message: string;
  requestIds: string[];
}

/**
 * Re-reads what changed on `entities` since `sinceMs` (SOQL on SystemModstamp plus the deleted-records window,
 * FACTS 1.2 / 1.3 #12), for when events cannot be replayed (FACTS 1.3 #7): a stale or rejected replay id, or a
 * GAP_OVERFLOW. Duplicates with events are harmless (complete records, hash dedupe downstream).
 */
export async function pollForFallback(
  reader: RecordReader,
  args: { channel: string; reason: FallbackReason; entities: string[]; sinceMs: number | null; untilMs: number; signal?: AbortSignal },
): Promise<{ changes: SourceChange[]; report: FallbackReport }> {
  const changes: SourceChange[] = [];
  const requestIds: string[] = [];
  let records = 0;
  let deleted = 0;
  let deletesKnown = true;
  for (const entity of args.entities) {
    const polled = await reader.pollSince(entity, args.sinceMs, args.untilMs, args.signal);
    requestIds.push(...polled.requestIds);
    records += polled.records.length;
    deleted += polled.deletedIds.length;
    deletesKnown &&= polled.deletesKnown;
    for (const record of polled.records) changes.push(changeFromPoll(entity, record));
    for (const id of polled.deletedIds) changes.push(deletionFromPoll(entity, id, args.untilMs));
  }
  const window = args.sinceMs === null ? 'every record (no durable commit timestamp)' : `changes since ${new Date(args.sinceMs).toISOString()}`;
  const message =
    `CDC fallback on ${args.channel} (${args.reason}): re-read ${window} of ${args.entities.join(', ')}: ${records} records, ${deleted} deletions` +
    (deletesKnown ? '' : '; deletions in the window could not be listed');
  return {
    changes,
    report: { channel: args.channel, reason: args.reason, entities: args.entities, sinceMs: args.sinceMs, untilMs: args.untilMs, records, deleted, deletesKnown, message, requestIds },
  };
}
