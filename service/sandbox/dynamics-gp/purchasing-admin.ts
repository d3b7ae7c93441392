/**
 * Sandbox-only control of the purchasing side (never part of a real GP), playing a GP user: create, rename,
 * deactivate a vendor or change its terms (Vendor Maintenance, validated like a PATCH), add or change a vendor class,
 * customer class or payment terms, and work a purchase order through Released → Received → Closed / Canceled /
 * voided, plus reads in the GP Service's JSON. HTTP routes: purchasing-admin-routes.ts.
 */
import type { GpClock } from './gp-clock.ts';
import type { GpCompany } from './gp-company.ts';
import { generateVendors, type GenerateVendorsOptions } from './purchasing-demo-data.ts';
import { purchaseOrderToWire } from './resources/purchase-order-columns.ts';
import { cancelPurchaseOrder, closePurchaseOrder, receivePurchaseOrder, releasePurchaseOrder, removeCompletedPurchaseOrders } from './resources/purchase-order-lifecycle.ts';
import { findPurchaseOrder, purchaseOrderView, voidPurchaseOrder } from './resources/purchase-order-store.ts';
import { nextPoNumberOf, setNextPoNumber } from './resources/purchasing-setup.ts';
import { createSetupRow, findSetupRow, listSetupRows, setupRowToWire, updateSetupRow, type SetupMasterSpec } from './resources/setup-master.ts';
import { CUSTOMER_CLASS_SPEC, PAYMENT_TERMS_SPEC, VENDOR_CLASS_SPEC } from './resources/setup-masters.ts';
import { vendorToWire } from './resources/vendor-columns.ts';
import { createVendor, findVendor, updateVendor, vendorTable } from './resources/vendor-store.ts';
import { SbaError } from './sba-error.ts';

type Wire = Record<string, unknown>;

export const SETUP_KINDS = { 'vendor-classes': VENDOR_CLASS_SPEC, 'customer-classes': CUSTOMER_CLASS_SPEC, 'payment-terms': PAYMENT_TERMS_SPEC } as const;
export type SetupKind = keyof typeof SETUP_KINDS;

export interface GpPurchasingAdmin {
  getVendor(id: string, company?: string): Wire | undefined;
  listVendors(company?: string): Wire[];
  /** Vendor Maintenance: a new vendor (validated like POST Purchasing/Vendors). */
  createVendor(payload: Wire, company?: string): Wire;
  /** Vendor Maintenance save: rename (`Name`), deactivate (`Status: 'Inactive'`), change terms (`PaymentTermsId`)… */
  editVendor(id: string, changes: Wire, company?: string): Wire;
  generateVendors(opts: GenerateVendorsOptions & { company?: string }): string[];
  getSetup(kind: SetupKind, id: string, company?: string): Wire | undefined;
  listSetup(kind: SetupKind, company?: string): Wire[];
  /** Adds a vendor class, customer class or payment terms. */
  createSetup(kind: SetupKind, payload: Wire, company?: string): Wire;
  editSetup(kind: SetupKind, id: string, changes: Wire, company?: string): Wire;
  getPurchaseOrder(poNumber: string, company?: string): Wire | undefined;
  listPurchaseOrders(company?: string): Wire[];
  releasePurchaseOrder(poNumber: string, company?: string): Wire;
  /** Receives every open quantity; the Purchasing period of `date` (default today) must be open. */
  receivePurchaseOrder(poNumber: string, opts?: { date?: string }, company?: string): Wire;
  closePurchaseOrder(poNumber: string, company?: string): Wire;
  cancelPurchaseOrder(poNumber: string, company?: string): Wire;
  voidPurchaseOrder(poNumber: string, company?: string): Wire;
  removeCompletedPurchaseOrders(company?: string): string[];
  nextPoNumber(company?: string): string;
  setNextPoNumber(next: string, company?: string): string;
}

function requireVendor(c: GpCompany, id: string): void {
  if (!findVendor(c, id)) throw new SbaError(404, 'EntityNotFound', `Vendor '${id.trim().toUpperCase()}' was not found in company '${c.name}'`);
}

function requireSetup(c: GpCompany, spec: SetupMasterSpec, id: string): void {
  if (!findSetupRow(c, spec, id)) throw new SbaError(404, 'EntityNotFound', `${spec.entity} '${id.trim()}' was not found in company '${c.name}'`);
}

export function createPurchasingAdmin(companyRef: (ref?: string) => GpCompany, clock: GpClock): GpPurchasingAdmin {
  const po = (c: GpCompany, n: string) => {
    const found = findPurchaseOrder(c, n);
    return found && purchaseOrderToWire(found);
  };
  return {
    getVendor: (id, c) => {
      const v = findVendor(companyRef(c), id);
      return v && vendorToWire(v);
    },
    listVendors: (c) => vendorTable(companyRef(c)).values().map(vendorToWire),
    createVendor: (payload, c) => vendorToWire(createVendor(companyRef(c), clock, payload)),
    editVendor(id, changes, c) {
      const company = companyRef(c);
      requireVendor(company, id);
      return vendorToWire(updateVendor(company, clock, id, changes));
    },
    generateVendors: ({ company, ...rest }) => generateVendors(companyRef(company), clock, rest),
    getSetup(kind, id, c) {
      const row = findSetupRow(companyRef(c), SETUP_KINDS[kind], id);
      return row && setupRowToWire(SETUP_KINDS[kind], row);
    },
    listSetup: (kind, c) => listSetupRows(companyRef(c), SETUP_KINDS[kind]).map((r) => setupRowToWire(SETUP_KINDS[kind], r)),
    createSetup: (kind, payload, c) => setupRowToWire(SETUP_KINDS[kind], createSetupRow(companyRef(c), clock, SETUP_KINDS[kind], payload)),
    editSetup(kind, id, changes, c) {
      const company = companyRef(c);
      requireSetup(company, SETUP_KINDS[kind], id);
      return setupRowToWire(SETUP_KINDS[kind], updateSetupRow(company, clock, SETUP_KINDS[kind], id, changes));
    },
    getPurchaseOrder: (n, c) => po(companyRef(c), n),
    listPurchaseOrders: (c) => purchaseOrderView(companyRef(c)).values().map(purchaseOrderToWire),
    releasePurchaseOrder: (n, c) => purchaseOrderToWire(releasePurchaseOrder(companyRef(c), clock, n)),
    receivePurchaseOrder: (n, opts, c) => purchaseOrderToWire(receivePurchaseOrder(companyRef(c), clock, n, opts?.date)),
    closePurchaseOrder: (n, c) => purchaseOrderToWire(closePurchaseOrder(companyRef(c), clock, n)),
    cancelPurchaseOrder: (n, c) => purchaseOrderToWire(cancelPurchaseOrder(companyRef(c), clock, n)),
    voidPurchaseOrder(n, c) {
      const company = companyRef(c);
      if (!findPurchaseOrder(company, n)) throw new SbaError(404, 'EntityNotFound', `PurchaseOrder '${n.trim().toUpperCase()}' was not found in company '${company.name}'`);
      return purchaseOrderToWire(voidPurchaseOrder(company, clock, n));
    },
    removeCompletedPurchaseOrders: (c) => removeCompletedPurchaseOrders(companyRef(c), clock),
    nextPoNumber: (c) => nextPoNumberOf(companyRef(c)),
    setNextPoNumber(next, c) {
      setNextPoNumber(companyRef(c), next);
      return nextPoNumberOf(companyRef(c));
    },
  };
}
