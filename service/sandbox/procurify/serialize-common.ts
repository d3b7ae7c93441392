/**
 * The small nested shapes every response embeds, as the OAS components name them: UserSummary, SimpleUserSummary,
 * DepartmentSummary/DepartmentRead, BranchSummary/Branch/LocationSimple/LocationView, Address/AddressSummary,
 * Currency/CurrencySummary, PaymentTerm/ShippingTerm/ShippingMethod, AccountCodeRead, AccountRead and
 * ChartOfAccountsAccount. Datetimes are rendered in the tenant's zone (time-zone.ts). Optional properties whose
 * value would be null while the OAS declares them non-nullable are left out (e.g. UserSummary.expected_return_date).
 */
import { fixed } from './decimal.ts';
import type { Account, AccountCode, Address, Currency, Department, Location, Term, User } from './model.ts';
import { mustGet, type TenantData } from './tenant-data.ts';
import { formatDateTime } from './time-zone.ts';

type Json = Record<string, unknown>;

export interface SerializeContext {
  data: TenantData;
  /** DRF datetime text in the tenant's zone. */
  at(ms: number): string;
  atOrNull(ms: number | null): string | null;
}

export function createSerializeContext(data: TenantData): SerializeContext {
  const at = (ms: number): string => formatDateTime(ms, data.timeZone);
  return { data, at, atOrNull: (ms) => (ms === null ? null : at(ms)) };
}

export function branchSummary(location: Location): Json {
  return { id: location.id, name: location.name };
}

export function departmentSummary(ctx: SerializeContext, department: Department): Json {
  const location = mustGet(ctx.data.locations, department.locationId, 'location');
  return { id: department.id, branch: branchSummary(location), external_id: department.external_id, name: department.name, punchout_email: department.punchout_email, active: department.active };
}

export function departmentRead(ctx: SerializeContext, department: Department, activeForAccountCode?: number): Json {
  const location = mustGet(ctx.data.locations, department.locationId, 'location');
  const body: Json = {
    id: department.id,
    branch: { id: location.id, name: location.name, headquarter: location.headquarter },
    external_id: department.external_id,
    name: department.name,
    active: department.active,
    punchout_email: department.punchout_email,
  };
  if (activeForAccountCode !== undefined) {
    body.is_active_for_account_code = ctx.data.accounts.list().some((a) => a.departmentId === department.id && a.accountCodeId === activeForAccountCode && a.active);
  }
  return body;
}

export function userSummary(ctx: SerializeContext, user: User): Json {
  return {
    id: user.id,
    department: departmentSummary(ctx, mustGet(ctx.data.departments, user.departmentId, 'department')),
    created_at: ctx.at(user.createdAt),
    updated_at: ctx.at(user.updatedAt),
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    position: user.position,
    phone: user.phone,
    address: null,
    notifications: true,
    is_active: user.is_active,
    mobile: false,
    profile_image: null,
    slack_user_id: '',
    is_sso_enabled: false,
    last_changed_by: null,
    user: user.authUserId,
    approval_delegatee: null,
  };
}

export function simpleUserSummary(user: User): Json {
  return { id: user.id, firstName: user.firstName, lastName: user.lastName, email: user.email, position: user.position, profile_image: null, approval_delegatee: null };
}

export function addressSummary(ctx: SerializeContext, address: Address): Json {
  return {
    id: address.id,
    is_active: true,
    created_at: ctx.at(address.createdAt),
    updated_at: ctx.at(address.updatedAt),
    name: address.name,
    addressLineOne: address.addressLineOne,
    addressLineTwo: address.addressLineTwo,
    postalCode: address.postalCode,
    city: address.city,
    state_province: address.state_province,
    country: address.country,
    last_changed_by: null,
  };
}

export function address(address: Address): Json {
  return { id: address.id, name: address.name, addressLineOne: address.addressLineOne, city: address.city, postalCode: address.postalCode, state_province: address.state_province, country: address.country };
}

export function currencySummary(currency: Currency): Json {
  return { id: currency.id, name: currency.name, rate: currency.rate, base: currency.base };
}

export function currency(currency: Currency): Json {
  return { description: currency.description, id: currency.id, name: currency.name, rate: currency.rate, base: currency.base, active: currency.active };
}

export function term(t: Term): Json {
  return { description: t.description, id: t.id, name: t.name, active: t.active };
}

