/**
 * Purchase orders as the emulator exposes them: header POP10100 / lines POP10110 (work, every status) and POP30100 /
 * POP30110 (history, after a void or "Remove Completed Purchase Orders"), keyed by PONUMBER (GP-DOMAIN §3).
 * Widths from the DDL of POP10100 and the taPoHdr / taPoLine parameters [V]: PONUMBER char(17) 17, VENDORID 15,
 * BUYERID 15, PYMTRMID 20, CONFIRM1 char(21) 20, ITEMNMBR 30, ITEMDESC 100, VNDITNUM 30, UOFM 8, LOCNCODE 10,
 * InventoryAccount (ACTNUMST) 75, REQSTDBY 20. POTYPE 1 Standard, 2 Drop-ship, 3 Blanket, 4 Drop-ship Blanket [V];
 * POSTATUS 1 New, 2 Released, 3 Change Order, 4 Received, 5 Closed, 6 Canceled [C] (GP-DOMAIN §3). Wire names are
 * the emulator's [U] (the GP Web Services PurchaseOrder names where a flat equivalent exists).
 * GP has no external-reference column on POP10100: `ConfirmWith` (CONFIRM1, the "Confirm With" field) is the free
 * 20-character header field a client can use for one, and it is filterable [U: a convention, not a GP feature].
 */
import { charColumn, toWireValue, type ColumnSpec, type Row } from '../gp-columns.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { DocumentShape } from './document-payload.ts';

export const PO_WORK = { header: 'POP10100', lines: 'POP10110' } as const;
export const PO_HISTORY = { header: 'POP30100', lines: 'POP30110' } as const;

export const PO_TYPES: Record<number, string> = { 1: 'Standard', 2: 'Drop-ship', 3: 'Blanket', 4: 'Drop-ship Blanket' };
export const PO_STATUSES: Record<number, string> = { 1: 'New', 2: 'Released', 3: 'Change Order', 4: 'Received', 5: 'Closed', 6: 'Canceled' };
export const PO_STATUS = { new: 1, released: 2, changeOrder: 3, received: 4, closed: 5, canceled: 6 } as const;

export type PoState = 'Work' | 'History';

export interface PurchaseOrder {
  state: PoState;
  header: Row;
  lines: Row[];
}

export const PO_HEADER_COLUMNS: ColumnSpec[] = [
  charColumn('PONumber', 'PONUMBER', 17, 17, { upper: true }),
  { kind: 'smallint', wire: 'PurchaseOrderType', column: 'POTYPE' },
  charColumn('VendorId', 'VENDORID', 15, 15, { upper: true }),
  charColumn('BuyerId', 'BUYERID', 15, 15, { upper: true }),
  charColumn('PaymentTermsId', 'PYMTRMID', 21, 20),
  charColumn('ShippingMethodId', 'SHIPMTHD', 15, 15, { upper: true }),
  charColumn('CurrencyId', 'CURNCYID', 15, 15, { upper: true }),
  charColumn('ConfirmWith', 'CONFIRM1', 21, 20),
  charColumn('CustomerId', 'CUSTNMBR', 15, 15, { upper: true }),
  { kind: 'money', wire: 'Subtotal', column: 'SUBTOTAL' },
];

export const PO_LINE_COLUMNS: ColumnSpec[] = [
  charColumn('ItemNumber', 'ITEMNMBR', 31, 30, { upper: true }),
  { kind: 'flag', wire: 'NonInventory', column: 'NONINVEN' },
  charColumn('ItemDescription', 'ITEMDESC', 101, 100),
  charColumn('VendorItemNumber', 'VNDITNUM', 31, 30),
  { kind: 'money', wire: 'Quantity', column: 'QTYORDER' },
  { kind: 'money', wire: 'UnitCost', column: 'UNITCOST' },
  charColumn('UofM', 'UOFM', 9, 8),
  charColumn('SiteId', 'LOCNCODE', 11, 10, { upper: true }),
  charColumn('InventoryAccount', 'ACTNUMST', 129, 75, { upper: true }),
  charColumn('RequestedBy', 'REQSTDBY', 21, 20),
];

