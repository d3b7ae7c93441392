/**
 * Notification channels (notifications.json [V]; FACTS §5 #9–10, Kaizen #170): enable (201), list (200 / 204),
 * renew with PATCH, replace with PUT, remove events, disable (DELETE ?channel_ids=), per-item validation
 * (token ≤ 50, https notify_url, mandatory channel_id, 207 for a mix), the default and maximum expiry, and the
 * callbacks: on create / edit / delete through the API and the CRM UI, none after expiry, none for unwatched
 * operations, field-selection conditions, no retry after a failing receiver, verbatim redelivery, paused delivery.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ZohoCrmSandbox } from '../../../service/sandbox/zoho-crm/index.ts';
import { connect, DAY_MS, HOUR_MS, startReceiver, startZoho, zohoDateTime, type ApiClient, type Body, type Receiver } from './helpers.ts';
import { expectValid, oasValidator } from './oas.ts';

const ORG_OFFSET_MINUTES = -300;

describe('zoho crm emulator: notification channels', () => {
  let zoho: ZohoCrmSandbox;
  let api: ApiClient;
  let receiver: Receiver;
  const at = (ms: number) => zohoDateTime(ms, ORG_OFFSET_MINUTES);
  const watch = (items: Body[]) => ({ watch: items });

  beforeAll(async () => {
    zoho = await startZoho();
    receiver = await startReceiver();
    api = await connect(zoho);
  });
  afterEach(async () => {
    await zoho.admin.notifications.flush();
    for (const c of zoho.admin.notifications.channels()) await api.call('DELETE', `actions/watch?channel_ids=${c.channelId}`);
    receiver.received.length = 0;
    receiver.respondWith(200);
  });
  afterAll(async () => {
    expect(zoho.admin.internalErrors()).toEqual([]);
    await receiver.close();
    await zoho.stop();
  });

  const enable = (item: Body) => api.call('POST', 'actions/watch', { body: watch([{ notify_url: `${receiver.url}/zoho?key1=val1`, token: 'verify-me', ...item }]) });

  it('enables a channel (201) with the published success body, and lists it', async () => {
    const expiry = at(zoho.admin.now() + DAY_MS);
    const res = await enable({ channel_id: '1000000068001', events: ['Accounts.all', 'Deals.create'], channel_expiry: expiry });
    expect(res.status).toBe(201);
    expectValid(oasValidator('notifications.json#/components/schemas/SuccessWrapper'), res.body, 'enable');
    const item = (res.body.watch as Body[])[0] as Body;
    expect(item).toMatchObject({ code: 'SUCCESS', message: 'Successfully subscribed for actions-watch of the given module', status: 'success' });
    const modules = ((await api.call('GET', 'settings/modules')).body.modules as Body[]).filter((m) => m.api_name === 'Accounts' || m.api_name === 'Deals');
    expect((item.details as Body).events).toEqual(
      ['Accounts', 'Deals'].map((name) => ({ channel_expiry: expiry, resource_uri: `${api.apiDomain}/crm/v8/${name}`, resource_id: modules.find((m) => m.api_name === name)?.id, resource_name: name, channel_id: '1000000068001' })),
    );

    const list = await api.call('GET', 'actions/watch');
    expect(list.status).toBe(200);
    expectValid(oasValidator('notifications.json#/components/schemas/Response_Wrapper'), list.body, 'list');
    expect(list.body.info).toEqual({ per_page: 200, count: 2, page: 1, more_records: false });
    expect((list.body.watch as Body[]).find((w) => w.resource_name === 'Accounts')).toMatchObject({ channel_id: '1000000068001', events: ['Accounts.all'], token: 'verify-me', notify_url: `${receiver.url}/zoho?key1=val1`, channel_expiry: expiry, notify_on_related_action: true, return_affected_field_values: false });
    expect((await api.call('GET', 'actions/watch?module=Contacts')).status).toBe(204);
  });

  it('posts the callback on create, edit and delete — through the API and the CRM UI', async () => {
    await enable({ channel_id: '42', events: ['Accounts.all'] });
    const created = await api.call('POST', 'Accounts', { body: { data: [{ Account_Name: 'Notify One' }, { Account_Name: 'Notify Two' }] } });
    const ids = (created.body.data as Body[]).map((d) => (d.details as Body).id);
    await zoho.admin.notifications.flush();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.url).toBe('/zoho?key1=val1');
    expect(receiver.received[0]?.body).toEqual({
      server_time: expect.any(Number),
      query_params: { key1: 'val1' },
      module: 'Accounts',
      resource_uri: `${api.apiDomain}/crm/v8/Accounts`,
      ids,
      affected_fields: [],
      operation: 'insert',
      channel_id: '42',
      token: 'verify-me',
    });

    zoho.admin.updateRecord('Accounts', String(ids[0]), { Phone: '555 0110' });
    await api.call('DELETE', `Accounts?ids=${String(ids[1])}`);
    await zoho.admin.notifications.flush();
    const [, edit, del] = receiver.received.map((r) => r.body);
    expect(edit).toMatchObject({ operation: 'update', ids: [ids[0]], affected_fields: [{ [String(ids[0])]: ['Phone'] }] });
    expect(del).toMatchObject({ operation: 'delete', ids: [ids[1]] });
  });

  it('delivers only the operations a channel watches, and field-selection conditions', async () => {
    await enable({
      channel_id: '43',
      events: ['Deals.create', 'Vendors.edit'],
      notification_condition: [{ type: 'field_selection', module: { api_name: 'Vendors' }, field_selection: { group_operator: 'or', group: [{ field: { api_name: 'Phone' } }] } }],
    });
    const account = zoho.admin.createRecord('Accounts', { Account_Name: 'Deal Host' });
    const deal = zoho.admin.createRecord('Deals', { Deal_Name: 'Watched create', Stage: 'Qualification', Closing_Date: '2026-07-01', Account_Name: { id: account.id } });
    zoho.admin.updateRecord('Deals', String(deal.id), { Amount: 10 });
    const vendor = zoho.admin.createRecord('Vendors', { Vendor_Name: 'Condition Co' });
    zoho.admin.updateRecord('Vendors', String(vendor.id), { City: 'Akron' });
    zoho.admin.updateRecord('Vendors', String(vendor.id), { Phone: '555 0120' });
    await zoho.admin.notifications.flush();
    expect(receiver.received.map((r) => [r.body.module, r.body.operation])).toEqual([
      ['Deals', 'insert'],
      ['Vendors', 'update'],
    ]);
    expect(receiver.received[1]?.body.affected_fields).toEqual([{ [String(vendor.id)]: ['Phone'] }]);
  });

  it('renews with PATCH, stops delivering at expiry and drops the channel from GET', async () => {
    await enable({ channel_id: '44', events: ['Contacts.create'], channel_expiry: at(zoho.admin.now() + HOUR_MS) });
    const renewed = at(zoho.admin.now() + 2 * DAY_MS);
    const patch = await api.call('PATCH', 'actions/watch', { body: watch([{ channel_id: '44', events: ['Contacts.create'], channel_expiry: renewed }]) });
    expect(patch.status).toBe(200);
    expectValid(oasValidator('notifications.json#/components/schemas/SuccessWrapper'), patch.body, 'patch');
    expect((patch.body.watch as Body[])[0]).toMatchObject({ message: 'Successfully updated the subscribe details', details: { events: [{ channel_expiry: renewed }] } });

    zoho.admin.advanceClock(2 * DAY_MS);
    api = await connect(zoho);
    expect((await api.call('GET', 'actions/watch')).status).toBe(204);
    zoho.admin.createRecord('Contacts', { Last_Name: 'After Expiry' });
    await zoho.admin.notifications.flush();
    expect(receiver.received).toHaveLength(0);
  });

  it('defaults the expiry to one hour when absent or more than a week ahead', async () => {
    const now = zoho.admin.now();
    await enable({ channel_id: '45', events: ['Leads.all'] });
    await enable({ channel_id: '46', events: ['Leads.all'], channel_expiry: at(now + 8 * DAY_MS) });
    await enable({ channel_id: '47', events: ['Leads.all'], channel_expiry: at(now + 7 * DAY_MS - 60_000) });
    const expiries = Object.fromEntries(zoho.admin.notifications.channels().map((c) => [c.channelId, c.expiresAt - now]));
    expect(expiries['45']).toBeGreaterThanOrEqual(HOUR_MS - 5_000);
    expect(expiries['45']).toBeLessThanOrEqual(HOUR_MS + 5_000);
    expect(expiries['46']).toBeLessThanOrEqual(HOUR_MS + 5_000);
    expect(expiries['47']).toBeGreaterThan(6 * DAY_MS);
  });

  it('validates each item: mandatory channel_id, token length, https notify_url; 207 for a mix, 400 when all fail', async () => {
    const res = await api.call('POST', 'actions/watch', {
      body: watch([
        { channel_id: '48', events: ['Accounts.create'], notify_url: `${receiver.url}/ok` },
        { events: ['Accounts.create'], notify_url: `${receiver.url}/x` },
        { channel_id: '49', events: ['Accounts.create'], notify_url: `${receiver.url}/x`, token: 't'.repeat(51) },
        { channel_id: '50', events: ['Accounts.create'], notify_url: 'http://example.com/hook' },
        { channel_id: '51', events: ['Gadgets.create'], notify_url: `${receiver.url}/x` },
      ]),
    });
    expect(res.status).toBe(207);
    const [ok, noId, longToken, http, badEvent] = res.body.watch as Body[];
    expect(ok?.code).toBe('SUCCESS');
    expect(noId).toEqual({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'channel_id', json_path: '$.watch[1].channel_id' }, message: 'required field not found', status: 'error' });
    expect(longToken).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'token', json_path: '$.watch[2].token', maximum_length: 50 } });
    expect(http).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'notify_url', json_path: '$.watch[3].notify_url' } });
    expect(badEvent).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'events', json_path: '$.watch[4].events[0]' } });
    const allBad = await api.call('POST', 'actions/watch', { body: watch([{ events: ['Accounts.create'], notify_url: `${receiver.url}/x` }]) });
    expect(allBad.status).toBe(400);
  });

  it('replaces details with PUT, removes events with _delete_events, disables with DELETE', async () => {
    await enable({ channel_id: '52', events: ['Accounts.create', 'Contacts.create'] });
    const put = await api.call('PUT', 'actions/watch', { body: watch([{ channel_id: '52', events: ['Vendors.all'], notify_url: `${receiver.url}/replaced` }]) });
    expect(put.status).toBe(200);
    expect(zoho.admin.notifications.channels()[0]).toMatchObject({ events: ['Vendors.all'], token: null, notifyUrl: `${receiver.url}/replaced` });
    await api.call('PATCH', 'actions/watch', { body: watch([{ channel_id: '52', events: ['Deals.edit'] }]) });
    const removed = await api.call('PATCH', 'actions/watch', { body: watch([{ channel_id: '52', events: ['Vendors.all'], _delete_events: true }]) });
    expect((removed.body.watch as Body[])[0]?.message).toBe('Successfully removed the subscribe details');
    expect(zoho.admin.notifications.channels()[0]?.events).toEqual(['Deals.edit']);

    const del = await api.call('DELETE', 'actions/watch?channel_ids=52');
    expect(del.status).toBe(200);
    expect(del.body.watch).toEqual([{ code: 'SUCCESS', details: { resource_uri: `${api.apiDomain}/crm/v8/Deals`, resource_id: expect.any(String), channel_id: '52' }, message: 'Successfully un-subscribed from actions-watch', status: 'success' }]);
    const again = await api.call('DELETE', 'actions/watch?channel_ids=52');
    expect(again.status).toBe(400);
    expect((again.body.watch as Body[])[0]).toMatchObject({ code: 'NOT_SUBSCRIBED', status: 'error' });
    const unknown = await api.call('PUT', 'actions/watch', { body: watch([{ channel_id: '999', events: ['Deals.edit'], notify_url: `${receiver.url}/x` }]) });
    expect(unknown.status).toBe(400);
  });

  it('does not retry a failing receiver; the admin redelivers the same body verbatim', async () => {
    await enable({ channel_id: '53', events: ['Products.create'] });
    receiver.respondWith(500);
    zoho.admin.createRecord('Products', { Product_Name: 'Lost Once' });
    await zoho.admin.notifications.flush();
    const failed = zoho.admin.notifications.deliveries().filter((d) => d.channelId === '53');
    expect(failed.map((d) => d.status)).toEqual([500]);
    receiver.respondWith(200);
    const again = await zoho.admin.notifications.redeliver((failed[0] as { id: number }).id);
    expect(again).toMatchObject({ status: 200, redeliveryOf: failed[0]?.id });
    expect(receiver.received.map((r) => r.body)).toEqual([failed[0]?.body, failed[0]?.body]);
  });

  it('lets every channel lapse at once (admin)', async () => {
    await enable({ channel_id: '55', events: ['Products.create'], channel_expiry: at(zoho.admin.now() + DAY_MS) });
    expect(zoho.admin.notifications.lapseChannels()).toBe(1);
    expect((await api.call('GET', 'actions/watch')).status).toBe(204);
    zoho.admin.createRecord('Products', { Product_Name: 'Nobody listens' });
    await zoho.admin.notifications.flush();
    expect(receiver.received).toHaveLength(0);
  });

  it('holds deliveries while paused and fails them during an outage', async () => {
    await enable({ channel_id: '54', events: ['Products.create'] });
    zoho.admin.notifications.pause();
    zoho.admin.createRecord('Products', { Product_Name: 'Held' });
    await zoho.admin.notifications.flush();
    expect(receiver.received).toHaveLength(0);
    zoho.admin.notifications.resume();
    await zoho.admin.notifications.flush();
    expect(receiver.received).toHaveLength(1);

    zoho.admin.notifications.setOutage(true);
    zoho.admin.createRecord('Products', { Product_Name: 'During outage' });
    await zoho.admin.notifications.flush();
    zoho.admin.notifications.setOutage(false);
    expect(receiver.received).toHaveLength(1);
    expect(zoho.admin.notifications.deliveries().at(-1)?.status).toBe('outage');
  });
});

describe('zoho crm emulator: notification retries (opt-in)', () => {
  it('retries a failed delivery on the configured delays', async () => {
    // A long delay: the retry only happens when flush() fires it, not on a timer racing the test.
    const zoho = await startZoho({ notificationRetryDelaysMs: [60_000] });
    const receiver = await startReceiver();
    try {
      const api = await connect(zoho);
      await api.call('POST', 'actions/watch', { body: { watch: [{ channel_id: '60', events: ['Accounts.create'], notify_url: `${receiver.url}/hook` }] } });
      receiver.respondWith(503);
      zoho.admin.createRecord('Accounts', { Account_Name: 'Retried' });
      await zoho.admin.notifications.flush();
      receiver.respondWith(200);
      await zoho.admin.notifications.flush();
      expect(zoho.admin.notifications.deliveries().map((d) => [d.attempt, d.status])).toEqual([
        [1, 503],
        [2, 200],
      ]);
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.close();
      await zoho.stop();
    }
  });
});
