/**
 * GP company ids (SY01500.CMPANYID, the `CompanyKey.Id` of GP Web Services, FACTS §2.3 #1). The sample company
 * Fabrikam (TWO) is -1 [U: commonly cited, not in a primary source]; further companies get 1, 2, …
 * Currency ISO codes for the sample currencies (MC40200.ISOCURRC) are [U]: Z-US$ → USD, Z-C$ → CAD, Z-EURO → EUR.
 */
import type { GpCompany } from '../gp-company.ts';

export interface SoapCompanyDirectory {
  companies: GpCompany[];
}

export function companyKeyOf(dir: SoapCompanyDirectory, company: GpCompany): number {
  if (company.database.toUpperCase() === 'TWO') return -1;
  return dir.companies.indexOf(company) + 1;
}

export function findCompanyByKey(dir: SoapCompanyDirectory, id: number): GpCompany | undefined {
  return dir.companies.find((c) => companyKeyOf(dir, c) === id);
}

export const CURRENCY_ISO: Record<string, string> = { 'Z-US$': 'USD', 'Z-C$': 'CAD', 'Z-EURO': 'EUR' };
