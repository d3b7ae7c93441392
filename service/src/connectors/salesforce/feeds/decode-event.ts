import { ConnectorError } from '../../../lib/errors.ts';
import { replayIdToBase64 } from './replay-id.ts';

export type CdcChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE' | 'GAP_CREATE' | 'GAP_UPDATE' | 'GAP_DELETE' | 'GAP_UNDELETE' | 'GAP_OVERFLOW';

const CHANGE_TYPES = new Set<string>(['CREATE', 'UPDATE', 'DELETE', 'UNDELETE', 'GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW']);

/** ChangeEventHeader as decoded (FACTS 1.1): bitmaps already turned into field names by the client. */
export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: CdcChangeType;
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
  nulledFields: string[];
  diffFields: string[];
  changedFields: string[];
}

export interface CdcEvent {
  /** Base64 of the 8 opaque replay id bytes (what the cursor stores). */
  replayId: string;
  eventId: string;
  schemaId: string;
  header: ChangeEventHeader;
  /** The event body without the header: unchanged fields are null and say nothing (FACTS 1.3 #6). */
  fields: Record<string, unknown>;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));

/** Checks and normalises one event as the Pub/Sub client hands it over (`{id, schemaId, replayId, payload}`). */
export function decodeCdcEvent(raw: unknown, channel: string): CdcEvent {
  const event = (raw ?? {}) as { id?: unknown; schemaId?: unknown; replayId?: unknown; payload?: Record<string, unknown> };
  const header = event.payload?.ChangeEventHeader as Record<string, unknown> | undefined;
  if (typeof event.replayId !== 'number' || !header || typeof header.entityName !== 'string' || !CHANGE_TYPES.has(String(header.changeType))) {
    throw new ConnectorError('validation', `Pub/Sub event on ${channel} is not a change event (no ChangeEventHeader with entityName and changeType)`);
  }
  const { ChangeEventHeader: _header, ...fields } = event.payload ?? {};
  return {
    replayId: replayIdToBase64(event.replayId),
    eventId: String(event.id ?? ''),
    schemaId: String(event.schemaId ?? ''),
    header: {
      entityName: header.entityName,
      recordIds: strings(header.recordIds),
      changeType: header.changeType as CdcChangeType,
      changeOrigin: String(header.changeOrigin ?? ''),
      transactionKey: String(header.transactionKey ?? ''),
      sequenceNumber: num(header.sequenceNumber),
      // commitTimestamp is epoch ms (FACTS 1.3 #8).
      commitTimestamp: num(header.commitTimestamp),
      commitNumber: num(header.commitNumber),
      commitUser: String(header.commitUser ?? ''),
      nulledFields: strings(header.nulledFields),
      diffFields: strings(header.diffFields),
      changedFields: strings(header.changedFields),
    },
    fields,
  };
}
