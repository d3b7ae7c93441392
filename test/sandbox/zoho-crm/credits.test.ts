/**
 * API credits and concurrency (FACTS §5 [V] credits per edition over a rolling 24 h window, 1 credit for most
 * calls; Kaizen #203 [C] concurrency per edition and a sub-concurrency of 10 for writes of more than 10 records):
 * usage visible to the admin, 429 once the window is spent, recovered 24 h later on the sandbox clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZohoCrmSandbox } from '../../../service/sandbox/zoho-crm/index.ts';
import { connect, DAY_MS, startZoho, waitFor, type ApiClient } from './helpers.ts';
import { expectZohoError } from './oas.ts';

describe('zoho crm emulator: API credits and concurrency', () => {
  let zoho: ZohoCrmSandbox;
  let api: ApiClient;

  beforeAll(async () => {
    zoho = await startZoho({ edition: 'free' });
    api = await connect(zoho);
  });
  afterAll(async () => {
    expect(zoho.admin.internalErrors()).toEqual([]);
    await zoho.stop();
  });

  it('computes the daily limit from edition, licences and add-ons', () => {
    const limitFor = (patch: Parameters<ZohoCrmSandbox['admin']['credits']['set']>[0]) => {
      zoho.admin.credits.set(patch);
      return zoho.admin.credits.usage().limit;
    };
    expect(limitFor({ edition: 'free', userLicenses: 50 })).toBe(5_000);
    expect(limitFor({ edition: 'standard', userLicenses: 10 })).toBe(52_500);
    expect(limitFor({ edition: 'standard', userLicenses: 1_000 })).toBe(100_000);
    expect(limitFor({ edition: 'professional', userLicenses: 10 })).toBe(55_000);
    expect(limitFor({ edition: 'enterprise', userLicenses: 100 })).toBe(150_000);
    expect(limitFor({ edition: 'ultimate', userLicenses: 5_000 })).toBe(10_050_000);
    expect(limitFor({ edition: 'standard', userLicenses: 10, addOnCredits: 1_000 })).toBe(53_500);
    zoho.admin.credits.set({ edition: 'free', addOnCredits: 0 });
  });

  it('spends one credit per call and shows usage to the admin only', async () => {
    zoho.admin.resetCounters();
    const before = zoho.admin.credits.usage().used;
    const res = await api.call('GET', 'Accounts?fields=Account_Name');
    await api.call('POST', 'Accounts', { body: { data: [{ Account_Name: 'Credit Check' }] } });
    expect(zoho.admin.credits.usage().used).toBe(before + 2);
    expect(zoho.admin.counters().credits.byLabel).toEqual({ 'GET /Accounts': 1, 'POST /Accounts': 1 });
    // Zoho documents no credit headers; the client has to count.
    expect([...res.headers.keys()].filter((h) => h.toLowerCase().includes('ratelimit'))).toEqual([]);
  });

  it('answers 429 once the 24 h window is spent and recovers 24 h later', async () => {
    const used = zoho.admin.credits.usage().used;
    zoho.admin.credits.spend(5_000 - used - 2);
    expect((await api.call('GET', 'Accounts?fields=Account_Name')).status).toBe(200);
    expect((await api.call('GET', 'Accounts?fields=Account_Name')).status).toBe(200);
    const refused = await api.call('GET', 'Accounts?fields=Account_Name');
    expect(refused.status).toBe(429);
    expectZohoError(refused.body, 'TOO_MANY_REQUESTS');
    expect(zoho.admin.credits.usage()).toMatchObject({ used: 5_000, remaining: 0, rejectedForCredits: 1 });
    // A refresh is an accounts call and costs no CRM credits.
    zoho.admin.advanceClock(DAY_MS - 60_000);
    api = await connect(zoho);
    expect((await api.call('GET', 'Accounts?fields=Account_Name')).status).toBe(429);
    zoho.admin.advanceClock(60_000);
    expect((await api.call('GET', 'Accounts?fields=Account_Name')).status).toBe(200);
    expect(zoho.admin.credits.usage().used).toBe(1);
  });

  it('refuses calls beyond the edition concurrency with 429', async () => {
    zoho.admin.credits.set({ edition: 'free' });
    api = await connect(zoho);
    zoho.admin.faults.holdCalls('GET /Contacts');
    const inFlight = Array.from({ length: 5 }, () => api.call('GET', 'Contacts?fields=Last_Name'));
    try {
      await waitFor(() => zoho.admin.faults.heldCount() === 5, '5 calls held');
      expect(zoho.admin.credits.usage().inFlight).toBe(5);
      const sixth = await api.call('GET', 'Accounts?fields=Account_Name');
      expect(sixth.status).toBe(429);
      expectZohoError(sixth.body, 'TOO_MANY_REQUESTS');
    } finally {
      zoho.admin.faults.releaseHeld();
    }
    expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    expect((await api.call('GET', 'Accounts?fields=Account_Name')).status).toBe(200);
  });

  it('limits writes of more than 10 records to 10 at once', async () => {
    zoho.admin.credits.set({ edition: 'ultimate' });
    const batch = (tag: string) => ({ data: Array.from({ length: 11 }, (_, i) => ({ Account_Name: `${tag} ${i}` })) });
    zoho.admin.faults.holdCalls('POST /Accounts');
    const held = Array.from({ length: 10 }, (_, i) => api.call('POST', 'Accounts', { body: batch(`Held ${i}`) }));
    try {
      await waitFor(() => zoho.admin.faults.heldCount() === 10, '10 big writes held');
      const eleventh = await api.call('POST', 'Accounts/upsert', { body: batch('Eleventh') });
      expect(eleventh.status).toBe(429);
      const small = await api.call('POST', 'Contacts', { body: { data: [{ Last_Name: 'Small write' }] } });
      expect(small.status).toBe(201);
    } finally {
      zoho.admin.faults.releaseHeld();
    }
    expect((await Promise.all(held)).every((r) => r.status === 201)).toBe(true);
  });
});
