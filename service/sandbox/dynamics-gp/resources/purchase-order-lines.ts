/**
 * PO line rules of taPoLine (error numbers from the procedure's DDL [V]; texts in eConnect's style [U]):
 * - inventory line (NONINVEN 0): item blank 396, not in IV00101 304, inactive 11751, not a vendor item (IV00103) 397,
 *   a U of M other than the item's ("Each": item U of M schedules are not modelled [U]) 4599;
 * - non-inventory line (NONINVEN 1): item number blank 246 (GP needs a free-text item number, the description alone
 *   is not enough), item number that exists in IV00101 5466; U of M defaults to "Each";
 * - site blank while sites exist 254, unknown site 256 (item-site IV00102 is not modelled [U]);
 * - InventoryAccount (ACTNUMST) unknown 442, InventoryAccountIndex unknown 443; when neither is given the account is
 *   the vendor's purchases account (non-inventory) or `000-1300-00` Inventory (inventory; item accounts are not
 *   modelled [U]); an inactive account is refused with 91052 [U] (the procedure does not check, the GP client does);
 * - unit cost with more decimals than the currency 6621; negative quantity 91050 / cost 91051 [U].
 * ORD steps 16384 (taPoLine @SEQNUMBR [V]); EXTDCOST = QTYORDER × UNITCOST rounded to the currency; line dates
 * default to the header's, then to today (taPoLine: blank REQDATE / PRMDATE → getdate() [V]).
 */
import { econnectError } from '../econnect-error.ts';
import { blankRow, padChar, type Row } from '../gp-columns.ts';
import type { GpCompany } from '../gp-company.ts';
import { badRequest } from '../sba-error.ts';
import { roundAmount, tooPrecise, trimmed } from './document-payload.ts';
import { findGlAccount, glAccountTable } from './gl-accounts.ts';
import { findItem, siteExists } from './items.ts';
import { PO_LINE_COLUMNS } from './purchase-order-columns.ts';
import { DEFAULT_PURCHASES_ACCOUNT, findVendorItem } from './purchasing-setup.ts';

const LINE_PROC = 'taPoLine';
const LINE_STEP = 16384;
const ITEM_UOFM = 'Each';
const INVENTORY_ACCOUNT = '000-1300-00';

/** Pulls `InventoryAccountIndex` (an int, not a column the shared rules read) out of each line payload. */
export function splitAccountIndexes(lines: unknown): { lines: unknown; indexes: Array<number | undefined> } {
  if (!Array.isArray(lines)) return { lines, indexes: [] };
  const indexes: Array<number | undefined> = [];
  const stripped = lines.map((line, i) => {
    if (!line || typeof line !== 'object' || Array.isArray(line) || !('InventoryAccountIndex' in line)) {
      indexes.push(undefined);
      return line;
    }
    const { InventoryAccountIndex: index, ...rest } = line as Record<string, unknown>;
    if (index !== null && (typeof index !== 'number' || !Number.isInteger(index) || index < 1)) {
      throw badRequest(`PurchaseOrder.Lines[${i}].InventoryAccountIndex (IVIVINDX) must be a positive integer`, 'ValidationFailed');
    }
    indexes.push(index ?? undefined);
    return rest;
  });
  return { lines: stripped, indexes };
}

export interface LineContext {
  company: GpCompany;
  today: string;
  header: Row;
  vendor: Row;
}

function accountFor(ctx: LineContext, line: Row, index: number | undefined, fail: (n: number, d: string) => Error): Row {
  const text = trimmed(line.ACTNUMST);
  let account: Row | undefined;
  if (text !== '') {
    account = findGlAccount(ctx.company, text);
    if (!account) throw fail(442, `The Inventory Account (ACTNUMST) ${text} does not exist in the Account Index Master Table - GL00105`);
  } else if (index !== undefined) {
    account = glAccountTable(ctx.company).get(String(index));
    if (!account) throw fail(443, `The Inventory Account Index (IVIVINDX) ${index} does not exist in the Account Index Master Table - GL00105`);
  } else {
    const fallback = line.NONINVEN === 1 ? trimmed(ctx.vendor.PMPRCHACTNUMST) || DEFAULT_PURCHASES_ACCOUNT : INVENTORY_ACCOUNT;
    account = findGlAccount(ctx.company, fallback);
    if (!account) throw fail(442, `The default account ${fallback} does not exist in the Account Index Master Table - GL00105`);
  }
  if (account.ACTIVE !== 1) throw fail(91052, `The Inventory Account (ACTNUMST) ${trimmed(account.ACTNUMST)} is inactive`);
  return account;
}

