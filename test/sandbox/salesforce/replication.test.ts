import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../service/sandbox/salesforce/index.ts';
import { fetchToken, restCaller, startSandbox } from '../../connectors/salesforce/helpers.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

describe('sandbox: get updated / get deleted', () => {
  let sandbox: SalesforceSandbox;
  let call: ReturnType<typeof restCaller>;
  let clock = Date.parse('2026-04-01T09:00:10.000Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const window = (kind: 'updated' | 'deleted', start: number, end: number) =>
    call('GET', `sobjects/Account/${kind}/?start=${encodeURIComponent(iso(start))}&end=${encodeURIComponent(iso(end))}`);
  let first: string;
  let second: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ now: () => clock });
    call = restCaller(sandbox, (await fetchToken(sandbox)).access_token);
    first = sandbox.records.create('Account', { Name: 'First' }).Id; // 09:00:10
    clock += 2 * MINUTE_MS; // 09:02:10
    second = sandbox.records.create('Account', { Name: 'Second' }).Id;
    clock += 3 * MINUTE_MS; // 09:05:10
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('returns ids changed in the window at minute granularity, ignoring seconds', async () => {
    const res = await window('updated', Date.parse('2026-04-01T09:00:59Z'), Date.parse('2026-04-01T09:02:30Z'));
    expect(res.status).toBe(200);
    // start 09:00:59 → 09:00, end 09:02:30 → 09:02: First (09:00:10) in, Second (09:02:10) out.
    expect(res.body).toEqual({ ids: [first], latestDateCovered: '2026-04-01T09:02:00.000+0000' });
  });

  it('covers no later than the current minute, so the next window starting at latestDateCovered misses nothing', async () => {
    const res = await window('updated', Date.parse('2026-04-01T09:00:00Z'), clock + 10 * MINUTE_MS);
    expect(res.body).toEqual({ ids: [first, second], latestDateCovered: '2026-04-01T09:05:00.000+0000' });
    sandbox.records.update('Account', first, { Phone: '1' }); // 09:05:10, inside the current minute
    clock += MINUTE_MS;
    const next = await window('updated', Date.parse('2026-04-01T09:05:00Z'), clock + 10 * MINUTE_MS);
    expect(next.body).toEqual({ ids: [first], latestDateCovered: '2026-04-01T09:06:00.000+0000' });
  });

  it('lists deleted records with their deletion date, and they leave the updated list', async () => {
    const deletedAt = clock;
    sandbox.records.delete('Account', second);
    clock += 2 * MINUTE_MS;
    const res = await window('deleted', Date.parse('2026-04-01T09:00:00Z'), clock);
    expect(res.body).toMatchObject({ deletedRecords: [{ id: second, deletedDate: new Date(deletedAt).toISOString().replace('Z', '+0000') }] });
    expect((res.body as { earliestDateAvailable: string }).earliestDateAvailable).toMatch(/^2026-03-02T/);
    const updated = await window('updated', Date.parse('2026-04-01T09:00:00Z'), clock);
    expect((updated.body as { ids: string[] }).ids).not.toContain(second);
    sandbox.records.undelete('Account', second);
    const after = await window('deleted', Date.parse('2026-04-01T09:00:00Z'), clock);
    expect((after.body as { deletedRecords: unknown[] }).deletedRecords).toEqual([]);
  });

  it('rejects windows older than 30 days, reversed windows and malformed dates', async () => {
    const old = await window('updated', clock - 31 * DAY_MS, clock);
    expect(old.status).toBe(400);
    expect((old.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('INVALID_REPLICATION_DATE');
    expect((await window('updated', clock, clock - 5 * MINUTE_MS)).status).toBe(400);
    expect((await call('GET', 'sobjects/Account/updated/?start=yesterday&end=today')).status).toBe(400);
  });

  it('refuses more ids than the limit with EXCEEDED_ID_LIMIT', async () => {
    const small = await startSandbox({ now: () => clock, maxReplicationIds: 1 });
    try {
      small.records.createMany('Account', [{ Name: 'a' }, { Name: 'b' }]);
      const c = restCaller(small, (await fetchToken(small)).access_token);
      const res = await c('GET', `sobjects/Account/updated/?start=${encodeURIComponent(iso(clock - DAY_MS))}&end=${encodeURIComponent(iso(clock + DAY_MS))}`);
      expect(res.status).toBe(200); // created in the current minute: not covered yet
      clock += MINUTE_MS;
      const later = await c('GET', `sobjects/Account/updated/?start=${encodeURIComponent(iso(clock - DAY_MS))}&end=${encodeURIComponent(iso(clock + DAY_MS))}`);
      expect((later.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('EXCEEDED_ID_LIMIT');
    } finally {
      await small.stop();
    }
  });
});
