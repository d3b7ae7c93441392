/**
 * What every GP Web Services operation of the emulator shares: the `context` (FACTS §2.3 #1: OrganizationKey is
 * a CompanyKey with the integer company id, typed with i:type because the member is declared as the base
 * OrganizationKey; TenantName, when given, must be the tenant), company access and per-resource security of the
 * Windows account's GP user (FACTS §2.1 model, sandbox-users.ts), the policy of Create/Update/Delete operations
 * (FACTS §2.3 #2: the `Key.Id` GetPolicyByOperation returned), and store errors turned into faults.
 */
import { randomUUID } from 'node:crypto';
import type { GpClock } from '../gp-clock.ts';
import type { GpCompany } from '../gp-company.ts';
import type { GpAction } from '../resource-registry.ts';
import { mayOpenCompany, mayPerform, type GpSandboxUser } from '../sandbox-users.ts';
import { SbaError } from '../sba-error.ts';
import { CONTRACT_NAMESPACES } from './contract/contract-spec.ts';
import type { ContractObject } from './contract-reader.ts';
import type { WireValue } from './contract-writer.ts';
import { findCompanyByKey, type SoapCompanyDirectory } from './soap-companies.ts';
import { invalidMessage, SoapFaultError } from './soap-fault.ts';

export interface SoapOperationDeps extends SoapCompanyDirectory {
  tenant: string;
  clock: GpClock;
  /** GetSalesOrderByKey / GetGLTransactionByKey also return dates, totals and origin (README `soapByKeyExtras`). */
  byKeyExtras: boolean;
}

export interface SoapCall {
  operation: string;
  params: ContractObject;
  user: GpSandboxUser;
}

/** An operation: the value of its `<Operation>Result` (undefined for operations that return nothing). */
export type SoapOperation = (call: SoapCall) => WireValue;

/** The business object and SBA resource (for security) behind each operation that needs a policy. */
const POLICIES: Record<string, { root: string; resource: string; action: GpAction }> = {
  CreateCustomer: { root: 'Customer', resource: 'Sales/Customers', action: 'create' },
  UpdateCustomer: { root: 'Customer', resource: 'Sales/Customers', action: 'update' },
  CreateSalesOrder: { root: 'SalesOrder', resource: 'Sales/Transactions', action: 'create' },
  UpdateSalesOrder: { root: 'SalesOrder', resource: 'Sales/Transactions', action: 'update' },
  DeleteSalesOrder: { root: 'SalesOrder', resource: 'Sales/Transactions', action: 'delete' },
  UpdateSalesInvoice: { root: 'SalesInvoice', resource: 'Sales/Transactions', action: 'update' },
  DeleteSalesInvoice: { root: 'SalesInvoice', resource: 'Sales/Transactions', action: 'delete' },
  CreateGLTransaction: { root: 'GLTransaction', resource: 'Financials/GLTransactions', action: 'create' },
};

const RESOURCE_WORDS: Record<string, string> = { 'Sales/Customers': 'customers', 'Sales/Transactions': 'sales transactions', 'Financials/GLTransactions': 'GL transactions' };

export interface SoapCallTools {
  deps: SoapOperationDeps;
  /** The company of the context (tenant, CompanyKey typing, company id). */
  companyOf(call: SoapCall): GpCompany;
  /** The company after company access and `action` rights on `resource`. */
  open(call: SoapCall, resource: string, action: GpAction): GpCompany;
  checkPolicy(call: SoapCall): void;
  /** The policy GetPolicyByOperation hands out for an operation, or undefined when it needs none. */
  policyFor(operation: string): { id: string; root: string; resource: string; action: GpAction } | undefined;
  /** Store errors (eConnect numbers, field rules, posted documents) as faults with the same text. */
  asFault(err: unknown): never;
  /** A required parameter, or an InvalidMessage fault naming it. */
  required(call: SoapCall, name: string, supported?: readonly string[]): ContractObject;
}

