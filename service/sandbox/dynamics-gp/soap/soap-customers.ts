/**
 * Customers over GP Web Services (IReceivableCards, IRecievableChanges — sic, FACTS §2.3 #6) on the customer store
 * of the SBA side (resources/customer-store.ts: eConnect's rules and error numbers):
 * - `GetCustomerList(CustomerCriteria)` returns `CustomerSummary` rows only (FACTS §2.3 #3), filtered by
 *   ModifiedDate / LastModifiedDate ranges (§2.3 #4) and the other restrictions listed below, ordered by id;
 * - `GetCustomerByKey(CustomerKey)`; a missing customer is `BusinessObjectNotFound`;
 * - `CreateCustomer` / `UpdateCustomer` need their policy (§2.3 #2); an update changes only the members sent;
 * - `GetChangedCustomerKeyList` approximates the Requester's change log from DEX_ROW_TS (GP-DOMAIN §5) [U]:
 *   `Created` when the customer was created on the day of its last change, else `Updated`; no deletes are kept.
 */
import { normalizeKey, type Row } from '../gp-columns.ts';
import type { GpCompany } from '../gp-company.ts';
import type { ReferenceRow } from '../reference-data.ts';
import { customersResource } from '../resources/customers.ts';
import { createCustomer, customerTable, findCustomer, updateCustomer } from '../resources/customer-store.ts';
import { checkCriteriaBase, criteriaSupported, dateTimeMatcher, equalityMatcher, stringMatcher, type Matcher } from './soap-criteria.ts';
import type { SoapCallTools, SoapOperation } from './soap-call.ts';
import { CURRENCY_ISO } from './soap-companies.ts';
import { CUSTOMER_READ_MEMBERS, readCustomer, writeCustomer, type CurrencyCodes } from './customer-xml.ts';
import { SoapFaultError } from './soap-fault.ts';

const CUSTOMERS = 'Sales/Customers';
const LIST_CRITERIA = ['ClassId', 'CreatedDate', 'Id', 'IsActive', 'IsOnHold', 'LastModifiedDate', 'ModifiedDate', 'Name', 'SalespersonId', 'Scope', 'State'];

const day = (v: unknown) => `${String(v)}T00:00:00.000`;
const rowTs = (r: Row) => new Date(r.DEX_ROW_TS as number).toISOString().slice(0, 23);

function currencyCodes(company: GpCompany): CurrencyCodes {
  const rows = company.table<ReferenceRow>('MC40200').values();
  return {
    toIso: (id) => (rows.some((r) => normalizeKey(r.id) === normalizeKey(id)) ? CURRENCY_ISO[normalizeKey(id)] : undefined),
    fromIso: (iso) => rows.find((r) => CURRENCY_ISO[normalizeKey(r.id)] === iso.trim().toUpperCase())?.id,
  };
}

function customerFilter(criteria: ReturnType<SoapCallTools['required']>): Matcher<Row> {
  checkCriteriaBase(criteria);
  const scope = criteria.enumValue('Scope');
  if (scope !== undefined && scope !== 'Return All') throw new SoapFaultError('InvalidMessage', `CustomerCriteria.Scope "${scope}" is not supported by this emulator (only "Return All")`);
  const text = (name: string, get: (r: Row) => string) => {
    const m = stringMatcher(criteria, name);
    return m && ((r: Row) => m(get(r)));
  };
  const date = (name: string, get: (r: Row) => string) => {
    const m = dateTimeMatcher(criteria, name);
    return m && ((r: Row) => m(get(r)));
  };
  const flag = (name: string, get: (r: Row) => boolean) => {
    const m = equalityMatcher(criteria, name, 'bool');
    return m && ((r: Row) => m(get(r)));
  };
  const checks = [
    text('ClassId', (r) => r.CUSTCLAS as string),
    date('CreatedDate', (r) => day(r.CREATDDT)),
    text('Id', (r) => r.CUSTNMBR as string),
    flag('IsActive', (r) => r.INACTIVE === 0),
    flag('IsOnHold', (r) => r.HOLD === 1),
    date('LastModifiedDate', rowTs),
    date('ModifiedDate', (r) => day(r.MODIFDT)),
    text('Name', (r) => r.CUSTNAME as string),
    text('SalespersonId', (r) => r.SLPRSNID as string),
    text('State', (r) => r.STATE as string),
  ].filter((c): c is Matcher<Row> => c !== undefined);
  return (r) => checks.every((c) => c(r));
}

