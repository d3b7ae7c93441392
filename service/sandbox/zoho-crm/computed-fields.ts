/**
 * Values Zoho computes on save: Full_Name of Leads/Contacts (first + last), the line totals of Ordered_Items
 * (Total = Quantity × List_Price, Net_Total = Total − Discount) and the order's Sub_Total and Grand_Total
 * (Sub_Total − Discount + Tax + Adjustment), and the SO_Number autonumber [U exact tax/discount arithmetic].
 */
import type { ModuleDef } from './module-registry.ts';
import type { Org } from './org.ts';
import type { SubformRow } from './record-store.ts';

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const round2 = (v: number): number => Math.round(v * 100) / 100;

export function applyComputedFields(org: Org, mod: ModuleDef, values: Record<string, unknown>, isInsert: boolean): void {
  if (mod.fields.has('Full_Name') && mod.fields.has('Last_Name')) {
    const parts = [values.First_Name, values.Last_Name].filter((p): p is string => typeof p === 'string' && p !== '');
    values.Full_Name = parts.length > 0 ? parts.join(' ') : null;
  }
  if (mod.apiName === 'Sales_Orders') {
    const rows = Array.isArray(values.Ordered_Items) ? (values.Ordered_Items as SubformRow[]) : [];
    let subTotal = 0;
    for (const row of rows) {
      const total = round2(num(row.values.Quantity) * num(row.values.List_Price));
      row.values.Total = total;
      row.values.Net_Total = round2(total - num(row.values.Discount));
      subTotal += row.values.Net_Total as number;
    }
    values.Sub_Total = round2(subTotal);
    values.Grand_Total = round2(subTotal - num(values.Discount) + num(values.Tax) + num(values.Adjustment));
    if (isInsert) values.SO_Number = org.nextSalesOrderNumber();
  }
}
