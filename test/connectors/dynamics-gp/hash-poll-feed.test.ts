import { afterEach, describe, expect, it } from 'vitest';
import { createHashPollFeed, type HashPollCursor } from '../../../service/src/connectors/dynamics-gp/feeds/hash-poll-feed.ts';
import { FLOWS, startReceivablesHarness, type ReceivablesHarness } from '../../e2e/gp-salesforce/receivables-harness.ts';

describe('hash-polled feed (entities without ModifiedDate, seed 001)', () => {
  const rows = new Map<string, { id: string; amount: number }>();
  const source = {
    list: async (after: string | null, top: number) => ({
      rows: [...rows.values()].sort((a, b) => a.id.localeCompare(b.id)).filter((r) => after === null || r.id > after).slice(0, top),
      requestId: 'r',
    }),
    idOf: (r: { id: string }) => r.id,
    dataOf: (r: { id: string; amount: number }) => ({ ...r }),
  };

  async function walk(feed: ReturnType<typeof createHashPollFeed>, stored: HashPollCursor | null) {
    let cursor = feed.beginRun(stored);
    const ids: string[] = [];
    for (;;) {
      const page = await feed.read(cursor, { pageSize: 2 });
      ids.push(...page.changes.map((c) => c.id));
      cursor = page.cursor;
      if (!page.hasMore) return { ids, cursor };
    }
  }

  it('emits every row once, then only rows whose content changed; a row that comes back is emitted again', async () => {
    rows.clear();
    for (const [id, amount] of [['A', 1], ['B', 2], ['C', 3], ['D', 4], ['E', 5]] as const) rows.set(id, { id, amount });
    const feed = createHashPollFeed(source);
    const first = await walk(feed, null);
    expect(first.ids).toEqual(['A', 'B', 'C', 'D', 'E']);
    const second = await walk(feed, first.cursor);
    expect(second.ids).toEqual([]);
    rows.set('D', { id: 'D', amount: 40 });
    rows.delete('B');
    const third = await walk(feed, second.cursor);
    expect(third.ids).toEqual(['D']);
    expect(Object.keys(third.cursor.prev)).toEqual(['A', 'C', 'D', 'E']);
    rows.set('B', { id: 'B', amount: 2 });
    expect((await walk(feed, third.cursor)).ids).toEqual(['B']);
  });

  it('a walk cut short keeps what it saw: the next run does not emit those rows again', async () => {
    rows.clear();
    for (const [id, amount] of [['A', 1], ['B', 2], ['C', 3]] as const) rows.set(id, { id, amount });
    const feed = createHashPollFeed(source);
    const page = await feed.read(feed.beginRun(null), { pageSize: 2 });
    expect(page.hasMore).toBe(true);
    expect((await walk(feed, page.cursor)).ids).toEqual(['C']);
  });
});

describe('GP customer balances (RM00103, no ModifiedDate / DEX_ROW_TS) → Salesforce Accounts', () => {
  let h: ReceivablesHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('unchanged balances are not re-emitted by the feed; a changed one is the only record read and written', async () => {
    h = await startReceivablesHarness();
    await h.run(FLOWS.customers);
    const first = await h.run(FLOWS.balances);
    const customers = h.gp.company().table('RM00101').size;
    expect(first.stats).toMatchObject({ read: customers, updated: customers, parked: 0 });

    const again = await h.run(FLOWS.balances);
    expect(again.stats).toMatchObject({ read: 0, updated: 0, unchanged: 0 });

    h.postedInvoice('STDINV9100', 'AARONFIT0001', 30000); // over Aaron Fitz's 25,000 credit limit
    const changed = await h.run(FLOWS.balances);
    expect(changed.stats).toMatchObject({ read: 1, updated: 1 });
    const account = h.sf.records.findByField('Account', 'GP_Customer_Number__c', 'AARONFIT0001')[0]!;
    expect(account).toMatchObject({ ERP_Balance__c: 30000, ERP_Overdue_Balance__c: 0, ERP_Status__c: 'Over_Credit_Limit' });

    h.gp.setClock({ advanceMs: 31 * 86_400_000 }); // Net 30: now past due
    h.payment('PMT9100', 'AARONFIT0001', 10000);
    h.rm.apply({ FromDocumentType: 9, FromDocumentNumber: 'PMT9100', ToDocumentType: 1, ToDocumentNumber: 'STDINV9100', Amount: 10000 });
    expect((await h.run(FLOWS.balances)).stats).toMatchObject({ read: 1, updated: 1 });
    expect(h.sf.records.get('Account', account.Id)).toMatchObject({ ERP_Balance__c: 20000, ERP_Overdue_Balance__c: 20000, ERP_Status__c: 'Past_Due' });
  });
});
