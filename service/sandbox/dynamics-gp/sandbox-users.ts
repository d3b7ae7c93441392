/**
 * Windows accounts the emulated GP Service accepts, each mapped to a GP user with company access and
 * per-resource security (SBA: "the caller must map to a GP user with company access and security access to
 * the underlying windows", FACTS §2.1 [V]).
 */
import type { GpAction } from './resource-registry.ts';

export interface GpSandboxUser {
  /** NetBIOS domain of the Windows account. */
  domain: string;
  username: string;
  password: string;
  /** GP user id the account maps to. */
  gpUserId: string;
  /** Company names or database names the GP user may open ("*" = all). */
  companies: string[] | '*';
  /** Resource path (e.g. `Sales/Customers`, or "*") → allowed actions. */
  grants: Record<string, GpAction[]>;
}

/** The sandbox's default integration account. Sandbox-only credentials: nothing real is protected by them. */
export const GP_SANDBOX_DEFAULT_USER: GpSandboxUser = {
  domain: 'FABRIKAM',
  username: 'svc-mlconnector',
  password: 'Sandbox-GP-2015!',
  gpUserId: 'MLCONNECT',
  companies: '*',
  grants: {
    'Sales/Customers': ['read', 'create', 'update'],
    // Sales documents: the integration writes unposted Work documents (seed 000) and reads the setup it checks.
    'Sales/Transactions': ['read', 'create', 'update', 'delete'],
    'Sales/Receivables': ['read', 'create', 'update', 'delete'],
    'Financials/GLAccounts': ['read'],
    'Financials/FiscalPeriods': ['read'],
    // Receivables back to Salesforce: reads only; GL journal entries from recognized revenue: unposted Work entries.
    'Sales/ReceivablesDocuments': ['read'],
    'Sales/ReceivablesApplications': ['read'],
    'Sales/CashReceipts': ['read'],
    'Sales/CustomerBalances': ['read'],
    'Financials/GLTransactions': ['read', 'create'],
    // Purchasing (seeds 002, 004): vendors both ways, classes and terms kept in agreement, unposted POs (void = delete).
    'Purchasing/Vendors': ['read', 'create', 'update'],
    'Purchasing/VendorAddresses': ['read'],
    'Purchasing/VendorClasses': ['read', 'create', 'update'],
    'Sales/Classes': ['read', 'create', 'update'],
    'Administration/PaymentTerms': ['read', 'create', 'update'],
    'Purchasing/PurchaseOrders': ['read', 'create', 'update', 'delete'],
    // What a PO / GL flow checks first: periods open, cost centre and account exist; and the GL balances (seed 001).
    'Financials/FiscalPeriodOrigins': ['read'],
    'Financials/AccountSegments': ['read'],
    'Financials/GLAccountBalances': ['read'],
  },
};

export function mayOpenCompany(user: GpSandboxUser, companyName: string, database: string): boolean {
  if (user.companies === '*') return true;
  return user.companies.some((c) => c.toUpperCase() === companyName.toUpperCase() || c.toUpperCase() === database.toUpperCase());
}

export function mayPerform(user: GpSandboxUser, resourcePath: string, action: GpAction): boolean {
  const grants = Object.entries(user.grants).find(([path]) => path.toUpperCase() === resourcePath.toUpperCase())?.[1] ?? user.grants['*'];
  return grants?.includes(action) ?? false;
}
