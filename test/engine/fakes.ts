/**
 * In-memory feed and writer for engine tests: a source table with (modified, id) ordering and a target keyed by
 * match key, with switches for failures. They follow the contracts in service/src/engine/types.ts exactly.
 */
import type { ConnectorError } from '../../service/src/lib/errors.ts';
import type { ChangeFeed, SourceChange, WriteItem, WriteResult, Writer } from '../../service/src/engine/types.ts';

export interface FakeRow {
  id: string;
  modified: number;
  data: Record<string, unknown>;
}

type Cursor = { modified: number; id: string } | null;

export function createFakeFeed(rows: FakeRow[]) {
  const state = { reads: 0, failNext: null as ConnectorError | null };
  const feed: ChangeFeed<Cursor> = {
    beginRun: (stored) => stored,
    async read(cursor, { pageSize }) {
      state.reads++;
      if (state.failNext) {
        const e = state.failNext;
        state.failNext = null;
        throw e;
      }
      const sorted = [...rows].sort((a, b) => a.modified - b.modified || a.id.localeCompare(b.id));
      const after = sorted.filter((r) => !cursor || r.modified > cursor.modified || (r.modified === cursor.modified && r.id > cursor.id));
      const page = after.slice(0, pageSize);
      const last = page.at(-1);
      return {
        changes: page.map((r): SourceChange => ({ id: r.id, version: String(r.modified), op: 'upsert', data: structuredClone(r.data) })),
        cursor: last ? { modified: last.modified, id: last.id } : cursor,
        hasMore: after.length > pageSize,
      };
    },
    async get(id) {
      const r = rows.find((x) => x.id === id);
      return r ? { id: r.id, version: String(r.modified), op: 'upsert', data: structuredClone(r.data) } : undefined;
    },
  };
  return { feed, state };
}

export function createFakeWriter(maxBatchSize = 3) {
  const target = new Map<string, { id: string; fields: Record<string, unknown> }>();
  const state = {
    calls: 0,
    written: 0,
    /** Keys whose writes fail per record with this error. */
    rejectKeys: new Map<string, ConnectorError>(),
    /** Throw this for the next N calls (whole-call failure). */
    throwNext: [] as ConnectorError[],
    /** Throw (simulating a crash) when a write call starts after this many calls. */
    crashAfterCalls: Infinity,
  };
  let seq = 0;
  const writer: Writer = {
    maxBatchSize,
    async write(items: WriteItem[]): Promise<WriteResult[]> {
      if (items.length > maxBatchSize) throw new Error(`batch of ${items.length} exceeds ${maxBatchSize}`);
      if (state.calls >= state.crashAfterCalls) throw new Error('process killed');
      state.calls++;
      const t = state.throwNext.shift();
      if (t) throw t;
      return items.map((item) => {
        const rejection = state.rejectKeys.get(item.key);
        if (rejection) return { ok: false, error: rejection };
        const existing = target.get(item.key);
        state.written++;
        if (existing) {
          existing.fields = { ...item.fields };
          return { ok: true, targetId: existing.id, created: false };
        }
        const id = `T${String(++seq).padStart(5, '0')}`;
        target.set(item.key, { id, fields: { ...item.fields } });
        return { ok: true, targetId: id, created: true };
      });
    },
  };
  return { writer, target, state };
}
