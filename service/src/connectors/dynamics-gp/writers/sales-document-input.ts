/**
 * What the `salesDocuments` writer accepts from a flow's mapping (WriteItem.fields), and the GP payloads built
 * from it. Mapping targets:
 *
 * | field              | meaning                                                                              |
 * |--------------------|--------------------------------------------------------------------------------------|
 * | DocumentType       | `order` (SOP type 2, default), `invoice` (SOP 3) or `receivables-invoice` (RM type 1)   |
 * | DocumentId         | SOP Document ID (default STDORD / STDINV, GP-DOMAIN §1)                              |
 * | BatchId            | GP batch (BACHNUMB, ≤ 15; default SALESFORCE)                                         |
 * | CustomerId         | GP customer number (CUSTNMBR), required                                              |
 * | DocumentDate       | YYYY-MM-DD, required; its fiscal period must be open for Sales                       |
 * | CustomerPONumber   | CSTPONBR (≤ 20), e.g. the customer's PO                                              |
 * | Description        | RM document description (DOCDESCR ≤ 30)                                              |
 * | SalesAccount       | default sales GL account for lines (`000-4100-00`)                                  |
 * | ReceivablesAccount | RM only: the receivables GL account (`000-1200-00`)                                 |
 * | CostCenter         | replaces the cost-center segment of every sales account (writer option costCenterSegment) |
 * | Lines[]            | ItemNumber (≤ 30), Quantity > 0, UnitPrice ≥ 0, optional Description, SalesAccount, UofM, SiteId |
 *
 * The GP document number is `documentNumberPrefix` + the match key (the Salesforce OrderNumber): see writer.
 */
import { z } from 'zod';
import { ConnectorError } from '../../../lib/errors.ts';

const optionalText = z.string().trim().nullish().transform((v) => (v ? v : undefined));

const lineSchema = z.object({
  ItemNumber: z.string().trim().min(1, 'is empty').max(30, 'is longer than GP allows (ITEMNMBR, 30)'),
  Description: optionalText.pipe(z.string().max(100, 'is longer than GP allows (ITEMDESC, 100)').optional()),
  Quantity: z.number().positive('must be greater than zero'),
  UnitPrice: z.number().min(0, 'must not be negative'),
  SalesAccount: optionalText,
  UofM: optionalText,
  SiteId: optionalText,
});

export const salesDocumentFieldsSchema = z.object({
  DocumentType: z.enum(['order', 'invoice', 'receivables-invoice']).nullish().transform((v) => v ?? 'order'),
  DocumentId: optionalText,
  BatchId: optionalText.pipe(z.string().max(15, 'is longer than GP allows (BACHNUMB, 15)').optional()).transform((v) => v ?? 'SALESFORCE'),
  CustomerId: z.string().trim().min(1, 'is empty').max(15, 'is longer than GP allows (CUSTNMBR, 15)'),
  DocumentDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)'),
  CustomerPONumber: optionalText.pipe(z.string().max(20, 'is longer than GP allows (CSTPONBR, 20)').optional()),
  Description: optionalText.pipe(z.string().max(30, 'is longer than GP allows (DOCDESCR, 30)').optional()),
  SalesAccount: optionalText,
  ReceivablesAccount: optionalText,
  CostCenter: optionalText,
  Lines: z.array(lineSchema).min(1, 'has no lines'),
});
export type SalesDocumentFields = z.output<typeof salesDocumentFieldsSchema>;