function checkItem(ctx: LineContext, line: Row, fail: (n: number, d: string) => Error): Row {
  const item = trimmed(line.ITEMNMBR);
  if (line.NONINVEN === 1) {
    if (item === '') throw fail(246, 'The Item Number (ITEMNMBR) of a non-inventory line is empty');
    if (findItem(ctx.company, item)) throw fail(5466, `The non-inventory Item Number (ITEMNMBR) ${item} exists in the Item Master Table - IV00101`);
    return { UOFM: trimmed(line.UOFM) === '' ? padChar(ITEM_UOFM, 9) : (line.UOFM as string) };
  }
  if (item === '') throw fail(396, 'The Item Number (ITEMNMBR) and the Vendor Item Number (VNDITNUM) are both empty');
  const found = findItem(ctx.company, item);
  if (!found) throw fail(304, `The Item Number (ITEMNMBR) ${item} does not exist in the Item Master Table - IV00101`);
  if (found.INACTIVE === 1) throw fail(11751, `The Item Number (ITEMNMBR) ${item} is inactive`);
  const vendorId = trimmed(ctx.vendor.VENDORID);
  if (!findVendorItem(ctx.company, vendorId, item)) {
    throw fail(397, `The Item Number (ITEMNMBR) ${item} is not assigned to Vendor ID (VENDORID) ${vendorId} in the Item Vendor Master Table - IV00103`);
  }
  const uofm = trimmed(line.UOFM);
  if (uofm !== '' && uofm.toUpperCase() !== ITEM_UOFM.toUpperCase()) {
    throw fail(4599, `The Unit of Measure (UOFM) ${uofm} is not in the U of M schedule of item ${item} (IV40202)`);
  }
  return {
    UOFM: padChar(ITEM_UOFM, 9),
    ITEMDESC: trimmed(line.ITEMDESC) === '' ? (found.ITEMDESC as string) : (line.ITEMDESC as string),
    VNDITNUM: trimmed(line.VNDITNUM) === '' ? padChar(item, 31) : (line.VNDITNUM as string),
  };
}

/** Validates the lines of a PO and returns them as POP10110 rows (ORD, EXTDCOST, account index, status). */
export function checkPoLines(ctx: LineContext, inputs: Row[], indexes: Array<number | undefined>): Row[] {
  const decimals = ctx.company.currency.decimals;
  const poNumber = trimmed(ctx.header.PONUMBER);
  const hasSites = ctx.company.table<Row>('IV40700').size > 0;
  return inputs.map((input, i) => {
    const line: Row = { ...blankRow(PO_LINE_COLUMNS), REQDATE: '1900-01-01', PRMDATE: '1900-01-01', ...input };
    const ord = (i + 1) * LINE_STEP;
    const fail = (number: number, description: string) =>
      econnectError({ number, procedure: LINE_PROC, description: `${description} (line ${i + 1})`, keys: { PONUMBER: poNumber, ORD: String(ord), ITEMNMBR: trimmed(line.ITEMNMBR) } });
    const item = checkItem(ctx, line, fail);
    const site = trimmed(line.LOCNCODE);
    if (site === '' && hasSites) throw fail(254, 'The Site ID (LOCNCODE) is empty');
    if (site !== '' && !siteExists(ctx.company, site)) throw fail(256, `The Site ID (LOCNCODE) ${site} does not exist in the Site Setup Table - IV40700`);
    const qty = line.QTYORDER as number;
    const cost = line.UNITCOST as number;
    if (qty < 0) throw fail(91050, 'The Quantity Ordered (QTYORDER) cannot be negative');
    if (cost < 0) throw fail(91051, 'The Unit Cost (UNITCOST) cannot be negative');
    if (tooPrecise(cost, decimals)) throw fail(6621, `The Unit Cost (UNITCOST) has more decimal places than the currency ${ctx.company.currency.id} allows (${decimals})`);
    const account = accountFor(ctx, line, indexes[i], fail);
    const dateOr = (own: unknown, header: unknown) => (own !== '1900-01-01' ? own : header !== '1900-01-01' ? header : ctx.today) as string;
    return {
      ...line,
      ...item,
      ACTNUMST: account.ACTNUMST as string,
      INVINDX: account.ACTINDX as number,
      ORD: ord,
      PONUMBER: ctx.header.PONUMBER as string,
      VENDORID: ctx.vendor.VENDORID as string,
      POTYPE: ctx.header.POTYPE as number,
      REQDATE: dateOr(line.REQDATE, ctx.header.REQDATE),
      PRMDATE: dateOr(line.PRMDATE, ctx.header.PRMDATE),
      EXTDCOST: roundAmount(qty * cost, decimals),
      QTYCANCE: 0,
      QTYSHPPD: 0,
      POLNESTA: ctx.header.POSTATUS as number,
    };
  });
}

/** A stored line back in payload form (a PATCH without `Lines` revalidates the lines it keeps). */
export function lineAsInput(line: Row): Row {
  const out: Row = { REQDATE: line.REQDATE as string, PRMDATE: line.PRMDATE as string };
  for (const c of PO_LINE_COLUMNS) out[c.column] = line[c.column]!;
  return out;
}
