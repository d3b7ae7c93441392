/** `Sales/Receivables(<DocumentType>;<DocumentNumber>)` — RM transactions, work and open (FACTS §2.1 "Sales: Receivables"; key [U]). */
import type { GpResource } from '../resource-registry.ts';
import { badRequest } from '../sba-error.ts';
import { RM_FIELDS, rmToWire, type RmDocument } from './rm-columns.ts';
import { createRmDocument, deleteRmDocument, findRmDocument, rmDocumentView, updateRmDocument } from './rm-store.ts';

function rmType(raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`ReceivablesTransaction keys are (<DocumentType>;<DocumentNumber>); "${raw}" is not a document type number`);
  return n;
}

export const receivablesResource: GpResource<RmDocument> = {
  path: 'Sales/Receivables',
  entity: 'ReceivablesTransaction',
  keyParts: 2,
  fields: RM_FIELDS,
  defaultOrder: [
    { field: 'DocumentType', descending: false },
    { field: 'DocumentNumber', descending: false },
  ],
  table: (ctx) => rmDocumentView(ctx.company),
  find: (ctx, [type, number]) => findRmDocument(ctx.company, rmType(type), number ?? ''),
  toWire: rmToWire,
  create: (ctx, payload) => createRmDocument(ctx.company, ctx.clock, payload),
  update: (ctx, [type, number], payload) => updateRmDocument(ctx.company, ctx.clock, rmType(type), number ?? '', payload),
  delete: (ctx, [type, number]) => deleteRmDocument(ctx.company, rmType(type), number ?? ''),
};
