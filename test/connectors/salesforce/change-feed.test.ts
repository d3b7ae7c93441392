import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDC_META_KEY, type CdcChangeMeta } from '../../../service/src/connectors/salesforce/feeds/source-changes.ts';
import { drain, ids, openFeed, startOrg, waitFor, type Org } from './cdc-helpers.ts';

let org: Org;
const feeds: Array<{ close(): Promise<void> }> = [];
beforeAll(async () => {
  org = await startOrg();
});
afterAll(async () => {
  for (const feed of feeds) await feed.close();
  await org.stop();
});

function feedFor(overrides: Parameters<typeof openFeed>[1] = {}) {
  const opened = openFeed(org, overrides);
  feeds.push(opened.feed);
  return opened;
}

const meta = (data: Record<string, unknown>): CdcChangeMeta => data[CDC_META_KEY] as CdcChangeMeta;

describe('salesforce change feed', () => {
  it('hands the engine complete current records for creates and updates made through REST', async () => {
    const { feed } = feedFor();
    const first = await drain(feed, null, () => true);
    expect(first.changes).toEqual([]);
    // The subscription starts at LATEST once the emulator has taken its first FetchRequest: change nothing before.
    await waitFor(() => org.pubsub.openStreams().some((s) => s.topic !== undefined), 30_000);
    const a = org.sandbox.records.create('Account', { Name: 'Acme Tools', Phone: '555-0100', BillingCity: 'Austin' });
    // An update of one field: the event carries only Phone; the feed must still hand over Name and BillingCity.
    await org.client.request('PATCH', `sobjects/Account/${a.Id}`, { body: { Phone: '555-0199' } });
    // Both events (CREATE, UPDATE) travel over the stream: read once both have arrived, else the UPDATE may land
    // in a later page than the CREATE and the record is (rightly) handed over twice, once per event.
    await waitFor(() => feed.stats().received >= 2, 30_000);
    const { changes, cursor } = await drain(feed, first.cursor, (c) => c.some((x) => meta(x.data).changeType === 'UPDATE'));
    expect(ids(changes)).toEqual([a.Id]);
    const change = changes[0];
    expect(change?.op).toBe('upsert');
    expect(change?.data).toMatchObject({ Id: a.Id, Name: 'Acme Tools', Phone: '555-0199', BillingCity: 'Austin' });
    expect(meta(change?.data ?? {})).toMatchObject({ source: 'event', changeType: 'UPDATE', entityName: 'Account' });
    expect(meta(change?.data ?? {}).changedFields).toContain('Phone');
    expect(change?.version).toBe(cursor?.replayId);
    expect(cursor?.lastCommitTimestamp).toBeGreaterThan(0);
  });

  it('carries deletes as op delete and undeletes as upserts flagged UNDELETE', async () => {
    const { feed } = feedFor();
    const start = await drain(feed, null, () => true);
    const a = org.sandbox.records.create('Account', { Name: 'Short Lived' });
    const created = await drain(feed, start.cursor, (c) => c.length > 0);
    org.sandbox.records.delete('Account', a.Id);
    const deleted = await drain(feed, created.cursor, (c) => c.length > 0);
    expect(deleted.changes).toEqual([{ id: a.Id, version: deleted.cursor?.replayId, op: 'delete', data: expect.objectContaining({ Id: a.Id, IsDeleted: true }) }]);
    org.sandbox.records.undelete('Account', a.Id);
    const back = await drain(feed, deleted.cursor, (c) => c.length > 0);
    expect(back.changes[0]).toMatchObject({ id: a.Id, op: 'upsert', data: { Name: 'Short Lived' } });
    expect(meta(back.changes[0]?.data ?? {}).changeType).toBe('UNDELETE');
  });

  it('yields every record of a multi-record event', async () => {
    const { feed } = feedFor();
    const start = await drain(feed, null, () => true);
    const accounts = ['M1', 'M2', 'M3'].map((n) => org.sandbox.records.create('Account', { Name: n, GP_Customer_Number__c: n }));
    const created = await drain(feed, start.cursor, (c) => c.length >= 3);
    // One collections call, the same value on three records: one event naming all three (FACTS 1.3 #8).
    const before = org.pubsub.events().length;
    const { results } = await org.client.upsertCollection(
      'Account',
      'GP_Customer_Number__c',
      ['M1', 'M2', 'M3'].map((n) => ({ attributes: { type: 'Account' }, GP_Customer_Number__c: n, Industry: 'Energy' })),
      { allOrNone: true },
    );
    expect(results.every((r) => r.success)).toBe(true);
    const events = org.pubsub.events().slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]?.header.recordIds).toEqual(accounts.map((a) => a.Id));
    const updated = await drain(feed, created.cursor, (c) => c.length >= 3);
    expect(ids(updated.changes).sort()).toEqual(accounts.map((a) => a.Id).sort());
    expect(updated.changes.every((c) => c.data.Industry === 'Energy' && typeof c.data.Name === 'string')).toBe(true);
  });

  it('serves a page again when its cursor was not persisted, and skips other entities of the channel', async () => {
    const { feed } = feedFor();
    const start = await drain(feed, null, () => true);
    const a = org.sandbox.records.create('Account', { Name: 'Redelivered' });
    const acct = await drain(feed, start.cursor, (c) => c.length > 0);
    org.sandbox.records.create('Order', { AccountId: a.Id, EffectiveDate: '2026-01-05', Status: 'Draft' });
    await waitFor(() => feed.stats().buffered >= 2);
    // The engine failed the page: the next run begins from the old cursor and gets the same change again.
    const again = await drain(feed, start.cursor, (c) => c.length > 0);
    expect(ids(again.changes)).toEqual([a.Id]);
    // Order events are on the channel but not for this flow: the cursor moves past them, no change is made up.
    const after = await drain(feed, acct.cursor, () => true, { timeoutMs: 500 });
    expect(after.changes).toEqual([]);
    expect(after.cursor?.replayId).not.toBe(acct.cursor?.replayId);
  });
});
