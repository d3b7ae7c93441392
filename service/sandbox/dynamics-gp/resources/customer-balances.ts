/**
 * `Sales/CustomerBalances(<CustomerId>)` [U path] — RM00103, the customer summary GP maintains on posting
 * (GP-DOMAIN §3 table map): CUSTBLNC (open debits − open credits), UNPSTDCA (unposted cash, RM10201), the past
 * due part (open debits whose due date has passed, as of the server's local date), last payment date/amount.
 * The emulator derives the row from RM20101 / RM10201 at read time, which is what GP's posting keeps it equal
 * to. RM00103 has no DEX_ROW_TS and no modified date (GP-DOMAIN §5): clients cannot poll it by date; they
 * compare content (docs/gp-change-detection.md). Read-only.
 */
import { normalizeKey, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import type { FieldDefs } from '../odata-query.ts';
import type { GpResource } from '../resource-registry.ts';
import { cashReceiptTable } from './cash-receipts.ts';
import { customerTable } from './customer-store.ts';
import { roundAmount } from './document-payload.ts';
import { CREDIT_TYPES, DEBIT_TYPES, dueDateOf, historyTable, openTable } from './rm-posted.ts';

export interface CustomerBalance {
  customer: Row;
  balance: number;
  pastDue: number;
  unpostedCash: number;
  lastPaymentDate: string;
  lastPaymentAmount: number;
}

export function customerBalance(company: GpCompany, clock: GpClock, customer: Row): CustomerBalance {
  const id = normalizeKey(customer.CUSTNMBR as string);
  const today = clock.localDate();
  const decimals = company.currency.decimals;
  let balance = 0;
  let pastDue = 0;
  for (const h of openTable(company).values()) {
    if (normalizeKey(h.CUSTNMBR as string) !== id) continue;
    const amount = h.CURTRXAM as number;
    if (DEBIT_TYPES.has(h.RMDTYPAL as number)) {
      balance += amount;
      if (amount > 0 && dueDateOf(company, h) < today) pastDue += amount;
    } else if (CREDIT_TYPES.has(h.RMDTYPAL as number)) balance -= amount;
  }
  let lastPaymentDate = '1900-01-01';
  let lastPaymentAmount = 0;
  for (const h of [...openTable(company).values(), ...historyTable(company).values()]) {
    if (h.RMDTYPAL !== 9 || normalizeKey(h.CUSTNMBR as string) !== id) continue;
    if ((h.DOCDATE as string) > lastPaymentDate) {
      lastPaymentDate = h.DOCDATE as string;
      lastPaymentAmount = h.DOCAMNT as number;
    }
  }
  const unpostedCash = cashReceiptTable(company)
    .values()
    .filter((r) => normalizeKey(r.CUSTNMBR as string) === id)
    .reduce((sum, r) => sum + (r.ORTRXAMT as number), 0);
  return { customer, balance: roundAmount(balance, decimals), pastDue: roundAmount(pastDue, decimals), unpostedCash: roundAmount(unpostedCash, decimals), lastPaymentDate, lastPaymentAmount };
}

function balancesView(company: GpCompany, clock: GpClock): GpTable<CustomerBalance> {
  const customers = customerTable(company);
  return {
    // Derived rows: a fresh sort on every read (the version never matches a cached view).
    get version() {
      return Number.NaN;
    },
    get: (key) => {
      const c = customers.get(normalizeKey(key));
      return c && customerBalance(company, clock, c);
    },
    set: () => {
      throw new Error('customer balances are maintained by posting');
    },
    delete: () => false,
    values: () => customers.values().map((c) => customerBalance(company, clock, c)),
    get size() {
      return customers.size;
    },
  };
}

const FIELDS: FieldDefs<CustomerBalance> = {
  CustomerId: { type: 'string', get: (b) => b.customer.CUSTNMBR as string },
  Balance: { type: 'number', get: (b) => b.balance },
};

export const customerBalancesResource: GpResource<CustomerBalance> = {
  path: 'Sales/CustomerBalances',
  entity: 'CustomerBalance',
  keyParts: 1,
  fields: FIELDS,
  defaultOrder: [{ field: 'CustomerId', descending: false }],
  table: (ctx) => balancesView(ctx.company, ctx.clock),
  find: (ctx, [id]) => balancesView(ctx.company, ctx.clock).get(id ?? ''),
  toWire: (b) => ({
    CustomerId: b.customer.CUSTNMBR,
    Balance: b.balance,
    PastDueAmount: b.pastDue,
    UnpostedCashAmount: b.unpostedCash,
    CreditLimitType: b.customer.CRLMTTYP,
    CreditLimitAmount: b.customer.CRLMTAMT,
    LastPaymentDate: `${b.lastPaymentDate}T00:00:00`,
    LastPaymentAmount: b.lastPaymentAmount,
  }),
};
