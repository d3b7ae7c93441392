/**
 * What a BC user (or a test) does outside the API: edit records in the client, post an invoice, ship and
 * invoice an order, register a payment, move the clock, lose notifications, read counters, inject faults.
 * Edits go through the same rules as API writes, so they stamp lastModifiedDateTime and notify subscribers.
 */
import { validateBody } from './body-validation.ts';
import type { SandboxClock } from './clock.ts';
import type { CallCounters } from './counters.ts';
import type { EntitySetDef } from './domain.ts';
import { bcError } from './errors.ts';
import type { Faults } from './faults.ts';
import type { DeliveryRecord, Notifier, NotifierStats } from './notifier.ts';
import type { Payments } from './payments.ts';
import type { RateLimitSettings, RateLimitStats, RateLimits } from './rate-limits.ts';
import type { RecordStore } from './record-store.ts';
import type { SalesDocuments } from './sales-documents.ts';
import type { Subscription, SubscriptionRegistry } from './subscription-registry.ts';
import type { TokenService } from './tokens.ts';

type Row = Record<string, unknown>;

export interface BcSandboxAdmin {
  now(): number;
  advanceClock(ms: number): void;
  createRecord(entitySet: string, body: Row, parentId?: string): Row;
  updateRecord(entitySet: string, id: string, patch: Row): Row;
  deleteRecord(entitySet: string, id: string): void;
  getRecord(entitySet: string, id: string): Row | undefined;
  listRecords(entitySet: string): Row[];
  etag(entitySet: string, id: string): string | undefined;
  postInvoice(invoiceId: string): Row;
  shipAndInvoiceOrder(orderId: string): Row;
  setOrderStatus(orderId: string, status: 'Draft' | 'In Review' | 'Open'): Row;
  registerPayment(input: { invoiceId?: string; invoiceNumber?: string; amount: number; postingDate?: string }): Row;
  postPaymentJournal(journalId: string): { posted: number; invoices: Row[] };
  paymentJournalId(): string;
  notifications: {
    flush(): Promise<void>;
    dropNext(count: number): void;
    deliveries(): DeliveryRecord[];
    stats(): NotifierStats;
    pendingCount(): number;
  };
  subscriptions: { list(): Subscription[]; remove(id: string): boolean; handshakes(): { attempted: number; failed: number } };
  faults: Faults;
  limits: { set(s: Partial<RateLimitSettings>): void; settings(): RateLimitSettings; stats(): RateLimitStats; reset(): void };
  tokens: { expireAll(): number; issuedCount(): number };
  counters(): { total: number; byLabel: Record<string, number> };
  resetCounters(): void;
  setDefaultPageSize(n: number): void;
  denyEntitySet(entitySet: string, denied?: boolean): void;
  internalErrors(): unknown[];
}

export interface AdminDeps {
  clock: SandboxClock;
  store: RecordStore;
  sets: Map<string, EntitySetDef>;
  docs: SalesDocuments;
  payments: Payments;
  notifier: Notifier;
  subscriptions: SubscriptionRegistry;
  faults: Faults;
  limits: RateLimits;
  tokens: TokenService;
  counters: CallCounters;
  deniedSets: Set<string>;
  setDefaultPageSize(n: number): void;
  internalErrors(): unknown[];
}

export function createAdmin(deps: AdminDeps): BcSandboxAdmin {
  const def = (entitySet: string): EntitySetDef => {
    const d = deps.sets.get(entitySet);
    if (!d) throw bcError(404, 'BadRequest_ResourceNotFound', `No entity set '${entitySet}'.`);
    return d;
  };
  const existing = (entitySet: string, id: string): Row => {
    const row = deps.store.get(entitySet, id);
    if (!row) throw bcError(404, 'BadRequest_ResourceNotFound', `${entitySet}(${id}) does not exist.`);
    return row;
  };
  return {
    now: () => deps.clock.now(),
    advanceClock: (ms) => deps.clock.advance(ms),
    createRecord(entitySet, body, parentId) {
      const d = def(entitySet);
      if (d.parent && (!parentId || !deps.store.get(d.parent.set, parentId))) throw bcError(404, 'BadRequest_ResourceNotFound', `${entitySet} needs an existing ${d.parent.set} parent.`);
      return d.create(validateBody(d.shape, d.typeName, body), parentId);
    },
    updateRecord(entitySet, id, patch) {
      const d = def(entitySet);
      return d.update(existing(entitySet, id), validateBody(d.shape, d.typeName, patch));
    },
    deleteRecord(entitySet, id) {
      def(entitySet).remove(existing(entitySet, id));
    },
    getRecord: (entitySet, id) => deps.store.get(entitySet, id),
    listRecords: (entitySet) => deps.store.list(entitySet),
    etag: (entitySet, id) => deps.store.etag(entitySet, id),
    postInvoice: (id) => deps.docs.postInvoice(id),
    shipAndInvoiceOrder: (id) => deps.docs.shipAndInvoiceOrder(id),
    setOrderStatus: (id, status) => deps.docs.setOrderStatus(id, status),
    registerPayment: (input) => deps.payments.registerPayment(input),
    postPaymentJournal: (journalId) => deps.payments.postJournal(journalId),
    paymentJournalId() {
      const journal = deps.store.list('customerPaymentJournals')[0];
      if (!journal) throw bcError(404, 'BadRequest_ResourceNotFound', 'No customer payment journal exists.');
      return String(journal.id);
    },
    notifications: {
      flush: () => deps.notifier.flush(),
      dropNext: (count) => deps.notifier.dropNext(count),
      deliveries: () => deps.notifier.deliveries(),
      stats: () => deps.notifier.stats(),
      pendingCount: () => deps.notifier.pendingCount(),
    },
    subscriptions: {
      list: () => deps.subscriptions.list(),
      remove: (id) => deps.subscriptions.remove(id),
      handshakes: () => deps.subscriptions.handshakes(),
    },
    faults: deps.faults,
    limits: { set: (s) => deps.limits.set(s), settings: () => deps.limits.settings(), stats: () => deps.limits.stats(), reset: () => deps.limits.reset() },
    tokens: { expireAll: () => deps.tokens.expireAll(), issuedCount: () => deps.tokens.issuedCount() },
    counters: () => deps.counters.snapshot(),
    resetCounters: () => deps.counters.reset(),
    setDefaultPageSize: (n) => deps.setDefaultPageSize(n),
    denyEntitySet(entitySet, denied = true) {
      if (denied) deps.deniedSets.add(entitySet);
      else deps.deniedSets.delete(entitySet);
    },
    internalErrors: () => deps.internalErrors(),
  };
}
