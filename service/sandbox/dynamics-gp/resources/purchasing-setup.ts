/**
 * Purchasing setup the purchase orders read: POP40100 (the PO next number, kept with its width by
 * GetNextPONumber / the next-number rule of GP-DOMAIN §6 [V]; POHIST "keep PO history" [V] DDL taPopPoVoid), the
 * vendor items IV00103 that an inventory line must be on (taPoLine error 397 [V]), the buyers POP00101 (269 [V]),
 * and the default purchases account a non-inventory line posts to when neither the line nor the vendor names one
 * (SY01100 series 5 in GP; `000-6000-00` here [U]).
 * `patchableStatuses` is emulator policy [U]: taPoHdr refuses an update only in status 4, 5 and 6 (error 8249 [V]);
 * the default also refuses Released and Change Order, the stricter reading of "unposted Work documents are
 * editable" — set it to [1, 2, 3] to play eConnect's own rule.
 */
import { normalizeKey, padChar, type Row } from '../gp-columns.ts';
import type { GpCompany } from '../gp-company.ts';
import { SbaError } from '../sba-error.ts';
import { takeNextNumber } from './next-numbers.ts';

const SETUP_TABLE = 'POP40100';
const VENDOR_ITEM_TABLE = 'IV00103';
const SETUP_KEY = '1';
export const DEFAULT_PURCHASES_ACCOUNT = '000-6000-00';

export interface PurchasingOptions {
  /** POSTATUS values a PATCH may change (default [1] New). */
  patchableStatuses?: number[];
  /** POHIST: a voided or removed PO moves to POP30100 (default true); false deletes it. */
  keepHistory?: boolean;
  /** Offer ModifiedDate as a filter on the setup masters (default false: they have no DEX_ROW_TS). */
  setupModifiedDateFilter?: boolean;
}

export interface PurchasingPolicy {
  patchableStatuses: number[];
}

const policies = new WeakMap<GpCompany, PurchasingPolicy>();

export function purchasingPolicy(company: GpCompany): PurchasingPolicy {
  return policies.get(company) ?? { patchableStatuses: [1] };
}

export function configurePurchasing(company: GpCompany, opts: PurchasingOptions, nextPoNumber: string): void {
  const patchable = opts.patchableStatuses ?? [1];
  if (patchable.some((s) => !Number.isInteger(s) || s < 1 || s > 6)) throw new RangeError('patchableStatuses must be POSTATUS values 1..6');
  policies.set(company, { patchableStatuses: [...patchable] });
  company.table<Row>(SETUP_TABLE).set(SETUP_KEY, { INDEX1: 1, PONUMBER: padChar(nextPoNumber, 17), POHIST: opts.keepHistory === false ? 0 : 1 });
}

function setupRow(company: GpCompany): Row {
  const row = company.table<Row>(SETUP_TABLE).get(SETUP_KEY);
  if (!row) throw new SbaError(400, 'NextNumberMissing', 'Purchase Order Processing setup (POP40100) has no next PO number');
  return row;
}

export function keepsPoHistory(company: GpCompany): boolean {
  return setupRow(company).POHIST === 1;
}

export function nextPoNumberOf(company: GpCompany): string {
  return (setupRow(company).PONUMBER as string).trimEnd();
}

/** What a GP user types into Purchase Order Processing Setup. */
export function setNextPoNumber(company: GpCompany, next: string): void {
  if (!/^[A-Za-z0-9-]*\d$/.test(next) || next.length > 17) throw new SbaError(400, 'ValidationFailed', `The next PO number must end in digits and be at most 17 characters; got "${next}"`);
  company.table<Row>(SETUP_TABLE).set(SETUP_KEY, { ...setupRow(company), PONUMBER: padChar(next.toUpperCase(), 17) });
}

/** Takes the next PO number that work and history do not use, keeping the width, and writes the next one back. */
export function takePoNumber(company: GpCompany, used: (n: string) => boolean): string {
  const row = setupRow(company);
  const { number, next } = takeNextNumber(row.PONUMBER as string, used, 'PO');
  company.table<Row>(SETUP_TABLE).set(SETUP_KEY, { ...row, PONUMBER: padChar(next, 17) });
  return number;
}

export const vendorItemKey = (vendorId: string, itemNumber: string) => `${normalizeKey(vendorId)}|${normalizeKey(itemNumber)}`;

/** IV00103: the item is bought from the vendor (Item Vendors Maintenance). */
export function addVendorItem(company: GpCompany, vendorId: string, itemNumber: string, lastCost: number): void {
  company.table<Row>(VENDOR_ITEM_TABLE).set(vendorItemKey(vendorId, itemNumber), {
    VENDORID: padChar(vendorId.toUpperCase(), 15),
    ITEMNMBR: padChar(itemNumber.toUpperCase(), 31),
    VNDITNUM: padChar(itemNumber.toUpperCase(), 31),
    Last_Originating_Cost: lastCost,
  });
}

export function findVendorItem(company: GpCompany, vendorId: string, itemNumber: string): Row | undefined {
  return company.table<Row>(VENDOR_ITEM_TABLE).get(vendorItemKey(vendorId, itemNumber));
}
