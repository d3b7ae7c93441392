/**
 * Writes to RM00101 with the rules of Microsoft's taUpdateCreateCustomerRcd (GP-DOMAIN §6; error numbers
 * from that procedure's DDL [V], texts in eConnect's style [U]): blank number 33, negative amounts 5403,
 * already exists 251 (create = UpdateIfExists 0), unknown class 495 / tax schedule 250 / salesperson 249 /
 * territory 5458 / payment terms 5421 / currency 1327, credit limit type 4617 and 7128, precision 8006.
 * Every write stamps MODIFDT with the server-local date and DEX_ROW_TS with UTC (GP-DOMAIN §5).
 */
import { econnectError } from '../econnect-error.ts';
import { blankRow, countDecimals, normalizeKey, toStoredValue, type Row } from '../gp-columns.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany, GpTable } from '../gp-company.ts';
import { hasReference, type ReferenceTable } from '../reference-data.ts';
import { badRequest } from '../sba-error.ts';
import { CUSTOMER_COLUMNS, CUSTOMER_COLUMN_BY_WIRE, CUSTOMER_TABLE } from './customer-columns.ts';

const PROCEDURE = 'taUpdateCreateCustomerRcd';

const REFERENCES: Array<{ column: string; table: ReferenceTable; number: number; description: string }> = [
  { column: 'CUSTCLAS', table: 'RM00201', number: 495, description: 'The Customer Class (CUSTCLAS) does not exist in the Customer Class Master Table - RM00201' },
  { column: 'TAXSCHID', table: 'TX00101', number: 250, description: 'The Tax Schedule ID (TAXSCHID) does not exist in the Sales/Purchases Tax Schedule Master Table - TX00101' },
  { column: 'SLPRSNID', table: 'RM00301', number: 249, description: 'The Salesperson ID (SLPRSNID) does not exist in the Salesperson Master Table - RM00301' },
  { column: 'SALSTERR', table: 'RM00303', number: 5458, description: 'The Sales Territory (SALSTERR) does not exist in the Sales Territory Master Table - RM00303' },
  { column: 'PYMTRMID', table: 'SY03300', number: 5421, description: 'The Payment Terms ID (PYMTRMID) does not exist in the Payment Terms Master Table - SY03300' },
  { column: 'CURNCYID', table: 'MC40200', number: 1327, description: 'The Currency ID (CURNCYID) does not exist in the Currency Setup Table - MC40200' },
];

export function customerTable(company: GpCompany): GpTable<Row> {
  return company.table<Row>(CUSTOMER_TABLE);
}

export function findCustomer(company: GpCompany, id: string): Row | undefined {
  return customerTable(company).get(normalizeKey(id));
}

/** Converts the wire properties of a payload into column values, refusing unknown and read-only ones. */
function readPayload(payload: Record<string, unknown>): Row {
  const values: Row = {};
  for (const [prop, value] of Object.entries(payload)) {
    const spec = CUSTOMER_COLUMN_BY_WIRE.get(prop);
    if (!spec) throw badRequest(`Customer has no property "${prop}"`, 'ValidationFailed');
    if (spec.kind === 'date' || spec.kind === 'timestamp') throw badRequest(`Customer.${prop} is read-only`, 'ValidationFailed');
    values[spec.column] = toStoredValue(spec, value);
  }
  return values;
}

function checkRules(company: GpCompany, row: Row): void {
  const id = normalizeKey(row.CUSTNMBR as string);
  const fail = (number: number, description: string) => econnectError({ number, procedure: PROCEDURE, description, keys: { CUSTNMBR: id } });
  const amount = row.CRLMTAMT as number;
  if (amount < 0) throw fail(5403, 'Amounts and percentages (CUSTDISC, FNCHPCNT, FINCHDLR, MINPYPCT, MINPYDLR, CRLMTAMT, CRLMTPAM, MXWROFAM) cannot be negative');
  for (const ref of REFERENCES) {
    const value = (row[ref.column] as string).trimEnd();
    if (value !== '' && !hasReference(company, ref.table, value)) throw fail(ref.number, ref.description);
  }
  if (![0, 1, 2].includes(row.CRLMTTYP as number)) throw fail(4617, 'The Credit Limit Type (CRLMTTYP) must be 0 (No Credit), 1 (Unlimited) or 2 (Amount)');
  if (amount > 0 && row.CRLMTTYP !== 2) throw fail(7128, 'A Credit Limit Amount (CRLMTAMT) requires Credit Limit Type (CRLMTTYP) 2 (Amount)');
  if (countDecimals(amount) > company.currency.decimals) {
    throw fail(8006, `An amount (CRLMTAMT) has more decimal places than the currency ${company.currency.id} allows (${company.currency.decimals})`);
  }
}

function stamp(row: Row, clock: GpClock, created: boolean): Row {
  const today = clock.localDate();
  return { ...row, ...(created ? { CREATDDT: today } : {}), MODIFDT: today, DEX_ROW_TS: clock.rowTimestamp() };
}

/** POST: create only (eConnect UpdateIfExists = 0 → 251 when the number is taken). */
export function createCustomer(company: GpCompany, clock: GpClock, payload: Record<string, unknown>): Row {
  const values = readPayload(payload);
  const id = values.CUSTNMBR === undefined ? '' : normalizeKey(values.CUSTNMBR as string);
  if (id === '') throw econnectError({ number: 33, procedure: PROCEDURE, description: 'The Customer Number (CUSTNMBR) is empty', keys: { CUSTNMBR: '' } });
  if (findCustomer(company, id)) {
    throw econnectError({
      number: 251,
      procedure: PROCEDURE,
      description: 'The Customer Number (CUSTNMBR) already exists in the Customer Master Table - RM00101',
      keys: { CUSTNMBR: id },
      status: 409,
    });
  }
  const row = { ...blankRow(CUSTOMER_COLUMNS), ...values };
  checkRules(company, row);
  const stamped = stamp(row, clock, true);
  customerTable(company).set(id, stamped);
  return stamped;
}

/** PATCH / a GP user saving the customer card: field-level update of an existing customer. */
export function updateCustomer(company: GpCompany, clock: GpClock, id: string, payload: Record<string, unknown>): Row {
  const existing = findCustomer(company, id);
  if (!existing) throw new Error(`customer ${id} does not exist`);
  const values = readPayload(payload);
  if (values.CUSTNMBR !== undefined && normalizeKey(values.CUSTNMBR as string) !== normalizeKey(existing.CUSTNMBR as string)) {
    throw badRequest('Customer.CustomerId cannot be changed (it is the key of RM00101)', 'ValidationFailed');
  }
  const row = { ...existing, ...values };
  checkRules(company, row);
  const stamped = stamp(row, clock, false);
  customerTable(company).set(normalizeKey(id), stamped);
  return stamped;
}

/** Loads a customer with explicit dates (demo data, generators): no rule bypass except the stamps. */
export function seedCustomer(
  company: GpCompany,
  payload: Record<string, unknown>,
  dates: { createdDate: string; modifiedDate: string; lastModifiedMs: number },
): Row {
  const row = { ...blankRow(CUSTOMER_COLUMNS), ...readPayload(payload) };
  checkRules(company, row);
  const stamped = { ...row, CREATDDT: dates.createdDate, MODIFDT: dates.modifiedDate, DEX_ROW_TS: dates.lastModifiedMs };
  customerTable(company).set(normalizeKey(row.CUSTNMBR as string), stamped);
  return stamped;
}
