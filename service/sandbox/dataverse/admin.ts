/**
 * What a Dynamics 365 Sales user or admin (or a test) does outside the Web API: edit accounts and contacts in the
 * UI (through the same platform rules, so versionnumber / modifiedon move, webhooks fire and deltas show the change),
 * add custom columns and choice values (a solution import), turn on change tracking, remove privileges from the
 * integration's role, register webhooks, move the clock, inject faults, read counters, and drive webhook delivery.
 * Records go in and come out in the Web API's JSON shape (`@odata.bind` for lookups).
 */
import { randomUUID } from 'node:crypto';
import { parseBody } from './body-parser.ts';
import type { ExpiredTokenError } from './change-tracking.ts';
import type { SandboxClock } from './clock.ts';
import type { CallCounters } from './counters.ts';
import { dvError, recordNotFound } from './errors.ts';
import type { Faults } from './faults.ts';
import type { Privileges } from './privileges.ts';
import type { ServiceProtection, ServiceProtectionSettings, ServiceProtectionStats, UserUsage } from './rate-limits.ts';
import type { RecordStore } from './record-store.ts';
import type { RecordService } from './records.ts';
import type { ColumnInput, Schema, TableDef } from './schema.ts';
import { serializeRow } from './serializer.ts';
import type { TokenService } from './tokens.ts';
import { addMessageFilters } from './webhook-registration.ts';
import type { DeliveryRecord, WebhookNotifier, WebhookSettings, WebhookStats } from './webhook-notifier.ts';

type Json = Record<string, unknown>;

export interface WebhookRegistration {
  name?: string;
  url: string;
  /** 4 WebhookKey (`?code=`), 5 HttpHeader, 6 HttpQueryString. */
  authType: 4 | 5 | 6;
  /** The key (WebhookKey) or `<settings><setting name=".." value=".." /></settings>`. */
  authValue: string;
  steps: Array<{ message: 'Create' | 'Update' | 'Delete'; table: string; mode?: 0 | 1; stage?: 10 | 20 | 40; filteringAttributes?: string[] }>;
}

export interface DataverseSandboxAdmin {
  now(): number;
  advanceClock(ms: number): void;
  createRecord(table: string, body: Json): Promise<Json>;
  updateRecord(table: string, id: string, patch: Json): Promise<Json>;
  deleteRecord(table: string, id: string): Promise<void>;
  getRecord(table: string, id: string): Json | undefined;
  listRecords(table: string): Json[];
  addColumn(table: string, column: ColumnInput): void;
  setChangeTracking(table: string, enabled: boolean): void;
  changeTracking: { setExpireDays(days: number): void; setExpiredError(e: ExpiredTokenError): void };
  insertOption(table: string, column: string, option: { value?: number; label: string }): number;
  updateOption(table: string, column: string, option: { value: number; label: string }): void;
  /** Remove (false) or restore (true) a privilege of the integration's application user, e.g. 'prvWriteAccount'. */
  setPrivilege(name: string, granted: boolean): void;
  registerWebhook(reg: WebhookRegistration): Promise<{ serviceEndpointId: string; stepIds: string[] }>;
  webhooks: {
    flush(): Promise<void>;
    deliveries(): DeliveryRecord[];
    redeliver(id: string): Promise<DeliveryRecord>;
    setEnabled(enabled: boolean): void;
    stats(): WebhookStats;
    pendingCount(): number;
    set(s: Partial<WebhookSettings>): void;
  };
  faults: Faults;
  limits: { set(s: Partial<ServiceProtectionSettings>): void; settings(): ServiceProtectionSettings; stats(): ServiceProtectionStats; usage(userId?: string): UserUsage; reset(): void };
  tokens: { expireAll(): number; issuedCount(): number; setLifetimeSeconds(s: number): void };
  counters(): { total: number; byLabel: Record<string, number> };
  resetCounters(): void;
  internalErrors(): unknown[];
}

export interface AdminDeps {
  clock: SandboxClock;
  schema: Schema;
  store: RecordStore;
  records: RecordService;
  privileges: Privileges;
  notifier: WebhookNotifier;
  faults: Faults;
  limits: ServiceProtection;
  tokens: TokenService;
  counters: CallCounters;
  uiUserId: string;
  appUserId: string;
  tracking: { expireDays: number; expiredError: ExpiredTokenError };
  internalErrors(): unknown[];
}