export function parseSalesDocumentFields(key: string, fields: Record<string, unknown>): SalesDocumentFields {
  const parsed = salesDocumentFieldsSchema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'document'} ${i.message}`);
  throw new ConnectorError('validation', `Order ${key}: ${problems.join('; ')}`, {
    code: 'GP_BAD_DOCUMENT',
    fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))].filter(Boolean),
  });
}

/** Puts the cost center into segment `segment` (1-based) of an account string, keeping the segment's width. */
export function withCostCenter(account: string, costCenter: string | undefined, segment: number): string {
  if (!costCenter) return account.toUpperCase();
  const parts = account.split('-');
  const current = parts[segment - 1];
  if (current === undefined) {
    throw new ConnectorError('validation', `GL account ${account} has no segment ${segment} to put cost center ${costCenter} in`, { code: 'GP_BAD_COST_CENTER', fields: ['CostCenter'] });
  }
  if (costCenter.length !== current.length) {
    throw new ConnectorError('validation', `cost center "${costCenter}" does not fit segment ${segment} of GL account ${account} (${current.length} characters)`, {
      code: 'GP_BAD_COST_CENTER',
      fields: ['CostCenter'],
    });
  }
  parts[segment - 1] = costCenter;
  return parts.join('-').toUpperCase();
}

export interface ResolvedLine {
  itemNumber: string;
  description?: string;
  quantity: number;
  unitPrice: number;
  salesAccount?: string;
  uofm?: string;
  siteId?: string;
}

export function resolveLines(doc: SalesDocumentFields, costCenterSegment: number): ResolvedLine[] {
  return doc.Lines.map((l) => {
    const account = l.SalesAccount ?? doc.SalesAccount;
    return {
      itemNumber: l.ItemNumber.toUpperCase(),
      description: l.Description,
      quantity: l.Quantity,
      unitPrice: l.UnitPrice,
      salesAccount: account === undefined ? undefined : withCostCenter(account, doc.CostCenter, costCenterSegment),
      uofm: l.UofM,
      siteId: l.SiteId,
    };
  });
}

/** Amounts in the functional currency's decimals (Z-US$: 2), as GP rounds extended prices. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

export const SOP_TYPE_OF = { order: 2, invoice: 3 } as const;
export const DEFAULT_DOC_ID = { order: 'STDORD', invoice: 'STDINV' } as const;

export function sopPayload(doc: SalesDocumentFields, lines: ResolvedLine[]): Record<string, unknown> {
  return {
    CustomerId: doc.CustomerId.toUpperCase(),
    DocumentDate: doc.DocumentDate,
    CustomerPONumber: doc.CustomerPONumber ?? null,
    BatchId: doc.BatchId,
    // GP checks the subtotal against the lines (eConnect 67, GP-DOMAIN §6).
    Subtotal: round2(lines.reduce((s, l) => s + round2(l.quantity * l.unitPrice), 0)),
    Lines: lines.map((l) => ({
      ItemNumber: l.itemNumber,
      Quantity: l.quantity,
      UnitPrice: l.unitPrice,
      ...(l.description !== undefined ? { Description: l.description } : {}),
      ...(l.salesAccount !== undefined ? { SalesAccount: l.salesAccount } : {}),
      ...(l.uofm !== undefined ? { UofM: l.uofm } : {}),
      ...(l.siteId !== undefined ? { SiteId: l.siteId } : {}),
    })),
  };
}

/** RM invoice: one receivables debit for the total, sales credits per account (DISTTYPE 3 / 9 [U]). */
export function rmPayload(doc: SalesDocumentFields, lines: ResolvedLine[], receivablesAccount: string): Record<string, unknown> {
  const total = round2(lines.reduce((s, l) => s + round2(l.quantity * l.unitPrice), 0));
  const byAccount = new Map<string, number>();
  for (const l of lines) byAccount.set(l.salesAccount as string, round2((byAccount.get(l.salesAccount as string) ?? 0) + round2(l.quantity * l.unitPrice)));
  return {
    CustomerId: doc.CustomerId.toUpperCase(),
    DocumentDate: doc.DocumentDate,
    CustomerPONumber: doc.CustomerPONumber ?? null,
    Description: doc.Description ?? null,
    BatchId: doc.BatchId,
    SalesAmount: total,
    Distributions: [
      { DistributionType: 3, AccountNumber: receivablesAccount.toUpperCase(), DebitAmount: total, CreditAmount: 0 },
      ...[...byAccount].map(([account, amount]) => ({ DistributionType: 9, AccountNumber: account, DebitAmount: 0, CreditAmount: amount })),
    ],
  };
}