export function createCustomerOperations(t: SoapCallTools): Record<'GetCustomerList' | 'GetCustomerByKey' | 'CreateCustomer' | 'UpdateCustomer' | 'GetChangedCustomerKeyList', SoapOperation> {
  const readPayload = (call: Parameters<SoapOperation>[0], company: GpCompany) => readCustomer(t.required(call, 'customer', CUSTOMER_READ_MEMBERS), currencyCodes(company));
  return {
    GetCustomerList(call) {
      const company = t.open(call, CUSTOMERS, 'read');
      const criteria = call.params.object('criteria', criteriaSupported(LIST_CRITERIA));
      const keep = criteria ? customerFilter(criteria) : () => true;
      return customerTable(company)
        .values()
        .filter(keep)
        .sort((a, b) => (normalizeKey(a.CUSTNMBR as string) < normalizeKey(b.CUSTNMBR as string) ? -1 : 1))
        .map((r) => {
          const w = customersResource.toWire(r);
          return {
            CreatedDate: String(w.CreatedDate),
            CustomerClassKey: { Id: String(w.ClassId).trimEnd() },
            IsActive: w.IsActive === true,
            IsOnHold: w.IsOnHold === true,
            Key: { Id: String(w.CustomerId).trimEnd() },
            LastModifiedDate: String(w.LastModifiedDate),
            ModifiedDate: String(w.ModifiedDate),
            Name: String(w.Name).trimEnd(),
            SalespersonKey: { Id: String(w.SalespersonId).trimEnd() },
            State: String(w.State).trimEnd(),
          };
        });
    },
    GetCustomerByKey(call) {
      const company = t.open(call, CUSTOMERS, 'read');
      const id = normalizeKey(t.required(call, 'key', ['CompanyKey', 'Id']).text('Id') ?? '');
      const row = findCustomer(company, id);
      if (!row) throw new SoapFaultError('BusinessObjectNotFound', `Customer '${id}' was not found in company '${company.name}'`);
      return writeCustomer(customersResource.toWire(row), currencyCodes(company));
    },
    CreateCustomer(call) {
      const company = t.open(call, CUSTOMERS, 'create');
      t.checkPolicy(call);
      const payload = readPayload(call, company);
      try {
        createCustomer(company, t.deps.clock, payload);
      } catch (err) {
        t.asFault(err);
      }
      return undefined;
    },
    UpdateCustomer(call) {
      const company = t.open(call, CUSTOMERS, 'update');
      t.checkPolicy(call);
      const payload = readPayload(call, company);
      const id = normalizeKey(String(payload.CustomerId ?? ''));
      if (!findCustomer(company, id)) throw new SoapFaultError('BusinessObjectNotFound', `Customer '${id}' was not found in company '${company.name}'`);
      try {
        updateCustomer(company, t.deps.clock, id, payload);
      } catch (err) {
        t.asFault(err);
      }
      return undefined;
    },
    GetChangedCustomerKeyList(call) {
      const company = t.open(call, CUSTOMERS, 'read');
      const criteria = call.params.object('criteria', criteriaSupported(['Action', 'LastModifiedDate', 'Id']));
      if (criteria) checkCriteriaBase(criteria);
      const when = criteria && dateTimeMatcher(criteria, 'LastModifiedDate');
      const action = criteria && equalityMatcher(criteria, 'Action', 'enum');
      const id = criteria && stringMatcher(criteria, 'Id');
      return customerTable(company)
        .values()
        .map((r) => ({ r, ts: rowTs(r), act: r.CREATDDT === r.MODIFDT ? 'Created' : 'Updated' }))
        .filter(({ r, ts, act }) => (!when || when(ts)) && (!action || action(act)) && (!id || id(r.CUSTNMBR as string)))
        .map(({ r, ts, act }) => ({ Action: act, LastModifiedDate: ts, Id: (r.CUSTNMBR as string).trimEnd() }));
    },
  };
}
