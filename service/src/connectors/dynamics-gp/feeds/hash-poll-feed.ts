/**
 * A feed for GP tables with no ModifiedDate and no DEX_ROW_TS (GP-DOMAIN §5: RM00103 customer balances,
 * RM10201 unposted cash receipts, RM20201/RM30201 applies, SY00500 batches…): seed 001 says such entities are
 * "polled by status or batch". Each run walks the selected rows in key order (a status / batch filter keeps the
 * walk small) and emits only the rows whose content hash differs from the one seen on the previous walk, so an
 * unchanged row is neither mapped nor written — the engine's link hash would also skip the write, but this keeps
 * unchanged rows out of the pipeline entirely. The version of a change is its content hash.
 *
 * The hash cache lives in the cursor (persisted with each page's outcomes, so a crash re-emits at most the page
 * in flight): `prev` = hashes of the last complete walk, `next` = hashes seen so far in this walk. A row that
 * disappears from the walk drops out of the cache; if it comes back it is emitted again.
 */
import { z } from 'zod';
import { hashContent } from '../../../lib/hash.ts';
import type { ChangeFeed, FeedPage, SourceChange } from '../../../engine/types.ts';
import { ConnectorError } from '../../../lib/errors.ts';

export const hashPollCursorSchema = z
  .object({
    after: z.string().min(1).nullable(),
    prev: z.record(z.string(), z.string()),
    next: z.record(z.string(), z.string()),
  })
  .strict();

export type HashPollCursor = z.infer<typeof hashPollCursorSchema>;

export interface HashPollSource<T> {
  /** Rows after `after` in key order (the filter by status / batch is the source's), at most `top`. */
  list(after: string | null, top: number, signal?: AbortSignal): Promise<{ rows: T[]; requestId: string }>;
  /** One row by key (replay), undefined if gone. */
  get?(id: string, signal?: AbortSignal): Promise<T | undefined>;
  idOf(row: T): string;
  dataOf(row: T): Record<string, unknown>;
}

/** 16 hex characters of SHA-256 over the canonical JSON: plenty to tell versions of one row apart, small in the cursor. */
export const contentHash = (data: Record<string, unknown>) => hashContent(data).slice(0, 16);

function readCursor(value: unknown, what: string): HashPollCursor {
  const parsed = hashPollCursorSchema.safeParse(value);
  if (!parsed.success) throw new ConnectorError('validation', `${what} is not a hash-poll cursor: ${parsed.error.issues.map((i) => i.message).join('; ')}`, { code: 'GP_BAD_CURSOR' });
  return parsed.data;
}

export function createHashPollFeed<T>(source: HashPollSource<T>): ChangeFeed<HashPollCursor> {
  const toChange = (row: T): SourceChange => {
    const data = source.dataOf(row);
    return { id: source.idOf(row), version: contentHash(data), op: 'upsert', data };
  };
  return {
    beginRun(stored) {
      if (stored === null) return { after: null, prev: {}, next: {} };
      const c = readCursor(stored, 'the stored cursor');
      // A walk cut short (crash, shutdown): what it saw is newer than the last complete walk.
      return { after: null, prev: c.after === null ? c.prev : { ...c.prev, ...c.next }, next: {} };
    },
    async read(cursor, { pageSize, signal }): Promise<FeedPage<HashPollCursor>> {
      const at = cursor === null ? { after: null, prev: {}, next: {} } : readCursor(cursor, 'the page cursor');
      const { rows, requestId } = await source.list(at.after, pageSize, signal);
      const next = { ...at.next };
      const changes: SourceChange[] = [];
      let last = at.after;
      for (const row of rows) {
        const change = toChange(row);
        if (last !== null && change.id <= last) {
          throw new ConnectorError('transient', `GP returned rows out of key order (at ${change.id}); the walk cannot page safely`, { code: 'GP_UNORDERED_PAGE', requestId });
        }
        last = change.id;
        next[change.id] = change.version;
        if (at.prev[change.id] !== change.version) changes.push(change);
      }
      const hasMore = rows.length === pageSize;
      return {
        changes,
        cursor: hasMore ? { after: last, prev: at.prev, next } : { after: null, prev: next, next: {} },
        hasMore,
        requestIds: [requestId],
      };
    },
    ...(source.get
      ? {
          async get(id: string) {
            const row = await source.get!(id);
            return row === undefined ? undefined : toChange(row);
          },
        }
      : {}),
  };
}
