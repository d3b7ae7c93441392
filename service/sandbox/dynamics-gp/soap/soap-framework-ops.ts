/**
 * The framework operations a client calls first (FACTS §2.2, §2.3 #1–2): `GetCompanyList` (ICompany: the companies
 * the caller's GP user may open, each `Company{Key = CompanyKey{Id}, Name}`), `GetPolicyByOperation` (IPolicy:
 * the policy whose `Key.Id` Create/Update/Delete operations must send) and `GetCurrencyList` (ICurrency: the
 * company's currencies keyed by ISO code).
 */
import { normalizeKey } from '../gp-columns.ts';
import type { ReferenceRow } from '../reference-data.ts';
import { mayOpenCompany } from '../sandbox-users.ts';
import { checkCriteriaBase, criteriaSupported } from './soap-criteria.ts';
import type { SoapCallTools, SoapOperation } from './soap-call.ts';
import { CURRENCY_ISO, companyKeyOf } from './soap-companies.ts';
import { validationFailed } from './soap-fault.ts';

export function createFrameworkOperations(t: SoapCallTools): Record<'GetCompanyList' | 'GetPolicyByOperation' | 'GetCurrencyList', SoapOperation> {
  return {
    GetCompanyList(call) {
      // GetCompanyList needs no context: it lists what the caller may open.
      const criteria = call.params.object('criteria', criteriaSupported([]));
      if (criteria) checkCriteriaBase(criteria);
      const visible = t.deps.companies.filter((c) => mayOpenCompany(call.user, c.name, c.database));
      return visible.map((c) => ({ Key: { Id: companyKeyOf(t.deps, c) }, Name: c.name }));
    },
    GetPolicyByOperation(call) {
      const operation = call.params.text('operation')?.trim() ?? '';
      const policy = t.policyFor(operation);
      if (!policy) throw validationFailed(`No policy exists for the operation "${operation}"`);
      t.open(call, policy.resource, policy.action);
      return { Behaviors: [], Key: { Id: policy.id }, Name: operation, RootBusinessObjectName: policy.root };
    },
    GetCurrencyList(call) {
      const criteria = call.params.object('criteria', criteriaSupported([]));
      if (criteria) checkCriteriaBase(criteria);
      const company = t.companyOf(call);
      return company
        .table<ReferenceRow>('MC40200')
        .values()
        .map((r) => ({ Description: r.description, Id: r.id, Key: { ISOCode: CURRENCY_ISO[normalizeKey(r.id)] ?? '' } }));
    },
  };
}
