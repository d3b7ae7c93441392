import { afterEach, describe, expect, it } from 'vitest';
import { CDC_META_KEY, type CdcChangeMeta } from '../../../service/src/connectors/salesforce/feeds/source-changes.ts';
import { drain, ids, openFeed, startOrg, waitFor, type Org } from './cdc-helpers.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function org(): Promise<Org> {
  const o = await startOrg();
  cleanup.push(() => o.stop());
  return o;
}

function feedOn(o: Org, overrides: Parameters<typeof openFeed>[1] = {}) {
  const opened = openFeed(o, overrides);
  cleanup.push(() => opened.feed.close());
  return opened;
}

const HOUR_MS = 3_600_000;
const meta = (data: Record<string, unknown>): CdcChangeMeta => data[CDC_META_KEY] as CdcChangeMeta;

describe('change feed recovery', () => {
  it('resumes after a restart from the stored replay id: nothing lost, nothing twice', async () => {
    const o = await org();
    const first = feedOn(o).feed;
    const start = await drain(first, null, () => true);
    const a = o.sandbox.records.create('Account', { Name: 'Before restart' });
    const stored = (await drain(first, start.cursor, (c) => c.length > 0)).cursor;
    await first.close();

    // Changes made while the service is down are replayed from the stored replay id (CUSTOM).
    const b = o.sandbox.records.create('Account', { Name: 'While down 1' });
    o.sandbox.records.update('Account', a.Id, { Phone: '555-0142' });
    const second = feedOn(o).feed;
    const resumed = await drain(second, stored, (c) => c.length >= 2);
    expect(ids(resumed.changes)).toEqual([b.Id, a.Id]);
    expect(resumed.changes[1]?.data).toMatchObject({ Name: 'Before restart', Phone: '555-0142' });
    expect(resumed.changes.every((c) => meta(c.data).source === 'event')).toBe(true);
    const quiet = await drain(second, resumed.cursor, () => true, { timeoutMs: 300 });
    expect(quiet.changes).toEqual([]);
  });

  it('falls back to a poll when the stored replay id is past retention, reports it, then follows events again', async () => {
    const o = await org();
    const first = feedOn(o).feed;
    const start = await drain(first, null, () => true);
    const a = o.sandbox.records.create('Account', { Name: 'Old news' });
    const stored = (await drain(first, start.cursor, (c) => c.length > 0)).cursor;
    await first.close();
    const b = o.sandbox.records.create('Account', { Name: 'Missed while down' });
    o.clock.offsetMs = 73 * HOUR_MS; // the bus forgot everything (72 h retention)

    const { feed, fallbacks } = feedOn(o);
    const polled = await drain(feed, stored, (c) => c.length > 0);
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]).toMatchObject({ reason: 'replay-rejected', entities: ['Account'], deletesKnown: true });
    expect(fallbacks[0]?.sinceMs).toBe((stored?.lastCommitTimestamp ?? 0) - 60_000);
    expect(ids(polled.changes)).toContain(b.Id);
    expect(polled.changes.find((c) => c.id === b.Id)?.data).toMatchObject({ Name: 'Missed while down' });
    expect(meta(polled.changes[0]?.data ?? {}).source).toBe('fallback');
    expect(polled.cursor?.replayId).toBeNull();
    expect(polled.cursor?.lastCommitTimestamp).toBeGreaterThanOrEqual(stored?.lastCommitTimestamp ?? 0);

    // After the fallback the feed follows LATEST: a new change arrives as an event.
    o.sandbox.records.update('Account', a.Id, { Phone: '555-0001' });
    const live = await drain(feed, polled.cursor, (c) => c.length > 0);
    expect(ids(live.changes)).toEqual([a.Id]);
    expect(meta(live.changes[0]?.data ?? {}).source).toBe('event');
    expect(fallbacks).toHaveLength(1);
  });

  it('re-reads the records a GAP event names, and polls the entity on GAP_OVERFLOW', async () => {
    const o = await org();
    const { feed, fallbacks } = feedOn(o);
    const start = await drain(feed, null, () => true);
    const a = o.sandbox.records.create('Account', { Name: 'Gap target' });
    const created = await drain(feed, start.cursor, (c) => c.length > 0);
    o.pubsub.injectGap('Account', [a.Id], 'GAP_UPDATE');
    const gap = await drain(feed, created.cursor, (c) => c.length > 0);
    expect(gap.changes).toHaveLength(1);
    expect(gap.changes[0]).toMatchObject({ id: a.Id, op: 'upsert', data: { Name: 'Gap target' } });
    expect(meta(gap.changes[0]?.data ?? {}).changeType).toBe('GAP_UPDATE');

    const b = o.sandbox.records.create('Account', { Name: 'Overflowed' });
    o.pubsub.injectOverflow('Account');
    const overflow = await drain(feed, gap.cursor, (c) => c.some((x) => meta(x.data).source === 'fallback'));
    expect(fallbacks.map((f) => f.reason)).toEqual(['gap-overflow']);
    expect(ids(overflow.changes)).toContain(b.Id);
  });

  it('detects a silent stream and reconnects without losing the change made meanwhile', async () => {
    const o = await org();
    const { feed } = feedOn(o, { silenceTimeoutMs: 600 });
    const start = await drain(feed, null, () => true);
    expect(o.pubsub.silenceOpenStreams()).toBe(1);
    const a = o.sandbox.records.create('Account', { Name: 'Sent into the void' });
    const got = await drain(feed, start.cursor, (c) => c.length > 0);
    expect(ids(got.changes)).toEqual([a.Id]);
    expect(feed.stats().silentReconnects).toBeGreaterThanOrEqual(1);
    expect(feed.stats().connects).toBeGreaterThanOrEqual(2);
    await waitFor(() => o.pubsub.openStreams().filter((s) => !s.silent).length === 1);
    expect(o.pubsub.openStreams().filter((s) => s.silent)).toEqual([]);
  });

  it('re-authenticates and resubscribes from its position when the session expired', async () => {
    const o = await org();
    const { feed } = feedOn(o);
    const start = await drain(feed, null, () => true);
    const tokensBefore = o.auth.tokenRequests();
    o.sandbox.sessions.expireAll();
    o.pubsub.failOpenStreams(); // the old stream drops; the reconnect meets UNAUTHENTICATED, then re-auths
    const a = o.sandbox.records.create('Account', { Name: 'After expiry' });
    const got = await drain(feed, start.cursor, (c) => c.length > 0);
    expect(ids(got.changes)).toEqual([a.Id]);
    expect(o.auth.tokenRequests()).toBeGreaterThan(tokensBefore);
  });

  it('never asks for more than num_requested and never receives more than it asked for', async () => {
    const o = await org();
    const { feed } = feedOn(o, { numRequested: 2, maxBufferedEvents: 3 });
    const start = await drain(feed, null, () => true);
    const made = Array.from({ length: 7 }, (_, i) => o.sandbox.records.create('Account', { Name: `Flow ${i}` }));
    await waitFor(() => feed.stats().buffered >= 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(feed.stats().buffered).toBe(3); // the buffer is full: no further request until the engine catches up
    const got = await drain(feed, start.cursor, (c) => c.length >= 7, { pageSize: 2 });
    expect(ids(got.changes)).toEqual(made.map((m) => m.Id));
    expect(Math.max(...feed.stats().requested)).toBeLessThanOrEqual(2);
    let owed = 0;
    for (const entry of o.pubsub.fetchLog()) {
      if (entry.kind === 'request') {
        expect(entry.count).toBeLessThanOrEqual(2);
        owed += entry.count;
      }
      if (entry.kind === 'delivery') {
        expect(entry.count).toBeLessThanOrEqual(owed);
        owed -= entry.count;
      }
    }
  });

  it('closes cleanly: no socket left behind, even with the stream open', async () => {
    const o = await org();
    await o.auth.getSession(); // the token call's keep-alive socket is part of the baseline
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    const before = sockets();
    const { feed } = feedOn(o);
    await drain(feed, null, () => true);
    expect(o.pubsub.openStreams()).toHaveLength(1);
    expect(sockets()).toBeGreaterThan(before);
    await feed.close();
    await waitFor(() => o.pubsub.openStreams().length === 0, 2000);
    await waitFor(() => sockets() <= before, 2000);
  });
});
