/** Change tracking (FACTS 4.1 #5–6): initial load + deltaLink, updates and deletes, paging inside a delta, expiry, refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataverseSandbox } from '../../../service/sandbox/dataverse/index.ts';
import { startDv, webApi, type WebApi } from './helpers.ts';

const TRACK = { prefer: 'odata.track-changes' };

async function readAll(api: WebApi, first: string, headers: Record<string, string>) {
  const rows: Array<Record<string, unknown>> = [];
  let res = await api.call('GET', first, undefined, headers);
  const pages = [res];
  rows.push(...(res.body.value ?? []));
  while (res.body['@odata.nextLink']) {
    res = await api.call('GET', res.body['@odata.nextLink'] as string, undefined, headers);
    pages.push(res);
    rows.push(...(res.body.value ?? []));
  }
  return { rows, pages, deltaLink: res.body['@odata.deltaLink'] as string };
}

describe('dataverse emulator: change tracking', () => {
  let sandbox: DataverseSandbox;
  let api: WebApi;

  beforeAll(async () => {
    sandbox = await startDv({ seed: 'none' });
    api = await webApi(sandbox);
    for (let i = 1; i <= 5; i++) await api.call('POST', 'accounts', { name: `Tracked ${i}`, accountnumber: `T-${i}` });
  });
  afterAll(() => sandbox.stop());

  it('the first call returns every row and a deltaLink; the deltaLink returns changes, deletes and a fresh deltaLink', async () => {
    const initial = await api.call('GET', 'accounts?$select=name,accountnumber', undefined, TRACK);
    expect(initial.status).toBe(200);
    expect(initial.headers.get('preference-applied')).toBe('odata.track-changes');
    expect(initial.body['@odata.context']).toBe(`${sandbox.apiBaseUrl}/$metadata#accounts(name,accountnumber)`);
    expect(initial.body.value).toHaveLength(5);
    const deltaLink = initial.body['@odata.deltaLink'] as string;
    expect(deltaLink).toMatch(/\/accounts\?\$select=name,accountnumber&\$deltatoken=\d+%21\d{2}%2f\d{2}%2f\d{4}%20\d{2}%3a\d{2}%3a\d{2}$/);

    const quiet = await api.call('GET', deltaLink);
    expect(quiet.body.value).toEqual([]);
    expect(quiet.body['@odata.context']).toBe(`${sandbox.apiBaseUrl}/$metadata#accounts(name,accountnumber)/$delta`);

    const byNumber = async (n: string) => (await api.call('GET', `accounts(accountnumber='${n}')?$select=name`)).body.accountid as string;
    const updatedId = await byNumber('T-2');
    const deletedId = await byNumber('T-3');
    await api.call('PATCH', "accounts(accountnumber='T-2')", { name: 'Tracked 2 (renamed)' });
    await sandbox.admin.updateRecord('account', await byNumber('T-4'), { telephone1: '555-0199' });
    await api.call('DELETE', `accounts(${deletedId})`);
    const created = await api.call('POST', 'accounts', { name: 'Tracked 6' }, { prefer: 'return=representation' });

    const delta = await api.call('GET', quiet.body['@odata.deltaLink'] as string);
    expect(delta.status).toBe(200);
    const value = delta.body.value ?? [];
    const changed = value.filter((v) => v.accountid !== undefined);
    expect(changed.map((v) => v.name)).toEqual(['Tracked 2 (renamed)', 'Tracked 4', 'Tracked 6']);
    expect(changed.map((v) => v.accountid)).toContain(updatedId);
    expect(changed.map((v) => v.accountid)).toContain(created.body.accountid);
    expect(value.at(-1)).toEqual({ '@odata.context': `${sandbox.apiBaseUrl}/$metadata#accounts/$deletedEntity`, id: deletedId, reason: 'deleted' });
    expect(delta.body['@odata.deltaLink']).not.toBe(quiet.body['@odata.deltaLink']);
    const count = await api.call('GET', (quiet.body['@odata.deltaLink'] as string).replace('/accounts?$select=name,accountnumber&', '/accounts/$count?'));
    expect(Number(count.text)).toBe(4);
    expect((await api.call('GET', delta.body['@odata.deltaLink'] as string)).body.value).toEqual([]);
  });

  it('pages inside the initial load and inside a delta with maxpagesize + nextLink; changes during paging land in the next delta', async () => {
    const prefer = { prefer: 'odata.track-changes,odata.maxpagesize=2' };
    const first = await api.call('GET', 'accounts?$select=name', undefined, prefer);
    expect(first.body['@odata.nextLink']).toBeDefined();
    expect(first.body['@odata.deltaLink']).toBeUndefined();
    await api.call('PATCH', "accounts(accountnumber='T-1')", { name: 'Changed mid-load' });
    const rest = await readAll(api, first.body['@odata.nextLink'] as string, { prefer: 'odata.maxpagesize=2' });
    const initialIds = [...(first.body.value ?? []), ...rest.rows].map((r) => r.accountid);
    expect(new Set(initialIds).size).toBe(initialIds.length);
    expect(rest.deltaLink).toBeDefined();
    const next = await api.call('GET', rest.deltaLink);
    expect(next.body.value?.map((r) => r.name)).toEqual(['Changed mid-load']);

    for (let i = 0; i < 5; i++) await api.call('PATCH', "accounts(accountnumber='T-5')", { description: `edit ${i}` });
    for (let i = 7; i <= 10; i++) await api.call('POST', 'accounts', { name: `Tracked ${i}` });
    const paged = await readAll(api, next.body['@odata.deltaLink'] as string, { prefer: 'odata.maxpagesize=2' });
    expect(paged.pages.length).toBe(3);
    expect(paged.pages.slice(0, -1).every((p) => p.body['@odata.deltaLink'] === undefined && String(p.body['@odata.context']).endsWith('/$delta'))).toBe(true);
    expect(paged.rows.map((r) => r.name)).toEqual(['Tracked 5', 'Tracked 7', 'Tracked 8', 'Tracked 9', 'Tracked 10']);
  });

  it('refuses $filter / $orderby / $expand / $top with track-changes, and tables without change tracking', async () => {
    for (const opt of ['$filter=name eq \'x\'', '$orderby=name', '$expand=primarycontactid', '$top=1']) {
      const res = await api.call('GET', `accounts?$select=name&${opt}`, undefined, TRACK);
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toBe(`The "${opt.split('=')[0] as string}" query parameter isn't supported when Change Tracking is enabled.`);
    }
    const off = await startDv({ seed: 'none', changeTracking: { account: false } });
    try {
      const offApi = await webApi(off);
      const res = await offApi.call('GET', 'accounts?$select=name', undefined, TRACK);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: '0x80072491', message: "Entity account isn't enabled for change tracking." });
      const def = await offApi.call('GET', "EntityDefinitions(LogicalName='account')?$select=ChangeTrackingEnabled");
      expect(def.body.ChangeTrackingEnabled).toBe(false);
      off.admin.setChangeTracking('account', true);
      expect((await offApi.call('GET', 'accounts?$select=name', undefined, TRACK)).status).toBe(200);
      expect(() => off.admin.setChangeTracking('account', false)).toThrow();
    } finally {
      await off.stop();
    }
  });

  it('a delta token older than ExpireChangeTrackingInDays fails and a full resync works', async () => {
    const initial = await api.call('GET', 'accounts?$select=name', undefined, TRACK);
    const link = initial.body['@odata.deltaLink'] as string;
    sandbox.admin.advanceClock(6 * 86_400_000);
    api = await webApi(sandbox);
    expect((await api.call('GET', link)).status).toBe(200);
    sandbox.admin.advanceClock(1 * 86_400_000 + 1_000);
    api = await webApi(sandbox);
    const expired = await api.call('GET', link);
    expect(expired.status).toBe(400);
    expect(expired.body.error?.code).toBe('0x80044352');
    const resync = await api.call('GET', 'accounts?$select=name', undefined, TRACK);
    expect(resync.status).toBe(200);
    expect(resync.body['@odata.deltaLink']).toBeDefined();
  });
});
