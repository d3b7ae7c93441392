/**
 * What a fresh org holds before anyone works in it: the base currency (USD), the integration's application user
 * (applicationid = the client id, access mode 4 Non-interactive) and a Sales manager user for UI edits, the
 * webhook messages and filters; and, with `seed: 'demo'`, the sample accounts and contacts of demo-data.ts written
 * through the platform rules as the Sales manager.
 */
import { randomUUID } from 'node:crypto';
import { parseBody } from './body-parser.ts';
import { DEMO_ACCOUNTS, demoAccountBody, demoContactBody } from './demo-data.ts';
import type { RecordStore, Row } from './record-store.ts';
import type { RecordService } from './records.ts';
import type { Schema } from './schema.ts';
import { seedSdkMessages } from './webhook-registration.ts';

export interface OrgIds {
  appUserId: string;
  uiUserId: string;
  currencyId: string;
  clientId: string;
  at: number;
}

export function seedOrg(store: RecordStore, ids: OrgIds): void {
  const { at } = ids;
  store.put('transactioncurrency', ids.currencyId, { transactioncurrencyid: ids.currencyId, currencyname: 'US Dollar', isocurrencycode: 'USD', currencysymbol: '$', exchangerate: 1, createdon: at, modifiedon: at });
  store.put('systemuser', ids.appUserId, { systemuserid: ids.appUserId, fullname: '# ml-connector', applicationid: ids.clientId, accessmode: 4, isdisabled: false, domainname: `${ids.clientId}@sandbox`, createdon: at, modifiedon: at });
  store.put('systemuser', ids.uiUserId, { systemuserid: ids.uiUserId, fullname: 'Sales Manager (sandbox)', accessmode: 0, isdisabled: false, domainname: 'salesmanager@sandbox.example.com', createdon: at, modifiedon: at });
  seedSdkMessages(store, ['account', 'contact'], at);
}

export async function seedDemo(deps: { schema: Schema; store: RecordStore; records: RecordService; uiUserId: string }): Promise<void> {
  const { schema, store, records } = deps;
  const ctx = { userId: deps.uiUserId, correlationId: randomUUID() };
  const account = schema.table('account');
  const contact = schema.table('contact');
  if (!account || !contact) return;
  const parse = (table: typeof account, body: Row, mode: 'create' | 'update') => parseBody({ schema, store, table }, body, mode);
  for (const a of DEMO_ACCOUNTS) {
    const row = await records.create(account, parse(account, demoAccountBody(a), 'create'), ctx);
    const accountId = row.accountid as string;
    let primary: string | undefined;
    for (const [first, last] of a.contacts) {
      const c = await records.create(contact, parse(contact, demoContactBody(first, last, accountId), 'create'), ctx);
      primary ??= c.contactid as string;
    }
    if (primary) await records.update(account, store.get('account', accountId) as Row, parse(account, { 'primarycontactid@odata.bind': `/contacts(${primary})` }, 'update'), ctx);
  }
}
