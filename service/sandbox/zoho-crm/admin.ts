/**
 * What a Zoho user, administrator or developer-console owner does outside the API (or, for tests, what is
 * quicker than the API): edit records in the CRM UI (notifications fire, Modified_Time moves), lock records,
 * empty the recycle bin, add custom modules and fields, change edition / licences / credits used, mint and
 * revoke refresh tokens, move the clock, steer notification delivery, inject faults, read counters.
 */
import { createAdminWriter, apiModule } from './admin-records.ts';
import type { Channel } from './channels.ts';
import type { SandboxClock } from './clock.ts';
import type { CounterSnapshot, CallCounters } from './counters.ts';
import type { CreditSettings, CreditUsage, Edition } from './credits.ts';
import type { DataCenter } from './data-centers.ts';
import type { Faults } from './faults.ts';
import type { CustomFieldInput } from './module-registry.ts';
import type { DeliveryRecord, Notifier, NotifierStats } from './notifier.ts';
import type { OAuthServer, OAuthSettings, OAuthStats } from './oauth.ts';
import type { Org, ZohoUser } from './org.ts';
import { renderRecord, type Json } from './record-shapes.ts';
import type { BehaviourSettings } from './settings.ts';

export interface OrgScope {
  orgId?: string;
}

export interface NewOrgInput {
  dc: DataCenter;
  companyName?: string;
  edition?: Edition;
  userLicenses?: number;
  seed?: 'demo' | 'none';
  /** Enable the sandbox's default OAuth client in this DC too (else a refresh at this DC answers invalid_client). */
  enableDefaultClient?: boolean;
}

export interface ZohoSandboxAdmin {
  readonly primaryOrgId: string;
  now(): number;
  advanceClock(ms: number): void;
  orgInfo(scope?: OrgScope): { id: string; dc: DataCenter; companyName: string; users: ZohoUser[] };
  createOrg(input: NewOrgInput): { orgId: string; refreshToken: string };
  registerClient(input: { dataCenters: DataCenter[]; clientId?: string; clientSecret?: string }): { clientId: string; clientSecret: string };
  /** Lets an existing client also work at the given DC (Zoho's multi-DC client option). */
  enableClientInDataCenter(clientId: string, dc: DataCenter): void;
  issueRefreshToken(opts?: OrgScope & { clientId?: string; scopes?: string[] }): string;
  issueGrantCode(opts?: OrgScope & { clientId?: string; scopes?: string[] }): string;
  revokeRefreshToken(token: string): boolean;
  expireAccessTokens(): number;
  oauth: { settings(): OAuthSettings; set(patch: Partial<OAuthSettings>): void; stats(): OAuthStats };
  createRecord(module: string, data: Json, scope?: OrgScope): Json;
  updateRecord(module: string, id: string, patch: Json, scope?: OrgScope): Json;
  deleteRecord(module: string, id: string, scope?: OrgScope): void;
  getRecord(module: string, id: string, scope?: OrgScope): Json | undefined;
  listRecords(module: string, scope?: OrgScope): Json[];
  lockRecord(module: string, id: string, locked?: boolean, scope?: OrgScope): void;
  emptyRecycleBin(module?: string, scope?: OrgScope): number;
  createModule(input: { pluralLabel: string; singularLabel?: string; apiName?: string }, scope?: OrgScope): { id: string; apiName: string };
  createField(module: string, input: CustomFieldInput, scope?: OrgScope): { id: string; apiName: string };
  credits: {
    usage(scope?: OrgScope): CreditUsage;
    settings(scope?: OrgScope): CreditSettings;
    set(patch: Parameters<Org['credits']['set']>[0], scope?: OrgScope): void;
    /** Mark `credits` as spent now (a busy day already under way). */
    spend(credits: number, scope?: OrgScope): void;
    resetWindow(scope?: OrgScope): void;
  };
  notifications: {
    flush(): Promise<void>;
    deliveries(): DeliveryRecord[];
    stats(): NotifierStats;
    pendingCount(): number;
    pause(): void;
    resume(): void;
    setOutage(on: boolean): void;
    dropNext(count: number): void;
    redeliver(deliveryId: number): Promise<DeliveryRecord>;
    channels(scope?: OrgScope): Channel[];
    lapseChannels(scope?: OrgScope): number;
  };
  behaviour(): BehaviourSettings;
  setBehaviour(patch: Partial<BehaviourSettings>): void;
  faults: Faults;
  counters(): CounterSnapshot;
  resetCounters(): void;
  internalErrors(): unknown[];
}

export interface AdminDeps {
  clock: SandboxClock;
  oauth: OAuthServer;
  notifier: Notifier;
  faults: Faults;
  counters: CallCounters;
  primaryOrgId: string;
  defaultClientId: string;
  defaultScopes: string[];
  orgs: Map<string, Org>;
  addOrg(input: NewOrgInput): Org;
  behaviour(): BehaviourSettings;
  setBehaviour(patch: Partial<BehaviourSettings>): void;
  internalErrors(): unknown[];
}

