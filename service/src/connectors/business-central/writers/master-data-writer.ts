/**
 * Idempotent writer for customers and items, matched on `number` (the BC customer / item No. carried in a
 * Salesforce External Id). Every write looks the numbers up first and then creates or PATCHes (If-Match) in
 * one `$batch`, so a create retried after its response was lost finds the record it made and never makes a
 * second one. Unchanged records are not written at all (no lastModifiedDateTime bump, no echo).
 */
import type { WriteItem, WriteResult, Writer } from '../../../engine/types.ts';
import { ConnectorError, toConnectorError } from '../../../lib/errors.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { BatchOperation, BcClient } from '../client.ts';
import { KEY_MAX_LENGTH, WRITABLE_FIELDS } from '../entities.ts';
import { checkWritable, createBody, diffFields, lookupByKeys, normalizeKey, splitRounds } from './write-helpers.ts';

type MasterEntity = 'customers' | 'items';
type Row = Record<string, unknown> & { id: string; '@odata.etag'?: string };

interface Prepared {
  index: number;
  key: string;
  fields: Record<string, unknown>;
}

interface Planned {
  item: Prepared;
  kind: 'create' | 'update';
  op: BatchOperation;
}

/** Writes per call; one $batch request takes 100 operations. */
const MASTER_DATA_BATCH_SIZE = 100;

export function createMasterDataWriter(client: BcClient, entity: MasterEntity, deps: { logger: Logger }): Writer {
  const writable = WRITABLE_FIELDS[entity];

  function prepare(items: WriteItem[], results: WriteResult[]): Prepared[] {
    const out: Prepared[] = [];
    items.forEach((item, index) => {
      try {
        const key = normalizeKey(item.key, 'number', KEY_MAX_LENGTH.number);
        const fields = { ...item.fields };
        delete fields.number;
        checkWritable(fields, writable, entity);
        out.push({ index, key, fields });
      } catch (err) {
        results[index] = { ok: false, error: toConnectorError(err) };
      }
    });
    return out;
  }

  /** A record that changed under us, or was created by someone else since our lookup: re-read and patch once. */
  async function settleIndividually(p: Prepared): Promise<WriteResult> {
    try {
      const rows = await lookupByKeys<Row>(client, entity, 'number', [p.key]);
      const row = rows.get(p.key)?.[0];
      if (!row) return { ok: false, error: new ConnectorError('transient', `${entity} ${p.key}: the create failed and no such record exists yet`) };
      const updated = await client.updateWithRetryOnConflict<Row>(entity, row.id, (current) => diffFields(current, p.fields));
      return { ok: true, targetId: updated.id, created: false };
    } catch (err) {
      return { ok: false, error: toConnectorError(err) };
    }
  }

  async function writeRound(round: Prepared[], results: WriteResult[], signal?: AbortSignal): Promise<void> {
    const existing = await lookupByKeys<Row>(client, entity, 'number', round.map((p) => p.key));
    const planned: Planned[] = [];
    for (const p of round) {
      const row = existing.get(p.key)?.[0];
      if (!row) {
        planned.push({ item: p, kind: 'create', op: { method: 'POST', path: entity, body: { ...createBody(p.fields), number: p.key } } });
        continue;
      }
      const patch = diffFields(row, p.fields);
      if (Object.keys(patch).length === 0) {
        results[p.index] = { ok: true, targetId: row.id, created: false };
        continue;
      }
      planned.push({ item: p, kind: 'update', op: { method: 'PATCH', path: `${entity}(${row.id})`, body: patch, headers: { 'if-match': row['@odata.etag'] ?? '*' } } });
    }
    if (planned.length === 0) return;
    const outcomes = await client.batch(
      planned.map((x) => x.op),
      { signal },
    );
    for (let i = 0; i < planned.length; i++) {
      const { item, kind } = planned[i] as Planned;
      const r = outcomes[i];
      if (r?.ok) {
        results[item.index] = { ok: true, targetId: String((r.body as Row).id), created: kind === 'create' };
      } else if (r?.error?.category === 'conflict') {
        // 409 on PATCH: a BC user edited it since our read; on POST: created meanwhile (Internal_EntityWithSameKeyExists).
        deps.logger.info({ entity, key: item.key, code: r.error.code }, 'business central record changed concurrently; settling it individually');
        results[item.index] = await settleIndividually(item);
      } else {
        results[item.index] = { ok: false, error: r?.error ?? new ConnectorError('transient', `${entity} ${item.key}: no result from $batch`) };
      }
    }
  }

  return {
    maxBatchSize: MASTER_DATA_BATCH_SIZE,
    async write(items, opts = {}) {
      const results: WriteResult[] = new Array(items.length);
      const prepared = prepare(items, results);
      for (const round of splitRounds(prepared, (p) => p.key)) await writeRound(round, results, opts.signal);
      return results;
    },
  };
}
