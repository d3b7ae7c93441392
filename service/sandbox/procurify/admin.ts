/**
 * What Procurify's users (and a test) do outside the API, on one tenant: a requester submits a requisition, an
 * approver approves or denies it, a buyer issues a PO from approved lines and later revises, receives, closes,
 * cancels, reopens or pays it; vendors are added, renamed, deactivated. Each goes through the same workflow code
 * as the API (procurement.ts), so it stamps last_modified / dateModified exactly as the API would.
 * Plus the sandbox-wide controls: clock, faults, settings, token expiry, counters.
 * Records come back as copies; change them through these calls.
 */
import type { SandboxClock } from './clock.ts';
import type { CallCounters } from './counters.ts';
import type { Faults } from './faults.ts';
import { createLookups, type Lookups } from './lookups.ts';
import type { Order, OrderItem, PurchaseOrder, Vendor } from './model.ts';
import type { NewOrder, NewPurchaseOrder, PoRevision, ReceiptLine } from './procurement.ts';
import type { RateLimiter } from './rate-limits.ts';
import { mergeSettings, type ProcurifySettings } from './settings.ts';
import { itemsOfOrder, itemsOfPurchaseOrder, mustGet } from './tenant-data.ts';
import type { TenantRuntime } from './tenant-runtime.ts';
import { checkTimeZone } from './time-zone.ts';
import type { TokenService } from './tokens.ts';

export interface RequisitionResult {
  order: Order;
  items: OrderItem[];
}

export type VendorFields = Partial<Omit<Vendor, 'id' | 'modifiedAt'>>;

export interface ProcurifyTenantAdmin {
  readonly domain: string;
  readonly lookup: Lookups;
  createRequisition(input: NewOrder): RequisitionResult;
  approveRequisition(orderId: number, approverId?: number): RequisitionResult;
  denyRequisition(orderId: number, approverId?: number): RequisitionResult;
  getRequisition(orderId: number): RequisitionResult;
  /** A PO from approved lines; `itemIds` may be replaced by `requisitionId` (all its approved, unpurchased lines). */
  createPurchaseOrder(input: Omit<NewPurchaseOrder, 'itemIds'> & { itemIds?: number[]; requisitionId?: number }): PurchaseOrder;
  revisePurchaseOrder(procurifyPO: number, revision: PoRevision): PurchaseOrder;
  receivePurchaseOrder(procurifyPO: number, lines?: ReceiptLine[]): PurchaseOrder;
  closePurchaseOrder(procurifyPO: number): PurchaseOrder;
  cancelPurchaseOrder(procurifyPO: number): PurchaseOrder;
  reopenPurchaseOrder(procurifyPO: number): PurchaseOrder;
  markPurchaseOrderPaid(procurifyPO: number): PurchaseOrder;
  getPurchaseOrder(procurifyPO: number): PurchaseOrder & { items: OrderItem[] };
  listPurchaseOrders(): PurchaseOrder[];
  createVendor(fields: VendorFields & { name: string }): Vendor;
  updateVendor(vendorId: number, fields: VendorFields): Vendor;
  renameVendor(vendorId: number, name: string): Vendor;
  deactivateVendor(vendorId: number): Vendor;
  getVendor(vendorId: number): Vendor;
  listVendors(): Vendor[];
  /** Django's current time zone for this tenant (date filters, rendered offsets). */
  setTimeZone(timeZone: string): void;
  timeZone(): string;
}

export interface ProcurifySandboxAdmin extends ProcurifyTenantAdmin {
  tenant(domain: string): ProcurifyTenantAdmin;
  now(): number;
  advanceClock(ms: number): void;
  /** Move the clock to an instant (epoch ms or ISO text) not in the sandbox's past. */
  advanceClockTo(instant: number | string): void;
  faults: Faults;
  settings(): ProcurifySettings;
  configure(patch: Partial<ProcurifySettings>): ProcurifySettings;
  tokens: { expireAll(): number; issuedCount(): number };
  counters(): { total: number; byLabel: Record<string, number>; tokensIssued: number; rateLimited: number };
  resetCounters(): void;
  internalErrors(): unknown[];
}

const copy = <T>(value: T): T => structuredClone(value);

