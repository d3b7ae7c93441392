import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeFeed, SourceChange } from '../../../service/src/engine/types.ts';
import { createBcFeed, type BcCursor } from '../../../service/src/connectors/business-central/feeds/last-modified-feed.ts';
import type { BcSandbox } from '../../../service/sandbox/business-central/index.ts';
import { bcClient, customerBody, startBc } from './helpers.ts';

/** Read a feed to the end of what is there now, as the engine does in one run. */
async function drain(feed: ChangeFeed<BcCursor>, cursor: BcCursor | null, pageSize: number): Promise<{ changes: SourceChange[]; cursor: BcCursor | null; pages: number }> {
  const changes: SourceChange[] = [];
  let pages = 0;
  let c = feed.beginRun(cursor);
  for (;;) {
    const page = await feed.read(c, { pageSize });
    pages++;
    changes.push(...page.changes);
    c = page.cursor;
    if (!page.hasMore) return { changes, cursor: c, pages };
  }
}

describe('business central lastModifiedDateTime feed', () => {
  let sandbox: BcSandbox;
  // A frozen base clock: every write until the next advance shares one lastModifiedDateTime.
  const base = Date.parse('2025-03-01T08:00:00.000Z');

  beforeAll(async () => {
    sandbox = await startBc({ now: () => base });
  });
  afterAll(() => sandbox.stop());

  it('delivers every record exactly once across pages full of ties, and catches a late tie at the watermark', async () => {
    for (let i = 0; i < 7; i++) sandbox.admin.createRecord('customers', customerBody(`T1-${i}`));
    sandbox.admin.advanceClock(1_000);
    for (let i = 0; i < 3; i++) sandbox.admin.createRecord('customers', customerBody(`T2-${i}`));
    const feed = createBcFeed(bcClient(sandbox), 'customers', { overlapMs: 0 });

    const first = await drain(feed, null, 3);
    expect(first.changes.map((c) => c.data.number)).toHaveLength(10);
    expect(new Set(first.changes.map((c) => c.id)).size).toBe(10);
    expect(first.cursor?.since).toBe(new Date(base + 1_000).toISOString());
    expect(first.cursor?.idsAtSince).toHaveLength(3);
    const versions = first.changes.map((c) => c.version);
    expect([...versions].sort()).toEqual(versions);

    // Same millisecond as the watermark, written after the run: a strict `gt` would lose it.
    sandbox.admin.createRecord('customers', customerBody('T2-LATE'));
    const second = await drain(feed, first.cursor, 3);
    expect(second.changes.map((c) => c.data.number)).toEqual(['T2-LATE']);
    const third = await drain(feed, second.cursor, 3);
    expect(third.changes).toEqual([]);
  });

  it('skips a run of already-delivered ties longer than a page instead of stalling', async () => {
    sandbox.admin.advanceClock(1_000);
    for (let i = 0; i < 5; i++) sandbox.admin.createRecord('items', { number: `TIE-${i}`, displayName: `tie ${i}` });
    const feed = createBcFeed(bcClient(sandbox), 'items', { overlapMs: 0 });
    const page1 = await feed.read(null, { pageSize: 2 });
    const page2 = await feed.read(page1.cursor, { pageSize: 2 });
    const page3 = await feed.read(page2.cursor, { pageSize: 2 });
    const numbers = [...page1.changes, ...page2.changes, ...page3.changes].map((c) => c.data.number);
    expect(new Set(numbers).size).toBe(5);
    expect(page3.hasMore).toBe(false);
    expect(page3.cursor.idsAtSince).toHaveLength(5);
  });

  it('starts each run an overlap earlier, and version is lastModifiedDateTime', async () => {
    const feed = createBcFeed(bcClient(sandbox), 'customers', { overlapMs: 60_000 });
    const stored: BcCursor = { since: '2025-03-01T08:10:00.000Z', idsAtSince: ['x'] };
    expect(feed.beginRun(stored)).toEqual({ since: '2025-03-01T08:09:00.000Z', idsAtSince: [] });
    expect(feed.beginRun(null)).toBeNull();
    const all = await drain(feed, null, 100);
    for (const c of all.changes) {
      expect(c.version).toBe(c.data.lastModifiedDateTime);
      expect(c.data['@odata.etag']).toBeUndefined();
    }
  });

  it('re-reads one record with get(), undefined once deleted', async () => {
    const row = sandbox.admin.createRecord('customers', customerBody('GET-1'));
    const feed = createBcFeed(bcClient(sandbox), 'customers');
    expect((await feed.get?.(String(row.id)))?.data.number).toBe('GET-1');
    sandbox.admin.deleteRecord('customers', String(row.id));
    expect(await feed.get?.(String(row.id))).toBeUndefined();
  });

  it('reads customer payment lines across every payment journal', async () => {
    sandbox.admin.createRecord('customers', customerBody('PAY-1'));
    const second = sandbox.admin.createRecord('customerPaymentJournals', { code: 'BANK2', displayName: 'Second bank' });
    sandbox.admin.advanceClock(1_000);
    sandbox.admin.createRecord('customerPayments', { customerNumber: 'PAY-1', amount: 10 }, sandbox.admin.paymentJournalId());
    sandbox.admin.createRecord('customerPayments', { customerNumber: 'PAY-1', amount: 20 }, String(second.id));
    const feed = createBcFeed(bcClient(sandbox), 'customerPayments', { overlapMs: 0 });
    const all = await drain(feed, null, 1);
    expect(all.changes.map((c) => c.data.amount).sort()).toEqual([10, 20]);
    expect(all.pages).toBe(2);
    expect(await feed.get?.(all.changes[1]?.id ?? '')).toMatchObject({ id: all.changes[1]?.id });
  });
});