const LINE_DATES = { RequiredDate: 'REQDATE', PromisedDate: 'PRMDATE' };

export const PO_SHAPE: DocumentShape = {
  entity: 'PurchaseOrder',
  columns: PO_HEADER_COLUMNS,
  dates: { DocumentDate: 'DOCDATE', RequiredDate: 'REQDATE', PromisedDate: 'PRMDATE', PromisedShipDate: 'PRMSHPDTE' },
  children: {
    Lines: {
      entity: 'PurchaseOrderLine',
      columns: PO_LINE_COLUMNS,
      dates: LINE_DATES,
      readOnly: ['LineNumber', 'ExtendedCost', 'QuantityCanceled', 'QuantityReceived', 'LineStatus'],
    },
  },
  readOnly: ['VendorName', 'Status', 'StatusName', 'TransactionState', 'CreatedDate', 'ModifiedDate', 'LastEditDate', 'LastModifiedDate'],
};

const ts = (v: unknown) => toWireValue({ kind: 'timestamp', wire: '', column: '', readOnly: true }, v as number);
const day = (v: unknown) => `${typeof v === 'string' ? v : '1900-01-01'}T00:00:00`;

export function purchaseOrderToWire(po: PurchaseOrder): Record<string, unknown> {
  const h = po.header;
  const out: Record<string, unknown> = {};
  for (const spec of PO_HEADER_COLUMNS) out[spec.wire] = toWireValue(spec, h[spec.column]);
  Object.assign(out, {
    VendorName: h.VENDNAME,
    Status: h.POSTATUS,
    StatusName: PO_STATUSES[h.POSTATUS as number],
    TransactionState: po.state,
    DocumentDate: day(h.DOCDATE),
    RequiredDate: day(h.REQDATE),
    PromisedDate: day(h.PRMDATE),
    PromisedShipDate: day(h.PRMSHPDTE),
    CreatedDate: day(h.CREATDDT),
    ModifiedDate: day(h.MODIFDT),
    LastEditDate: day(h.LSTEDTDT),
    LastModifiedDate: ts(h.DEX_ROW_TS),
    Lines: po.lines.map((l) => {
      const line: Record<string, unknown> = { LineNumber: l.ORD };
      for (const spec of PO_LINE_COLUMNS) line[spec.wire] = toWireValue(spec, l[spec.column]);
      Object.assign(line, {
        InventoryAccountIndex: l.INVINDX,
        ExtendedCost: l.EXTDCOST,
        QuantityCanceled: l.QTYCANCE,
        QuantityReceived: l.QTYSHPPD,
        LineStatus: l.POLNESTA,
        RequiredDate: day(l.REQDATE),
        PromisedDate: day(l.PRMDATE),
      });
      return line;
    }),
  });
  return out;
}

export const PO_FIELDS: FieldDefs<PurchaseOrder> = {
  PONumber: { type: 'string', get: (p) => p.header.PONUMBER as string },
  PurchaseOrderType: { type: 'number', get: (p) => p.header.POTYPE as number },
  VendorId: { type: 'string', get: (p) => p.header.VENDORID as string },
  Status: { type: 'number', get: (p) => p.header.POSTATUS as number },
  ConfirmWith: { type: 'string', get: (p) => p.header.CONFIRM1 as string },
  TransactionState: { type: 'string', get: (p) => p.state },
  DocumentDate: { type: 'date', get: (p) => p.header.DOCDATE as string },
  CreatedDate: { type: 'date', get: (p) => p.header.CREATDDT as string },
  ModifiedDate: { type: 'date', get: (p) => p.header.MODIFDT as string },
  LastEditDate: { type: 'date', get: (p) => p.header.LSTEDTDT as string },
  LastModifiedDate: { type: 'datetime', get: (p) => p.header.DEX_ROW_TS as number },
};
