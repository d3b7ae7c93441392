/**
 * A Zoho CRM organisation: it lives in one data centre, has users (the token's user is the acting user), an
 * id prefix shared by all its ids, its own modules, records, notification channels and API credits. Times are
 * shown in the org's time zone (fixed offset in the emulator).
 */
import { createChannelRegistry, type ChannelRegistry } from './channels.ts';
import { createCredits, type CreditSettings, type Credits, type CreditOperation, type LimitErrorSettings } from './credits.ts';
import type { DataCenter } from './data-centers.ts';
import { createIdGenerator, type IdGenerator } from './ids.ts';
import { createModuleRegistry, type ModuleRegistry } from './module-registry.ts';
import { createRecordStore, type RecordStore } from './record-store.ts';

export interface ZohoUser {
  id: string;
  name: string;
  email: string;
  zuid: string;
}

export interface Org {
  id: string;
  dc: DataCenter;
  companyName: string;
  timeZoneOffsetMinutes: number;
  ids: IdGenerator;
  users: ZohoUser[];
  primaryUser: ZohoUser;
  adminProfileId: string;
  modules: ModuleRegistry;
  store: RecordStore;
  channels: ChannelRegistry;
  credits: Credits;
  /** Sales order numbers (SO_Number autonumber). */
  nextSalesOrderNumber(): string;
  userById(id: string): ZohoUser | undefined;
}

export interface OrgOptions {
  dc: DataCenter;
  idPrefix: string;
  companyName?: string;
  timeZoneOffsetMinutes?: number;
  admin?: { name: string; email: string };
  credits?: Partial<Omit<CreditSettings, 'costs' | 'limitError'>> & { costs?: Partial<Record<CreditOperation, number>>; limitError?: Partial<LimitErrorSettings> };
}

export function createOrg(opts: OrgOptions): Org {
  const ids = createIdGenerator(opts.idPrefix);
  const orgId = ids.next();
  const zuid = String(700_000_000 + Number(opts.idPrefix.slice(-5)));
  const primaryUser: ZohoUser = { id: ids.next(), name: opts.admin?.name ?? 'Ashley Morgan', email: opts.admin?.email ?? 'ashley.morgan@example.com', zuid };
  const users = [primaryUser];
  let soNumber = 1000;
  return {
    id: orgId,
    dc: opts.dc,
    companyName: opts.companyName ?? 'Sandbox Manufacturing Co.',
    timeZoneOffsetMinutes: opts.timeZoneOffsetMinutes ?? -300,
    ids,
    users,
    primaryUser,
    adminProfileId: ids.next(),
    modules: createModuleRegistry(ids),
    store: createRecordStore(),
    channels: createChannelRegistry(),
    credits: createCredits(opts.credits),
    nextSalesOrderNumber: () => String(++soNumber),
    userById: (id) => users.find((u) => u.id === id),
  };
}
