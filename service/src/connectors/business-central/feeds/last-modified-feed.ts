/**
 * Change feeds over `lastModifiedDateTime` (FACTS 3.1 #13), tie-safe (STYLE.md): the cursor is
 * `{ since, idsAtSince }`; a read asks for `lastModifiedDateTime ge since` ordered by lastModifiedDateTime and
 * skips the ids already delivered at exactly `since`, so rows sharing a timestamp are neither lost at a page
 * boundary nor delivered twice within a run. `since` only ever holds a value BC itself stamped (the server's
 * clock, not ours). Each run starts `overlapMs` earlier so a long transaction that committed late is still seen;
 * the engine recognises those re-reads by their unchanged version.
 */
import type { ChangeFeed, FeedPage, SourceChange } from '../../../engine/types.ts';
import type { BcClient } from '../client.ts';
import type { BcCustomerPaymentJournal, BcFeedEntity } from '../entities.ts';
import { DEFAULT_FEED_OVERLAP_MS } from '../facts.ts';
import { dateTimeLiteral } from '../odata.ts';

export interface BcCursor {
  since: string;
  idsAtSince: string[];
}

export interface BcFeedOptions {
  /** Re-read this much before the stored watermark at the start of each run (default 60 s). */
  overlapMs?: number;
  /** Extra `$filter` ANDed to the watermark filter, e.g. `status eq 'Open'`. */
  filter?: string;
}

type Row = Record<string, unknown> & { id: string; lastModifiedDateTime: string };

function toChange(row: Record<string, unknown>): SourceChange {
  const { '@odata.etag': _etag, ...data } = row;
  return { id: String(row.id), version: String(row.lastModifiedDateTime), op: 'upsert', data };
}

function byStampThenId(a: Row, b: Row): number {
  const d = Date.parse(a.lastModifiedDateTime) - Date.parse(b.lastModifiedDateTime);
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The cursor after delivering `rows` (sorted) from `cursor`. */
function advance(cursor: BcCursor | null, rows: Row[]): BcCursor | null {
  const last = rows.at(-1);
  if (!last) return cursor;
  const lastMs = Date.parse(last.lastModifiedDateTime);
  const atLast = rows.filter((r) => Date.parse(r.lastModifiedDateTime) === lastMs).map((r) => r.id);
  const carried = cursor && Date.parse(cursor.since) === lastMs ? cursor.idsAtSince : [];
  return { since: last.lastModifiedDateTime, idsAtSince: [...new Set([...carried, ...atLast])] };
}

function isNew(cursor: BcCursor | null, row: Row): boolean {
  if (!cursor) return true;
  const t = Date.parse(row.lastModifiedDateTime);
  const since = Date.parse(cursor.since);
  return t > since || (t === since && !cursor.idsAtSince.includes(row.id));
}

export function createBcFeed(client: BcClient, entity: BcFeedEntity, opts: BcFeedOptions = {}): ChangeFeed<BcCursor> {
  const overlapMs = opts.overlapMs ?? DEFAULT_FEED_OVERLAP_MS;

  function filterFor(cursor: BcCursor | null): string | undefined {
    const watermark = cursor ? `lastModifiedDateTime ge ${dateTimeLiteral(cursor.since)}` : undefined;
    if (watermark && opts.filter) return `${watermark} and (${opts.filter})`;
    return watermark ?? opts.filter;
  }

  async function journals(): Promise<BcCustomerPaymentJournal[]> {
    return client.listAll<BcCustomerPaymentJournal>('customerPaymentJournals', { select: ['id', 'code'] });
  }

  /** Payment lines live per journal: read every journal's lines after the watermark, merged in order. */
  async function readPayments(cursor: BcCursor | null, pageSize: number, signal?: AbortSignal): Promise<FeedPage<BcCursor>> {
    const rows: Row[] = [];
    const requestIds: string[] = [];
    for (const j of await journals()) {
      for await (const page of client.pages<Row>(`customerPaymentJournals(${j.id})/customerPayments`, { filter: filterFor(cursor), orderby: 'lastModifiedDateTime asc' }, { maxPageSize: pageSize, signal })) {
        rows.push(...page.value.filter((r) => isNew(cursor, r)));
        if (page.requestId) requestIds.push(page.requestId);
      }
    }
    rows.sort(byStampThenId);
    const taken = rows.slice(0, pageSize);
    return { changes: taken.map(toChange), cursor: advance(cursor, taken) as BcCursor, hasMore: rows.length > pageSize, requestIds };
  }

  async function readEntitySet(cursor: BcCursor | null, pageSize: number, signal?: AbortSignal): Promise<FeedPage<BcCursor>> {
    const requestIds: string[] = [];
    const query = { filter: filterFor(cursor), orderby: 'lastModifiedDateTime asc' };
    // Follow server pages until one holds something new: a run of ids already delivered at `since` (ties
    // larger than a page) is skipped here instead of being returned as an empty page forever.
    for await (const page of client.pages<Row>(entity, query, { maxPageSize: pageSize, signal })) {
      if (page.requestId) requestIds.push(page.requestId);
      const fresh = page.value.filter((r) => isNew(cursor, r)).sort(byStampThenId);
      if (fresh.length > 0 || page.nextLink === undefined) {
        return { changes: fresh.map(toChange), cursor: advance(cursor, fresh) as BcCursor, hasMore: page.nextLink !== undefined, requestIds };
      }
    }
    return { changes: [], cursor: cursor as BcCursor, hasMore: false, requestIds };
  }

  return {
    beginRun(stored) {
      if (!stored) return null;
      if (overlapMs <= 0) return stored;
      return { since: new Date(Date.parse(stored.since) - overlapMs).toISOString(), idsAtSince: [] };
    },
    read(cursor, { pageSize, signal }) {
      return entity === 'customerPayments' ? readPayments(cursor, pageSize, signal) : readEntitySet(cursor, pageSize, signal);
    },
    async get(id) {
      if (entity !== 'customerPayments') {
        const row = await client.get<Row>(entity, id);
        return row ? toChange(row) : undefined;
      }
      for (const j of await journals()) {
        const row = await client.get<Row>(`customerPaymentJournals(${j.id})/customerPayments`, id);
        if (row) return toChange(row);
      }
      return undefined;
    },
  };
}
