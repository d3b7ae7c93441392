/** `Sales/Customers` — the customer master (RM00101) as an SBA resource. */
import { normalizeKey, toWireValue, type Row } from '../gp-columns.ts';
import type { GpResource } from '../resource-registry.ts';
import { CUSTOMER_COLUMNS, CUSTOMER_FIELDS } from './customer-columns.ts';
import { createCustomer, customerTable, findCustomer, updateCustomer } from './customer-store.ts';

export const customersResource: GpResource<Row> = {
  path: 'Sales/Customers',
  entity: 'Customer',
  keyParts: 1,
  fields: CUSTOMER_FIELDS,
  defaultOrder: [{ field: 'CustomerId', descending: false }],
  table: (ctx) => customerTable(ctx.company),
  find: (ctx, [id]) => (id === undefined ? undefined : findCustomer(ctx.company, normalizeKey(id))),
  toWire(row) {
    const out: Record<string, unknown> = {};
    for (const spec of CUSTOMER_COLUMNS) out[spec.wire] = toWireValue(spec, row[spec.column]);
    return out;
  },
  create: (ctx, payload) => createCustomer(ctx.company, ctx.clock, payload),
  update: (ctx, [id], payload) => updateCustomer(ctx.company, ctx.clock, id as string, payload),
};
