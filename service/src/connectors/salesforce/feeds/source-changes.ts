import type { SourceChange } from '../../../engine/types.ts';
import type { CdcEvent } from './decode-event.ts';
import type { SfRecordData } from './record-reader.ts';

/** Key under which each change's CDC facts travel in `SourceChange.data` (not a Salesforce field name). */
export const CDC_META_KEY = '_cdc';

export interface CdcChangeMeta {
  source: 'event' | 'fallback';
  entityName: string;
  /** The event's change type; `UNDELETE` marks a record back from the recycle bin. Absent for fallback reads. */
  changeType?: string;
  changedFields?: string[];
  nulledFields?: string[];
  commitTimestamp?: number;
  transactionKey?: string;
  replayId?: string;
}

function metaOf(event: CdcEvent): CdcChangeMeta {
  const h = event.header;
  return {
    source: 'event',
    entityName: h.entityName,
    changeType: h.changeType,
    changedFields: h.changedFields,
    nulledFields: h.nulledFields,
    commitTimestamp: h.commitTimestamp,
    transactionKey: h.transactionKey,
    replayId: event.replayId,
  };
}

/**
 * The change an event means for one record, given the record as it is now: present → upsert of the complete
 * current record; gone → delete (`IsDeleted: true`). Current state wins over the event's type, so an UPDATE of a
 * record deleted since is a delete and a DELETE of a record undeleted since is an upsert. Version = replay id.
 */
export function changeFromEvent(event: CdcEvent, recordId: string, current: SfRecordData | undefined): SourceChange {
  const meta = metaOf(event);
  if (!current) return { id: recordId, version: event.replayId, op: 'delete', data: { Id: recordId, IsDeleted: true, [CDC_META_KEY]: meta } };
  return { id: current.Id, version: event.replayId, op: 'upsert', data: { ...current, [CDC_META_KEY]: meta } };
}

/** A record found by a fallback poll; its version is its SystemModstamp (there is no replay id). */
export function changeFromPoll(entityName: string, record: SfRecordData): SourceChange {
  const stamp = record.SystemModstamp ?? record.LastModifiedDate;
  return { id: record.Id, version: `modstamp:${String(stamp)}`, op: 'upsert', data: { ...record, [CDC_META_KEY]: { source: 'fallback', entityName } satisfies CdcChangeMeta } };
}

export function deletionFromPoll(entityName: string, id: string, untilMs: number): SourceChange {
  return { id, version: `deleted:${untilMs}`, op: 'delete', data: { Id: id, IsDeleted: true, [CDC_META_KEY]: { source: 'fallback', entityName } satisfies CdcChangeMeta } };
}

/** One change per record id, the last one winning (its position moves to the end). */
export function dedupeById(changes: SourceChange[]): SourceChange[] {
  const byId = new Map<string, SourceChange>();
  for (const change of changes) {
    byId.delete(change.id);
    byId.set(change.id, change);
  }
  return [...byId.values()];
}
