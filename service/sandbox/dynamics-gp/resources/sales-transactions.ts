/** `Sales/Transactions(<SopType>;<SopNumber>)` — SOP documents, work and history (FACTS §2.1 "Sales: Transactions"; key order [U]). */
import type { GpResource } from '../resource-registry.ts';
import { badRequest } from '../sba-error.ts';
import { SOP_FIELDS, sopToWire, type SopDocument } from './sop-columns.ts';
import { createSopDocument, deleteSopDocument, findSopDocument, sopDocumentView, updateSopDocument } from './sop-store.ts';

function sopType(raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`SalesTransaction keys are (<SopType>;<SopNumber>); "${raw}" is not a SOP type number`);
  return n;
}

export const salesTransactionsResource: GpResource<SopDocument> = {
  path: 'Sales/Transactions',
  entity: 'SalesTransaction',
  keyParts: 2,
  fields: SOP_FIELDS,
  defaultOrder: [
    { field: 'SopType', descending: false },
    { field: 'SopNumber', descending: false },
  ],
  table: (ctx) => sopDocumentView(ctx.company),
  find: (ctx, [type, number]) => findSopDocument(ctx.company, sopType(type), number ?? ''),
  toWire: sopToWire,
  create: (ctx, payload) => createSopDocument(ctx.company, ctx.clock, payload, { enteredBy: ctx.gpUserId }),
  update: (ctx, [type, number], payload) => updateSopDocument(ctx.company, ctx.clock, sopType(type), number ?? '', payload),
  delete: (ctx, [type, number]) => deleteSopDocument(ctx.company, sopType(type), number ?? ''),
};