export function createSoapCallTools(deps: SoapOperationDeps): SoapCallTools {
  const policyIds = new Map(Object.keys(POLICIES).map((op) => [op, randomUUID()]));

  function companyOf(call: SoapCall): GpCompany {
    const ctx = call.params.object('context', ['CultureName', 'CurrencyType', 'OrganizationKey', 'TenantName']);
    if (!ctx) throw invalidMessage('context is required: Context{OrganizationKey = CompanyKey{Id}} names the company (FACTS §2.3 #1)');
    const tenant = ctx.text('TenantName');
    if (tenant !== undefined && tenant.trim().toUpperCase() !== deps.tenant.toUpperCase()) {
      throw new SoapFaultError('TenantNotFound', `Tenant '${tenant}' is not configured on this GP Web Services host`);
    }
    if (!ctx.has('OrganizationKey')) throw invalidMessage('Context.OrganizationKey is required: a CompanyKey with the integer company id');
    if (ctx.typeOf('OrganizationKey') !== 'c:CompanyKey') {
      throw invalidMessage(`Context.OrganizationKey is declared as the base OrganizationKey: send i:type="CompanyKey" in namespace ${CONTRACT_NAMESPACES.c}`);
    }
    const idText = ctx.object('OrganizationKey', ['Id'])!.text('Id')?.trim() ?? '';
    if (!/^-?\d{1,10}$/.test(idText)) throw invalidMessage(`CompanyKey.Id must be an integer company id (xs:int), got "${idText}" — company names go nowhere in a SOAP context`);
    const company = findCompanyByKey(deps, Number(idText));
    if (!company) throw new SoapFaultError('CompanyNotFound', `No company with id ${idText} exists on this GP system`);
    return company;
  }

  function open(call: SoapCall, resource: string, action: GpAction): GpCompany {
    const company = companyOf(call);
    if (!mayOpenCompany(call.user, company.name, company.database)) {
      throw new SoapFaultError('AccessDenied', `The GP user ${call.user.gpUserId} does not have access to company '${company.name}'`);
    }
    if (!mayPerform(call.user, resource, action)) {
      throw new SoapFaultError('AccessDenied', `The GP user ${call.user.gpUserId} does not have security access to ${action} ${RESOURCE_WORDS[resource] ?? resource} in company '${company.name}'`);
    }
    return company;
  }

  function checkPolicy(call: SoapCall): void {
    const op = call.operation;
    const policy = call.params.object('policy', ['Behaviors', 'Key', 'Name', 'RootBusinessObjectName']);
    if (!policy) throw new SoapFaultError('PolicyRequired', `${op} needs the policy returned by GetPolicyByOperation("${op}") (FACTS §2.3 #2)`);
    const id = policy.object('Key', ['Id'])?.text('Id')?.trim();
    if (id !== policyIds.get(op)) throw new SoapFaultError('PolicyRequired', `The policy sent is not the ${op} policy; get it with GetPolicyByOperation("${op}")`);
  }

  function asFault(err: unknown): never {
    if (err instanceof SbaError && err.status < 500) {
      if (err.code === 'EntityNotFound') throw new SoapFaultError('BusinessObjectNotFound', err.message);
      if (err.code.startsWith('eConnect')) throw new SoapFaultError('eConnect', err.message);
      if (err.code === 'DocumentPosted') throw new SoapFaultError('ValidationFailed', err.message, undefined, [{ message: err.message, objectType: 'SalesDocument' }]);
      throw new SoapFaultError('ValidationFailed', err.message);
    }
    throw err;
  }

  return {
    deps,
    companyOf,
    open,
    checkPolicy,
    asFault,
    policyFor(operation) {
      const p = POLICIES[operation];
      return p && { id: policyIds.get(operation)!, ...p };
    },
    required(call, name, supported) {
      const p = call.params.object(name, supported);
      if (!p) throw invalidMessage(`${call.operation}: ${name} is required`);
      return p;
    },
  };
}
