/**
 * The GP Web Services operations the emulator serves, on the same company data as the SBA resources (the
 * customer store of resources/customer-store.ts, with eConnect's rules and error numbers):
 * GetCompanyList, GetPolicyByOperation, GetCurrencyList, GetCustomerList (CustomerCriteria → CustomerSummary,
 * FACTS §2.3 #3–4), GetCustomerByKey, CreateCustomer / UpdateCustomer (policy required, §2.3 #2) and
 * GetChangedCustomerKeyList on the misspelled IRecievableChanges (§2.3 #6); sales orders (soap-sales-orders.ts) and
 * GL journal entries (soap-gl-transactions.ts) on the SBA resources' own stores and rules.
 * Security: the Windows account's GP user needs company access and Sales/Customers rights (sandbox-users.ts).
 */
import { randomUUID } from 'node:crypto';
import { customerFromXml, customerToXml, SoapDataError, type CurrencyCodes } from '../../../src/connectors/dynamics-gp/soap/customer-codec.ts';
import { GP_COMMON_NS, GP_DATA_NS, type GpSoapOperation } from '../../../src/connectors/dynamics-gp/soap/soap-contract.ts';
import { child, childText, el, isNil, type Markup, type XmlElement } from '../../../src/connectors/dynamics-gp/soap/xml.ts';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany } from '../gp-company.ts';
import { normalizeKey, type Row } from '../gp-columns.ts';
import type { GpAction } from '../resource-registry.ts';
import { customersResource } from '../resources/customers.ts';
import { createCustomer, customerTable, findCustomer, updateCustomer } from '../resources/customer-store.ts';
import type { ReferenceRow } from '../reference-data.ts';
import { mayOpenCompany, mayPerform, type GpSandboxUser } from '../sandbox-users.ts';
import { SbaError } from '../sba-error.ts';
import { createGlTransactionOperations } from './soap-gl-transactions.ts';
import { createSalesOrderOperations } from './soap-sales-orders.ts';
import { CURRENCY_ISO, companyKeyOf, type SoapCompanyDirectory } from './soap-companies.ts';
import { SoapFaultError, invalidMessage, validationFailed } from './soap-fault.ts';
import { checkCriteriaBase, checkOrder, CRITERIA_BASE, inRange, readContext, readDateRange, type DateRange } from './soap-request.ts';

export interface SoapOperationDeps extends SoapCompanyDirectory {
  tenant: string;
  clock: GpClock;
  serviceNs: string;
}

export type SoapOperation = (call: SoapCall) => Array<Markup | undefined>;

export interface SoapCall {
  /** The operation element of the Body. */
  body: XmlElement;
  user: GpSandboxUser;
}

const CUSTOMERS = 'Sales/Customers';
const SALES_TRANSACTIONS = 'Sales/Transactions';
const GL_TRANSACTIONS = 'Financials/GLTransactions';
const RESOURCE_NAMES: Record<string, string> = { [CUSTOMERS]: 'customers', [SALES_TRANSACTIONS]: 'sales transactions', [GL_TRANSACTIONS]: 'GL transactions' };
const POLICY_OPERATIONS: Record<string, GpAction> = { CreateCustomer: 'create', UpdateCustomer: 'update', CreateSalesOrder: 'create', CreateGLTransaction: 'create' };
/** What each policy covers: the business object and the SBA resource whose rights it needs (sandbox-users.ts). */
const POLICY_OBJECTS: Record<string, { root: string; resource: string }> = {
  CreateCustomer: { root: 'Customer', resource: CUSTOMERS },
  UpdateCustomer: { root: 'Customer', resource: CUSTOMERS },
  CreateSalesOrder: { root: 'SalesOrder', resource: SALES_TRANSACTIONS },
  CreateGLTransaction: { root: 'GLTransaction', resource: GL_TRANSACTIONS },
};

