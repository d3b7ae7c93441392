import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../service/src/lib/errors.ts';
import type { GpClient } from '../../../service/src/connectors/dynamics-gp/client.ts';
import type { GpCustomer } from '../../../service/src/connectors/dynamics-gp/entities.ts';
import { createGpCustomerFeed, type GpCustomerCursor } from '../../../service/src/connectors/dynamics-gp/feeds/customer-feed.ts';
import type { FeedPage } from '../../../service/src/engine/types.ts';
import type { GpSandbox } from '../../../service/sandbox/dynamics-gp/index.ts';
import { makeClient, startSandbox } from './helpers.ts';

const NOW_MS = Date.parse('2026-01-20T18:00:00Z'); // 12:00 on 2026-01-20 in the server's UTC-6
const TIE_DATE = '2026-01-15';

async function readRun(feed: ReturnType<typeof createGpCustomerFeed>, stored: GpCustomerCursor | null, pageSize: number) {
  let cursor = feed.beginRun(stored);
  const pages: FeedPage<GpCustomerCursor>[] = [];
  for (;;) {
    const page = await feed.read(cursor, { pageSize });
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { pages, cursor, changes: pages.flatMap((p) => p.changes) };
}

describe('GP customer feed against the emulator', () => {
  let gp: GpSandbox;
  let client: GpClient;
  let tieIds: string[];
  beforeAll(async () => {
    gp = await startSandbox({ now: () => NOW_MS });
    tieIds = gp.generateCustomers({ count: 2000, seed: 7, modifiedDate: TIE_DATE });
    client = makeClient(gp);
  });
  afterAll(async () => {
    await client.close();
    await gp.stop();
  });

  it('pages through a 2,000-customer tie on one ModifiedDate without skipping or repeating anyone', async () => {
    const feed = createGpCustomerFeed(client, { overlapDays: 1 });
    const { pages, changes, cursor } = await readRun(feed, null, 300);
    const ids = changes.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(2000 + 24);
    for (const id of tieIds) expect(ids).toContain(id);
    // Page boundaries really fell inside the tie.
    const boundariesInTie = pages.slice(0, -1).filter((p, i) => p.cursor.watermark === TIE_DATE && pages[i + 1]!.changes[0]?.data.ModifiedDate === TIE_DATE);
    expect(boundariesInTie.length).toBeGreaterThanOrEqual(5);
    expect(pages.every((p) => p.requestIds?.length === 1)).toBe(true);
    expect(cursor).toEqual({ watermark: '2026-01-19', afterId: expect.any(String) });
    const first = changes[0]!;
    expect(first).toMatchObject({ op: 'upsert', version: expect.stringMatching(/Z$/) });
    expect(first.data).toHaveProperty('CustomerId', first.id);
  });

  it('sees a customer edited later on the watermark day even when its id sorts before the stored afterId', async () => {
    const feed = createGpCustomerFeed(client, { overlapDays: 0 });
    const run1 = await readRun(feed, null, 500);
    const stored = run1.cursor;
    expect(stored.watermark).toBe('2026-01-19');
    expect(stored.afterId! > 'AARONFIT0001').toBe(true);
    // 23:00 on the watermark day, server-local: already the next day in UTC (GP-DOMAIN §5).
    gp.setClock({ now: '2026-01-20T05:00:00Z' });
    try {
      gp.editCustomer('aaronfit0001', { City: 'Kirkland' });
    } finally {
      gp.setClock({ now: NOW_MS });
    }
    const run2 = await readRun(feed, stored, 500);
    const aaron = run2.changes.find((c) => c.id === 'AARONFIT0001');
    expect(aaron).toBeDefined();
    expect(aaron!.data).toMatchObject({ City: 'Kirkland', ModifiedDate: '2026-01-19' });
    expect(aaron!.version).toBe('2026-01-20T05:00:00.000Z');
    expect(run2.changes.every((c) => (c.data.ModifiedDate as string) >= '2026-01-19')).toBe(true);
  });

  it('starts each run at the watermark minus overlapDays, inclusive, without an id tiebreak', async () => {
    const feed = createGpCustomerFeed(client, { overlapDays: 2 });
    expect(feed.beginRun(null)).toBeNull();
    expect(feed.beginRun({ watermark: '2026-03-01', afterId: 'ZZZ0001' })).toEqual({ watermark: '2026-02-27', afterId: null });
    expect(createGpCustomerFeed(client, { overlapDays: 1, initialWatermark: '2026-01-18' }).beginRun(null)).toEqual({ watermark: '2026-01-18', afterId: null });
    const page = await feed.read({ watermark: '2026-01-18', afterId: null }, { pageSize: 100 });
    expect(page.changes.map((c) => c.data.ModifiedDate as string).every((d) => d >= '2026-01-18')).toBe(true);
    expect(page.changes.length).toBeGreaterThan(0);
  });

  it('refuses a stored cursor that is not a GP customer cursor', () => {
    const feed = createGpCustomerFeed(client, { overlapDays: 1 });
    expect(() => feed.beginRun({ watermark: '19/01/2026', afterId: null })).toThrow(ConnectorError);
    expect(() => feed.beginRun({ watermark: null, afterId: 'X' } as GpCustomerCursor)).toThrow(/afterId needs a watermark/);
  });

  it('get() re-reads one customer, or undefined', async () => {
    const feed = createGpCustomerFeed(client, { overlapDays: 1 });
    expect(await feed.get!('contosol0001')).toMatchObject({ id: 'CONTOSOL0001', data: { Name: 'Contoso, Ltd.' } });
    expect(await feed.get!('NOSUCHCU0001')).toBeUndefined();
  });
});

describe('GP customer feed guards', () => {
  const customer = (id: string, date: string) => ({ CustomerId: id, ModifiedDate: date, LastModified: `${date}T00:00:00.000Z` }) as GpCustomer;
  it('fails loudly when GP returns a page out of ModifiedDate order (keyset paging would be unsound)', async () => {
    const fake: Pick<GpClient, 'listCustomers' | 'getCustomer'> = {
      listCustomers: async () => ({ customers: [customer('B', '2026-01-02'), customer('A', '2026-01-01')], requestId: 'r1' }),
      getCustomer: async () => ({ customer: undefined, requestId: 'r2' }),
    };
    const feed = createGpCustomerFeed(fake, { overlapDays: 1 });
    await expect(feed.read(null, { pageSize: 10 })).rejects.toMatchObject({ category: 'transient', code: 'GP_UNORDERED_PAGE', requestId: 'r1' });
  });

  it('asks for the keyset after the cursor and keeps the cursor on an empty page', async () => {
    const calls: unknown[] = [];
    const fake: Pick<GpClient, 'listCustomers' | 'getCustomer'> = {
      listCustomers: async (opts) => {
        calls.push(opts);
        return { customers: [], requestId: 'r' };
      },
      getCustomer: async () => ({ customer: undefined, requestId: 'r' }),
    };
    const feed = createGpCustomerFeed(fake, { overlapDays: 1 });
    const page = await feed.read({ watermark: '2026-01-15', afterId: 'MIDCITYH0001' }, { pageSize: 50 });
    expect(calls[0]).toMatchObject({ modifiedFrom: '2026-01-15', after: { modifiedDate: '2026-01-15', customerId: 'MIDCITYH0001' }, top: 50 });
    expect(page).toMatchObject({ changes: [], hasMore: false, cursor: { watermark: '2026-01-15', afterId: 'MIDCITYH0001' } });
  });
});