export function createAdmin(deps: AdminDeps): DataverseSandboxAdmin {
  const { schema, store, records } = deps;
  const ctx = () => ({ userId: deps.uiUserId, correlationId: randomUUID() });
  const tableOf = (name: string): TableDef => {
    const t = schema.table(name) ?? schema.bySet(name);
    if (!t) throw dvError(404, '0x8006088a', `No table '${name}'.`);
    return t;
  };
  const shape = (t: TableDef, row: Json): Json => serializeRow({ schema, store }, t, row, null, { formatted: false, lookup: false });
  const existing = (t: TableDef, id: string): Json => {
    const row = store.get(t.logicalName, id);
    if (!row) throw recordNotFound(t.logicalName, id);
    return row;
  };

  return {
    now: () => deps.clock.now(),
    advanceClock: (ms) => deps.clock.advance(ms),
    async createRecord(table, body) {
      const t = tableOf(table);
      return shape(t, await records.create(t, parseBody({ schema, store, table: t }, body, 'create'), ctx()));
    },
    async updateRecord(table, id, patch) {
      const t = tableOf(table);
      return shape(t, await records.update(t, existing(t, id), parseBody({ schema, store, table: t }, patch, 'update'), ctx()));
    },
    async deleteRecord(table, id) {
      const t = tableOf(table);
      await records.remove(t, existing(t, id), ctx());
    },
    getRecord(table, id) {
      const t = tableOf(table);
      const row = store.get(t.logicalName, id);
      return row ? shape(t, row) : undefined;
    },
    listRecords: (table) => {
      const t = tableOf(table);
      return store.list(t.logicalName).map((r) => shape(t, r));
    },
    addColumn(table, column) {
      schema.addColumn(tableOf(table).logicalName, column);
    },
    setChangeTracking(table, enabled) {
      schema.setChangeTracking(tableOf(table).logicalName, enabled);
    },
    changeTracking: {
      setExpireDays(days) {
        if (!(days > 0)) throw new RangeError(`ExpireChangeTrackingInDays must be positive, got ${days}`);
        deps.tracking.expireDays = days;
      },
      setExpiredError(e) {
        deps.tracking.expiredError = { ...e };
      },
    },
    insertOption: (table, column, option) => schema.insertOption(tableOf(table).logicalName, column, option),
    updateOption: (table, column, option) => schema.updateOption(tableOf(table).logicalName, column, option),
    setPrivilege: (name, granted) => deps.privileges.set(name, granted),
    async registerWebhook(reg) {
      const endpoint = await records.create(
        tableOf('serviceendpoint'),
        parseBody({ schema, store, table: tableOf('serviceendpoint') }, { name: reg.name ?? 'ml-connector webhook', url: reg.url, contract: 8, authtype: reg.authType, authvalue: reg.authValue }, 'create'),
        ctx(),
      );
      const endpointId = endpoint.serviceendpointid as string;
      const stepIds: string[] = [];
      for (const s of reg.steps) {
        const message = store.list('sdkmessage').find((m) => m.name === s.message);
        if (!schema.table(s.table)) throw dvError(404, '0x80040217', `No table '${s.table}'.`);
        let filter = store.list('sdkmessagefilter').find((f) => f.primaryobjecttypecode === s.table && (f.sdkmessageid as { id: string }).id === message?.sdkmessageid);
        if (!filter) {
          addMessageFilters(store, s.table, deps.clock.now());
          filter = store.list('sdkmessagefilter').find((f) => f.primaryobjecttypecode === s.table && (f.sdkmessageid as { id: string }).id === message?.sdkmessageid);
        }
        const body: Json = {
          name: `${reg.name ?? 'ml-connector webhook'}: ${s.message} of ${s.table}`,
          mode: s.mode ?? 1,
          stage: s.stage ?? 40,
          rank: 1,
          'sdkmessageid@odata.bind': `/sdkmessages(${String(message?.sdkmessageid)})`,
          'sdkmessagefilterid@odata.bind': `/sdkmessagefilters(${String(filter?.sdkmessagefilterid)})`,
          'eventhandler_serviceendpoint@odata.bind': `/serviceendpoints(${endpointId})`,
          filteringattributes: s.filteringAttributes?.join(',') ?? null,
        };
        const step = await records.create(tableOf('sdkmessageprocessingstep'), parseBody({ schema, store, table: tableOf('sdkmessageprocessingstep') }, body, 'create'), ctx());
        stepIds.push(step.sdkmessageprocessingstepid as string);
      }
      return { serviceEndpointId: endpointId, stepIds };
    },
    webhooks: {
      flush: () => deps.notifier.flush(),
      deliveries: () => deps.notifier.deliveries(),
      redeliver: (id) => deps.notifier.redeliver(id),
      setEnabled: (on) => deps.notifier.setEnabled(on),
      stats: () => deps.notifier.stats(),
      pendingCount: () => deps.notifier.pendingCount(),
      set: (s) => deps.notifier.set(s),
    },
    faults: deps.faults,
    limits: {
      set: (s) => deps.limits.set(s),
      settings: () => deps.limits.settings(),
      stats: () => deps.limits.stats(),
      usage: (userId) => deps.limits.usage(userId ?? deps.appUserId),
      reset: () => deps.limits.reset(),
    },
    tokens: { expireAll: () => deps.tokens.expireAll(), issuedCount: () => deps.tokens.issuedCount(), setLifetimeSeconds: (s) => deps.tokens.setLifetimeSeconds(s) },
    counters: () => deps.counters.snapshot(),
    resetCounters: () => deps.counters.reset(),
    internalErrors: () => deps.internalErrors(),
  };
}
