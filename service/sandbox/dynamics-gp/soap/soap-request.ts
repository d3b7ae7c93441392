/**
 * Reading the parameters of a GP Web Services call the way the DataContractSerializer would, but louder: every
 * member in its contract namespace and order, `context.OrganizationKey` typed `CompanyKey` with an integer Id
 * (FACTS §2.3 #1), restriction types by their exact DataContract names (`BetweenRestrictionOfNullableOfdateTime`,
 * lower-case d, FACTS §2.2), date-only values without a zone. Where WCF would silently drop an out-of-order or
 * misnamed member, the emulator faults and names it.
 */
import { DATE_RANGE_TYPE, GP_COMMON_NS } from '../../../src/connectors/dynamics-gp/soap/soap-contract.ts';
import { child, isNil, xsiType, type XmlElement } from '../../../src/connectors/dynamics-gp/soap/xml.ts';
import { findCompanyByKey, type SoapCompanyDirectory } from './soap-companies.ts';
import type { GpCompany } from '../gp-company.ts';
import { invalidMessage, SoapFaultError } from './soap-fault.ts';

/** Fails unless `parent`'s children are exactly drawn from `order` (by namespace + name), in that order. */
export function checkOrder(parent: XmlElement, what: string, order: Array<[ns: string, local: string]>): void {
  let last = -1;
  for (const c of parent.children) {
    const at = order.findIndex(([ns, local]) => ns === c.ns && local === c.local);
    if (at === -1) {
      const sameName = order.find(([, local]) => local === c.local);
      throw invalidMessage(
        sameName ? `${what}.${c.local} must be in namespace ${sameName[0]} (got ${c.ns || 'no namespace'})` : `${what} has no member {${c.ns}}${c.local}`,
      );
    }
    if (at <= last) throw invalidMessage(`${what}.${c.local} is out of order: members follow the contract order (${order.map(([, l]) => l).join(', ')})`);
    last = at;
  }
}

const CONTEXT_MEMBERS: Array<[string, string]> = ['CultureName', 'CurrencyType', 'OrganizationKey', 'RoleKey', 'TenantName', 'WorkOnBehalfOf'].map((l) => [GP_COMMON_NS, l]);

/** The company a `context` names, after checking tenant and the CompanyKey typing. */
export function readContext(e: XmlElement | undefined, dir: SoapCompanyDirectory, tenant: string): GpCompany {
  if (!e || isNil(e)) throw invalidMessage('context is required: Context{OrganizationKey = CompanyKey{Id}} names the company (FACTS §2.3 #1)');
  checkOrder(e, 'Context', CONTEXT_MEMBERS);
  const tenantName = child(e, GP_COMMON_NS, 'TenantName');
  if (tenantName && !isNil(tenantName) && tenantName.text.toUpperCase() !== tenant.toUpperCase()) {
    throw new SoapFaultError('TenantNotFound', `Tenant '${tenantName.text}' is not configured on this GP Web Services host`);
  }
  const org = child(e, GP_COMMON_NS, 'OrganizationKey');
  if (!org || isNil(org)) throw invalidMessage('Context.OrganizationKey is required: a CompanyKey with the integer company id');
  const t = xsiType(org);
  if (!t || t.ns !== GP_COMMON_NS || t.local !== 'CompanyKey') {
    throw invalidMessage(`Context.OrganizationKey is declared as the base OrganizationKey: send i:type="CompanyKey" in namespace ${GP_COMMON_NS}`);
  }
  checkOrder(org, 'CompanyKey', [[GP_COMMON_NS, 'Id']]);
  const idText = child(org, GP_COMMON_NS, 'Id')?.text.trim() ?? '';
  if (!/^-?\d+$/.test(idText)) throw invalidMessage(`CompanyKey.Id must be an integer company id (xs:int), got "${idText}" — company names go nowhere in a SOAP context`);
  const company = findCompanyByKey(dir, Number(idText));
  if (!company) throw new SoapFaultError('CompanyNotFound', `No company with id ${idText} exists on this GP system`);
  return company;
}

/** Criteria base members (Common namespace, before the derived ones); when present they must be nil. */
export const CRITERIA_BASE: Array<[string, string]> = ['columns', 'convertToUpperCaseRestriction', 'restrictions'].map((l) => [GP_COMMON_NS, l]);

export function checkCriteriaBase(criteria: XmlElement): void {
  for (const [ns, local] of CRITERIA_BASE) {
    const m = child(criteria, ns, local);
    if (m && !isNil(m)) throw invalidMessage(`Criteria.${local} is internal to the service: leave it out or send it nil`);
  }
}

const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{1,7})?$/;

export interface DateRange {
  from?: string;
  to?: string;
  greaterThan?: string;
  lessThan?: string;
  equal?: string;
}

function readDateTime(e: XmlElement, what: string): string {
  const v = e.text.trim();
  const m = DATETIME_RE.exec(v);
  if (!m) {
    throw invalidMessage(
      /[Zz]|[+-]\d{2}:\d{2}$/.test(v)
        ? `${what} "${v}" carries a time zone: GP dates are the SQL server's local dates (GP-DOMAIN §5); send the local date-time without a zone`
        : `${what} must be an xs:dateTime such as 2026-03-01T00:00:00, got "${v}"`,
    );
  }
  return `${m[1]}T${m[2]}${(m[3] ?? '.000').padEnd(4, '0').slice(0, 4)}`;
}

/** A BetweenRestrictionOfNullableOfdateTime member: the xsi:type, when given, must be that exact name. */
export function readDateRange(e: XmlElement | undefined, what: string): DateRange | undefined {
  if (!e || isNil(e)) return undefined;
  const t = xsiType(e);
  if (t && !(t.ns === GP_COMMON_NS && t.local === DATE_RANGE_TYPE)) {
    throw invalidMessage(
      `Element '${what}' contains data from a type that maps to the name '${t.ns}:${t.local}'. The deserializer has no knowledge of any type ` +
        `that maps to this name: the contract type is '${GP_COMMON_NS}:${DATE_RANGE_TYPE}' (lower-case "d", DataContract naming)`,
    );
  }
  const members: Array<[string, string]> = ['EqualValue', 'NotEqualValue', 'Items', 'From', 'GreaterThan', 'LessThan', 'To'].map((l) => [GP_COMMON_NS, l]);
  checkOrder(e, what, members);
  for (const unsupported of ['NotEqualValue', 'Items']) {
    if (child(e, GP_COMMON_NS, unsupported)) throw invalidMessage(`${what}.${unsupported} is not supported by this emulator`);
  }
  const get = (local: string) => {
    const m = child(e, GP_COMMON_NS, local);
    return m && !isNil(m) ? readDateTime(m, `${what}.${local}`) : undefined;
  };
  return { equal: get('EqualValue'), from: get('From'), greaterThan: get('GreaterThan'), lessThan: get('LessThan'), to: get('To') };
}

/** `YYYY-MM-DDTHH:MM:SS.mmm` values compare as strings. */
export function inRange(value: string, r: DateRange | undefined): boolean {
  if (!r) return true;
  if (r.equal !== undefined && value !== r.equal) return false;
  if (r.from !== undefined && value < r.from) return false;
  if (r.to !== undefined && value > r.to) return false;
  if (r.greaterThan !== undefined && value <= r.greaterThan) return false;
  if (r.lessThan !== undefined && value >= r.lessThan) return false;
  return true;
}