export function createTenantAdmin(tenant: TenantRuntime): ProcurifyTenantAdmin {
  const { data, procurement } = tenant;
  const requisition = (order: Order): RequisitionResult => copy({ order, items: itemsOfOrder(data, order.id) });
  const vendor = (id: number): Vendor => mustGet(data.vendors, id, 'vendor');
  const touchVendor = (v: Vendor, fields: VendorFields): Vendor => copy(tenant.vendors.adminUpdate(v, fields));
  return {
    domain: data.domain,
    lookup: createLookups(data),
    createRequisition: (input) => requisition(procurement.createOrder(input)),
    approveRequisition: (id, approverId) => requisition(procurement.approveOrder(id, approverId)),
    denyRequisition: (id, approverId) => requisition(procurement.denyOrder(id, approverId)),
    getRequisition: (id) => requisition(mustGet(data.orders, id, 'requisition')),
    createPurchaseOrder({ itemIds, requisitionId, ...rest }) {
      const ids = itemIds ?? (requisitionId === undefined ? [] : itemsOfOrder(data, requisitionId).filter((i) => i.approvedAt !== null && i.purchaseOrderId === null && i.status === 0).map((i) => i.id));
      return copy(procurement.issuePurchaseOrder({ ...rest, itemIds: ids }));
    },
    revisePurchaseOrder: (n, revision) => copy(procurement.revisePurchaseOrder(n, revision)),
    receivePurchaseOrder(n, lines) {
      const all = itemsOfPurchaseOrder(data, n).map((i) => ({ itemId: i.id, quantity: String(Number(i.quantity) - Number(i.receivedPassQty)) }));
      return copy(procurement.receive(n, lines ?? all.filter((l) => Number(l.quantity) > 0)));
    },
    closePurchaseOrder: (n) => copy(procurement.closePurchaseOrder(n)),
    cancelPurchaseOrder: (n) => copy(procurement.cancelPurchaseOrder(n)),
    reopenPurchaseOrder: (n) => copy(procurement.reopenPurchaseOrder(n)),
    markPurchaseOrderPaid: (n) => copy(procurement.markPaid(n)),
    getPurchaseOrder: (n) => copy({ ...mustGet(data.purchaseOrders, n, 'purchase order'), items: itemsOfPurchaseOrder(data, n) }),
    listPurchaseOrders: () => copy(data.purchaseOrders.list()),
    createVendor: (fields) => copy(tenant.vendors.adminCreate(fields)),
    updateVendor: (id, fields) => touchVendor(vendor(id), fields),
    renameVendor: (id, name) => touchVendor(vendor(id), { name }),
    deactivateVendor: (id) => touchVendor(vendor(id), { active: false }),
    getVendor: (id) => copy(vendor(id)),
    listVendors: () => copy(data.vendors.list()),
    setTimeZone(timeZone) {
      data.timeZone = checkTimeZone(timeZone);
    },
    timeZone: () => data.timeZone,
  };
}

export interface SandboxAdminDeps {
  tenants: Map<string, TenantRuntime>;
  primaryDomain: string;
  clock: SandboxClock;
  faults: Faults;
  tokens: TokenService;
  limiter: RateLimiter;
  counters: CallCounters;
  getSettings(): ProcurifySettings;
  setSettings(next: ProcurifySettings): void;
  internalErrors(): unknown[];
}

export function createSandboxAdmin(deps: SandboxAdminDeps): ProcurifySandboxAdmin {
  const admins = new Map([...deps.tenants].map(([domain, t]) => [domain, createTenantAdmin(t)]));
  const tenant = (domain: string): ProcurifyTenantAdmin => {
    const admin = admins.get(domain);
    if (!admin) throw new RangeError(`no tenant '${domain}' in this sandbox`);
    return admin;
  };
  return {
    ...tenant(deps.primaryDomain),
    tenant,
    now: () => deps.clock.now(),
    advanceClock: (ms) => deps.clock.advance(ms),
    advanceClockTo(instant) {
      const ms = typeof instant === 'number' ? instant : Date.parse(instant);
      if (Number.isNaN(ms)) throw new RangeError(`not an instant: '${String(instant)}'`);
      deps.clock.advanceTo(ms);
    },
    faults: deps.faults,
    settings: () => ({ ...deps.getSettings() }),
    configure(patch) {
      const next = mergeSettings(deps.getSettings(), patch);
      deps.setSettings(next);
      return { ...next };
    },
    tokens: { expireAll: () => deps.tokens.expireAll(), issuedCount: () => deps.tokens.issuedCount() },
    counters: () => ({ ...deps.counters.snapshot(), tokensIssued: deps.tokens.issuedCount(), rateLimited: deps.limiter.rejected() }),
    resetCounters() {
      deps.counters.reset();
      deps.limiter.reset();
    },
    internalErrors: () => deps.internalErrors(),
  };
}
