/** Find seeded or admin-created records by what a person would call them (names, codes, emails). */
import type { TenantData } from './tenant-data.ts';

function one<T>(rows: T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new RangeError(`no ${what}`);
  return row;
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function createLookups(data: TenantData) {
  return {
    location: (name: string): number => one(data.locations.list().filter((l) => same(l.name, name)), `location '${name}'`).id,
    department: (locationName: string, name: string): number => {
      const locationId = one(data.locations.list().filter((l) => same(l.name, locationName)), `location '${locationName}'`).id;
      return one(data.departments.list().filter((d) => d.locationId === locationId && same(d.name, name)), `department '${name}' at '${locationName}'`).id;
    },
    accountCode: (code: string): number => one(data.accountCodes.list().filter((c) => c.code === code), `account code '${code}'`).id,
    vendor: (name: string): number => one(data.vendors.list().filter((v) => same(v.name, name)), `vendor '${name}'`).id,
    user: (email: string): number => one(data.users.list().filter((u) => same(u.email, email)), `user '${email}'`).id,
    currency: (name: string): number => one(data.currencies.list().filter((c) => c.name === name), `currency '${name}'`).id,
  };
}

export type Lookups = ReturnType<typeof createLookups>;