export function createAdmin(deps: AdminDeps): ZohoSandboxAdmin {
  const orgOf = (scope: OrgScope = {}): Org => {
    const org = deps.orgs.get(scope.orgId ?? deps.primaryOrgId);
    if (!org) throw new RangeError(`no org ${scope.orgId}`);
    return org;
  };
  const writer = (scope?: OrgScope) => createAdminWriter(orgOf(scope), deps.behaviour, () => deps.clock.now());
  const grantFor = (opts: OrgScope & { clientId?: string; scopes?: string[] } = {}) => {
    const org = orgOf(opts);
    return { dc: org.dc, clientId: opts.clientId ?? deps.defaultClientId, orgId: org.id, userId: org.primaryUser.id, scopes: opts.scopes ?? deps.defaultScopes };
  };
  return {
    primaryOrgId: deps.primaryOrgId,
    now: () => deps.clock.now(),
    advanceClock: (ms) => deps.clock.advance(ms),
    orgInfo(scope) {
      const org = orgOf(scope);
      return { id: org.id, dc: org.dc, companyName: org.companyName, users: [...org.users] };
    },
    createOrg(input) {
      const org = deps.addOrg(input);
      return { orgId: org.id, refreshToken: deps.oauth.issueRefreshToken(grantFor({ orgId: org.id })) };
    },
    registerClient: (input) => deps.oauth.registerClient(input),
    enableClientInDataCenter: (clientId, dc) => deps.oauth.enableDataCenter(clientId, dc),
    issueRefreshToken: (opts) => deps.oauth.issueRefreshToken(grantFor(opts)),
    issueGrantCode: (opts) => deps.oauth.issueGrantCode(grantFor(opts), deps.clock.now()),
    revokeRefreshToken: (token) => deps.oauth.revokeRefreshToken(token),
    expireAccessTokens: () => deps.oauth.expireAccessTokens(),
    oauth: { settings: () => deps.oauth.settings(), set: (patch) => deps.oauth.set(patch), stats: () => deps.oauth.stats() },
    createRecord: (module, data, scope) => writer(scope).create(module, data),
    updateRecord: (module, id, patch, scope) => writer(scope).update(module, id, patch),
    deleteRecord: (module, id, scope) => writer(scope).remove(module, id),
    getRecord(module, id, scope) {
      const org = orgOf(scope);
      const mod = apiModule(org, module);
      const r = org.store.get(module, id);
      return r ? renderRecord(org, mod, r) : undefined;
    },
    listRecords(module, scope) {
      const org = orgOf(scope);
      const mod = apiModule(org, module);
      return org.store
        .list(module)
        .sort((a, b) => a.seq - b.seq)
        .map((r) => renderRecord(org, mod, r));
    },
    lockRecord(module, id, locked = true, scope) {
      const org = orgOf(scope);
      const r = org.store.get(apiModule(org, module).apiName, id);
      if (!r) throw new RangeError(`no ${module} record ${id}`);
      r.locked = locked;
    },
    emptyRecycleBin: (module, scope) => orgOf(scope).store.purgeRecycleBin(module),
    createModule(input, scope) {
      const mod = orgOf(scope).modules.createModule(input, deps.clock.now());
      return { id: mod.id, apiName: mod.apiName };
    },
    createField(module, input, scope) {
      const field = orgOf(scope).modules.createField(module, input, deps.clock.now());
      return { id: field.id, apiName: field.apiName };
    },
    credits: {
      usage: (scope) => orgOf(scope).credits.usage(deps.clock.now()),
      settings: (scope) => orgOf(scope).credits.settings(),
      set: (patch, scope) => orgOf(scope).credits.set(patch),
      spend: (credits, scope) => orgOf(scope).credits.spend(deps.clock.now(), credits),
      resetWindow: (scope) => orgOf(scope).credits.resetWindow(),
    },
    notifications: {
      flush: () => deps.notifier.flush(),
      deliveries: () => deps.notifier.deliveries(),
      stats: () => deps.notifier.stats(),
      pendingCount: () => deps.notifier.pendingCount(),
      pause: () => deps.notifier.pause(),
      resume: () => deps.notifier.resume(),
      setOutage: (on) => deps.notifier.setOutage(on),
      dropNext: (count) => deps.notifier.dropNext(count),
      redeliver: (id) => deps.notifier.redeliver(id),
      channels: (scope) => orgOf(scope).channels.list(deps.clock.now()).map((c) => structuredClone(c)),
      lapseChannels: (scope) => orgOf(scope).channels.expireAll(deps.clock.now()),
    },
    behaviour: () => deps.behaviour(),
    setBehaviour: (patch) => deps.setBehaviour(patch),
    faults: deps.faults,
    counters: () => deps.counters.snapshot(),
    resetCounters: () => deps.counters.reset(),
    internalErrors: () => deps.internalErrors(),
  };
}
