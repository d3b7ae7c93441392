/** One tenant's tables (in memory) with their id sequences; a PO is keyed by its procurify_PO number. */
import type { Account, AccountCode, Address, Currency, Department, Location, Order, OrderItem, PurchaseOrder, Term, User, Vendor } from './model.ts';

export interface Table<T> {
  readonly rows: Map<number, T>;
  get(id: number): T | undefined;
  list(): T[];
  insert(make: (id: number) => T): T;
}

function createTable<T>(firstId = 1): Table<T> {
  const rows = new Map<number, T>();
  let next = firstId;
  return {
    rows,
    get: (id) => rows.get(id),
    list: () => [...rows.values()],
    insert(make) {
      const id = next;
      next += 1;
      const row = make(id);
      rows.set(id, row);
      return row;
    },
  };
}

export interface TenantData {
  readonly domain: string;
  companyName: string;
  timeZone: string;
  /** The user whose API credentials the client holds (the email in the token's scope; requester of API requisitions). */
  apiUserId: number;
  /** Who approves a request and who buys when the admin call names nobody (the seeded approver and buyer). */
  defaultApproverId: number;
  defaultBuyerId: number;
  currencies: Table<Currency>;
  addresses: Table<Address>;
  locations: Table<Location>;
  departments: Table<Department>;
  accountCodes: Table<AccountCode>;
  accounts: Table<Account>;
  users: Table<User>;
  paymentTerms: Table<Term>;
  shippingTerms: Table<Term>;
  shippingMethods: Table<Term>;
  paymentMethods: Table<Term>;
  vendors: Table<Vendor>;
  orders: Table<Order>;
  items: Table<OrderItem>;
  purchaseOrders: Table<PurchaseOrder>;
}

/** PO numbers start above 1000 so they never look like the small ids of other records [U: numbering]. */
const FIRST_PO_NUMBER = 1001;

export function createTenantData(domain: string, companyName: string, timeZone: string): TenantData {
  return {
    domain,
    companyName,
    timeZone,
    apiUserId: 0,
    defaultApproverId: 0,
    defaultBuyerId: 0,
    currencies: createTable(),
    addresses: createTable(),
    locations: createTable(),
    departments: createTable(),
    accountCodes: createTable(),
    accounts: createTable(),
    users: createTable(),
    paymentTerms: createTable(),
    shippingTerms: createTable(),
    shippingMethods: createTable(),
    paymentMethods: createTable(),
    vendors: createTable(),
    orders: createTable(),
    items: createTable(),
    purchaseOrders: createTable(FIRST_PO_NUMBER),
  };
}

/** A row that must exist (admin and internal use); throws a RangeError naming what is missing. */
export function mustGet<T>(table: Table<T>, id: number, what: string): T {
  const row = table.get(id);
  if (row === undefined) throw new RangeError(`${what} ${id} does not exist`);
  return row;
}

export function itemsOfOrder(data: TenantData, orderId: number): OrderItem[] {
  return data.items.list().filter((i) => i.orderId === orderId);
}

export function itemsOfPurchaseOrder(data: TenantData, procurifyPO: number): OrderItem[] {
  return data.items
    .list()
    .filter((i) => i.purchaseOrderId === procurifyPO)
    .sort((a, b) => (a.poLineNum ?? 0) - (b.poLineNum ?? 0));
}