const dateTimeOf = (date: unknown) => `${String(date).slice(0, 10)}T00:00:00.000`;

function currencyCodes(company: GpCompany): CurrencyCodes {
  const rows = company.table<ReferenceRow>('MC40200').values();
  return {
    toIso: (id) => (rows.some((r) => normalizeKey(r.id) === normalizeKey(id)) ? CURRENCY_ISO[id.trim().toUpperCase()] : undefined),
    fromIso: (iso) => rows.find((r) => CURRENCY_ISO[normalizeKey(r.id)] === iso.trim().toUpperCase())?.id,
  };
}

/** SBA errors from the shared store (eConnect numbers, field rules) as faults with the same text. */
function asFault(err: unknown): never {
  if (err instanceof SoapDataError) throw validationFailed(err.message);
  if (err instanceof SbaError && err.status < 500) throw new SoapFaultError(err.code.startsWith('eConnect') ? 'eConnect' : 'ValidationFailed', err.message);
  throw err;
}

export function createSoapOperations(deps: SoapOperationDeps) {
  const policyIds = new Map(Object.keys(POLICY_OPERATIONS).map((op) => [op, randomUUID()]));
  const param = (call: SoapCall, name: string) => child(call.body, deps.serviceNs, name);

  function params(call: SoapCall, operation: string, names: string[]): void {
    checkOrder(call.body, operation, names.map((n) => [deps.serviceNs, n]));
  }

  function open(call: SoapCall, action: GpAction, resource = CUSTOMERS): GpCompany {
    const company = readContext(param(call, 'context'), deps, deps.tenant);
    if (!mayOpenCompany(call.user, company.name, company.database)) {
      throw new SoapFaultError('AccessDenied', `The GP user ${call.user.gpUserId} does not have access to company '${company.name}'`);
    }
    if (!mayPerform(call.user, resource, action)) {
      const what = RESOURCE_NAMES[resource] ?? resource;
      throw new SoapFaultError('AccessDenied', `The GP user ${call.user.gpUserId} does not have security access to ${action} ${what} in company '${company.name}'`);
    }
    return company;
  }

  function customerXml(company: GpCompany, row: Row, name: string): Markup {
    return el(name, customerToXml(customersResource.toWire(row), currencyCodes(company), { readOnly: true }));
  }

  function checkPolicy(call: SoapCall, operation: string): void {
    const policy = param(call, 'policy');
    if (!policy || isNil(policy)) throw new SoapFaultError('PolicyRequired', `${operation} needs the policy returned by GetPolicyByOperation("${operation}") (FACTS §2.3 #2)`);
    const id = childText(child(policy, GP_COMMON_NS, 'Key'), GP_COMMON_NS, 'Id');
    if (id !== policyIds.get(operation)) throw new SoapFaultError('PolicyRequired', `The policy sent is not the ${operation} policy; get it with GetPolicyByOperation("${operation}")`);
  }

  function readCustomerParam(call: SoapCall, company: GpCompany): Record<string, unknown> {
    const c = param(call, 'customer');
    if (!c || isNil(c)) throw invalidMessage('customer is required');
    try {
      return customerFromXml(c, currencyCodes(company));
    } catch (err) {
      return asFault(err);
    }
  }

  const ops: Partial<Record<GpSoapOperation, SoapOperation>> = {
    ...createSalesOrderOperations({ deps, param, params, open: (call, action) => open(call, action, SALES_TRANSACTIONS), checkPolicy, asFault }),
    ...createGlTransactionOperations({ deps, param, params, open: (call, action) => open(call, action, GL_TRANSACTIONS), checkPolicy, asFault }),
    GetCompanyList(call) {
      params(call, 'GetCompanyList', ['criteria', 'context']);
      const criteria = param(call, 'criteria');
      if (criteria && !isNil(criteria) && criteria.children.some((m) => m.ns !== GP_COMMON_NS)) throw invalidMessage('CompanyCriteria restrictions are not supported by this emulator');
      const visible = deps.companies.filter((c) => mayOpenCompany(call.user, c.name, c.database));
      return [el('GetCompanyListResult', visible.map((c) => el('g:Company', [el('g:Key', el('c:Id', String(companyKeyOf(deps, c)))), el('g:Name', c.name)])))];
    },
    GetPolicyByOperation(call) {
      params(call, 'GetPolicyByOperation', ['operation', 'context']);
      const operation = param(call, 'operation')?.text.trim() ?? '';
      const action = POLICY_OPERATIONS[operation];
      if (!action) throw validationFailed(`No policy exists for the operation "${operation}" (known: ${Object.keys(POLICY_OPERATIONS).join(', ')})`);
      open(call, action, POLICY_OBJECTS[operation]!.resource);
      return [
        el('GetPolicyByOperationResult', [
          el('c:Behaviors', ''),
          el('c:Key', el('c:Id', policyIds.get(operation)!)),
          el('c:Name', operation),
          el('c:RootBusinessObjectName', POLICY_OBJECTS[operation]!.root),
        ]),
      ];
    },
    GetCurrencyList(call) {
      params(call, 'GetCurrencyList', ['criteria', 'context']);
      const company = readContext(param(call, 'context'), deps, deps.tenant);
      const rows = company.table<ReferenceRow>('MC40200').values();
      return [
        el(
          'GetCurrencyListResult',
          rows.map((r) => el('g:Currency', [el('g:Description', r.description), el('g:Id', r.id), el('g:Key', el('g:ISOCode', CURRENCY_ISO[normalizeKey(r.id)] ?? ''))])),
        ),
      ];
    },
    GetCustomerList(call) {
      params(call, 'GetCustomerList', ['criteria', 'context']);
      const company = open(call, 'read');
      const criteria = param(call, 'criteria');
      let modified: DateRange | undefined;
      let lastModified: DateRange | undefined;
      let active: boolean | undefined;
      if (criteria && !isNil(criteria)) {
        const members = ['ClassId', 'CorporateAccountId', 'CreatedDate', 'Id', 'IsActive', 'IsOnHold', 'LastModifiedDate', 'ModifiedDate', 'Name', 'PhoneNumber', 'SalespersonId', 'Scope', 'State'];
        checkOrder(criteria, 'CustomerCriteria', [...CRITERIA_BASE, ...members.map((m): [string, string] => [GP_DATA_NS, m])]);
        checkCriteriaBase(criteria);
        for (const m of criteria.children) {
          if (m.ns === GP_DATA_NS && !['ModifiedDate', 'LastModifiedDate', 'IsActive'].includes(m.local)) throw invalidMessage(`CustomerCriteria.${m.local} is not supported by this emulator`);
        }
        modified = readDateRange(child(criteria, GP_DATA_NS, 'ModifiedDate'), 'ModifiedDate');
        lastModified = readDateRange(child(criteria, GP_DATA_NS, 'LastModifiedDate'), 'LastModifiedDate');
        const isActive = childText(child(criteria, GP_DATA_NS, 'IsActive'), GP_COMMON_NS, 'EqualValue');
        if (isActive !== undefined) active = isActive === 'true';
      }
      const rows = customerTable(company)
        .values()
        .filter((r) => inRange(dateTimeOf(r.MODIFDT), modified) && inRange(new Date(r.DEX_ROW_TS as number).toISOString().slice(0, 23), lastModified))
        .filter((r) => active === undefined || (r.INACTIVE === 0) === active)
        .sort((a, b) => (normalizeKey(a.CUSTNMBR as string) < normalizeKey(b.CUSTNMBR as string) ? -1 : 1));
      const summary = (r: Row) => {
        const w = customersResource.toWire(r);
        return el('g:CustomerSummary', [
          el('g:CreatedDate', String(w.CreatedDate)),
          el('g:IsActive', String(w.IsActive)),
          el('g:IsOnHold', String(w.IsOnHold)),
          el('g:Key', el('g:Id', String(w.CustomerId).trimEnd())),
          el('g:LastModifiedDate', String(w.LastModifiedDate)),
          el('g:ModifiedDate', String(w.ModifiedDate)),
          el('g:Name', String(w.Name).trimEnd()),
        ]);
      };
      return [el('GetCustomerListResult', rows.map(summary))];
    },
    GetCustomerByKey(call) {
      params(call, 'GetCustomerByKey', ['key', 'context']);
      const company = open(call, 'read');
      const key = param(call, 'key');
      if (!key || isNil(key)) throw invalidMessage('key is required: CustomerKey{Id}');
      checkOrder(key, 'CustomerKey', [[GP_DATA_NS, 'CompanyKey'], [GP_DATA_NS, 'Id']]);
      const id = childText(key, GP_DATA_NS, 'Id') ?? '';
      const row = findCustomer(company, normalizeKey(id));
      if (!row) throw new SoapFaultError('BusinessObjectNotFound', `Customer '${normalizeKey(id)}' was not found in company '${company.name}'`);
      return [customerXml(company, row, 'GetCustomerByKeyResult')];
    },
    CreateCustomer(call) {
      params(call, 'CreateCustomer', ['customer', 'context', 'policy']);
      const company = open(call, 'create');
      checkPolicy(call, 'CreateCustomer');
      const payload = readCustomerParam(call, company);
      try {
        createCustomer(company, deps.clock, payload);
      } catch (err) {
        asFault(err);
      }
      return [];
    },
    UpdateCustomer(call) {
      params(call, 'UpdateCustomer', ['customer', 'context', 'policy']);
      const company = open(call, 'update');
      checkPolicy(call, 'UpdateCustomer');
      const payload = readCustomerParam(call, company);
      const id = normalizeKey(String(payload.CustomerId ?? ''));
      if (!findCustomer(company, id)) throw new SoapFaultError('BusinessObjectNotFound', `Customer '${id}' was not found in company '${company.name}'`);
      try {
        updateCustomer(company, deps.clock, id, payload);
      } catch (err) {
        asFault(err);
      }
      return [];
    },
    GetChangedCustomerKeyList(call) {
      // The Requester's change log is approximated from DEX_ROW_TS (GP-DOMAIN §5): Created when the customer was
      // created on the day of its last change, else Updated; the store has no deletes, so no Deleted keys [U].
      params(call, 'GetChangedCustomerKeyList', ['criteria', 'context']);
      const company = open(call, 'read');
      const criteria = param(call, 'criteria');
      let range: DateRange | undefined;
      if (criteria && !isNil(criteria)) {
        checkOrder(criteria, 'CustomerChangedKeyCriteria', [...CRITERIA_BASE, [GP_DATA_NS, 'Action'], [GP_DATA_NS, 'LastModifiedDate']]);
        checkCriteriaBase(criteria);
        if (child(criteria, GP_DATA_NS, 'Action')) throw invalidMessage('CustomerChangedKeyCriteria.Action is not supported by this emulator');
        range = readDateRange(child(criteria, GP_DATA_NS, 'LastModifiedDate'), 'LastModifiedDate');
      }
      const keys = customerTable(company)
        .values()
        .map((r) => ({ r, ts: new Date(r.DEX_ROW_TS as number).toISOString().slice(0, 23) }))
        .filter(({ ts }) => inRange(ts, range))
        .map(({ r, ts }) =>
          el('g:ChangedCustomerKey', [el('c:Action', r.CREATDDT === r.MODIFDT ? 'Created' : 'Updated'), el('c:LastModifiedDate', ts), el('g:Id', (r.CUSTNMBR as string).trimEnd())]),
        );
      return [el('GetChangedCustomerKeyListResult', keys)];
    },
  };
  return ops;
}