/** The full Branch (a location seen as the company unit it is in Procurify's model). */
export function branch(ctx: SerializeContext, location: Location): Json {
  return {
    id: location.id,
    external_id: location.external_id,
    name: location.name,
    url: location.url,
    logo: '',
    language: 1,
    multipleLocations: ctx.data.locations.rows.size > 1,
    locationTimezone: ctx.data.timeZone,
    budgetOvertureToggle: false,
    purchase_filtering: false,
    catalog_permission: false,
    separate_expense_approval: false,
    standalone_travel_approval: false,
    phoneOne: location.phoneOne,
    phoneTwo: null,
    fax: location.fax,
    email: location.email,
    fiscalYearEndDay: 31,
    fiscalYearEndMonth: 12,
    beginDate: ctx.at(location.createdAt),
    ported: false,
    port_date: null,
    active: location.active,
    activated: true,
    setup_stage: 'FIN',
    localCurrency: location.currencyId,
    contactPerson: null,
    buyerAddress: location.billingAddressId,
    shippingAddress: location.shippingAddressId,
  };
}

export function locationView(ctx: SerializeContext, location: Location): Json {
  const billing = mustGet(ctx.data.addresses, location.billingAddressId, 'address');
  const shipping = mustGet(ctx.data.addresses, location.shippingAddressId, 'address');
  return {
    id: location.id,
    name: location.name,
    url: location.url,
    logo: '',
    currency: currency(mustGet(ctx.data.currencies, location.currencyId, 'currency')),
    phoneOne: location.phoneOne,
    fax: location.fax,
    email: location.email,
    primary_billing_address: address(billing),
    primary_shipping_address: address(shipping),
    shipping_addresses: [address(shipping)],
    language: 1,
    locationTimezone: ctx.data.timeZone,
    headquarter: location.headquarter,
    department_count: ctx.data.departments.list().filter((d) => d.locationId === location.id).length,
    active: location.active,
    external_id: location.external_id,
  };
}

export function accountCodeRead(ctx: SerializeContext, code: AccountCode): Json {
  return {
    description: code.description,
    id: code.id,
    applied_accounts_count: ctx.data.accounts.list().filter((a) => a.accountCodeId === code.id).length,
    code: code.code,
    code_length: code.code.length,
    account_type: code.account_type,
    active: code.active,
    parent: code.parent,
  };
}

/** Approved / purchased spend charged to an account, from its order items (for the budget figures). */
function spentOn(ctx: SerializeContext, account: Account): { approved: number; purchased: number } {
  let approved = 0;
  let purchased = 0;
  for (const item of ctx.data.items.list()) {
    if (item.accountId !== account.id || item.approvedAt === null) continue;
    const amount = Number(item.approvedQuantity ?? item.quantity) * Number(item.approvedPrice ?? item.price);
    approved += amount;
    if (item.purchaseOrderId !== null) purchased += amount;
  }
  return { approved, purchased };
}

export function accountRead(ctx: SerializeContext, account: Account): Json {
  const spent = spentOn(ctx, account);
  const budget = Number(account.budget);
  return {
    id: account.id,
    account_code: accountCodeRead(ctx, mustGet(ctx.data.accountCodes, account.accountCodeId, 'account code')),
    department: departmentSummary(ctx, mustGet(ctx.data.departments, account.departmentId, 'department')),
    warning_indicator: false,
    budget_used_approved: Number(spent.approved.toFixed(2)),
    budget_used_purchased: Number(spent.purchased.toFixed(2)),
    start_datetime: null,
    end_datetime: null,
    budget: fixed(account.budget, 2),
    balance_approved: fixed(Math.max(0, budget - spent.approved), 2),
    balance_purchased: fixed(Math.max(0, budget - spent.purchased), 2),
    active: account.active,
  };
}

export function chartOfAccountsAccount(ctx: SerializeContext, account: Account): Json {
  const read = accountRead(ctx, account);
  return {
    id: account.id,
    account_code: read.account_code,
    department: departmentRead(ctx, mustGet(ctx.data.departments, account.departmentId, 'department')),
    start_datetime: null,
    end_datetime: null,
    budget: read.budget,
    budget_used_approved: fixed(read.budget_used_approved as number, 2),
    budget_used_purchased: fixed(read.budget_used_purchased as number, 2),
    balance_approved: read.balance_approved,
    balance_purchased: read.balance_purchased,
    active: account.active,
  };
}
