/**
 * The demo tenant: a mid-sized manufacturer with three plants (seed 004: "spending across three plants"), its
 * departments (cost centres; external_id = the GP account segment they map to), account codes (GL natural
 * accounts), users (requester, approver, buyer and the integration user whose email the token carries), terms and
 * vendors — "Advanced Office Systems" and "A Travel Company" carry the names of GP sample vendors ADVANCED0001 /
 * ACETRAVE0001 (GP-DOMAIN §1) without an external_id, so a name match can be shown; "Midwest Steel Supply" is
 * already linked. Transactions (seed 'demo'): requests in every state and five POs — open, partly received,
 * closed, cancelled, paid — dated over the last twelve days of the sandbox clock. All names are invented.
 */
import type { Procurement } from './procurement.ts';
import type { TenantData } from './tenant-data.ts';
import { insertVendor } from './vendors.ts';
import { VENDOR_TYPE } from './model.ts';
import { createLookups } from './lookups.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DEPARTMENT_BUDGET = '50000';

interface PlantSpec {
  name: string;
  externalId: string;
  phone: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  departments: Array<[string, string]>;
}

const PLANTS: PlantSpec[] = [
  { name: 'Fargo Plant', externalId: 'FARGO', phone: '701-555-0100', street: '4400 Main Avenue', city: 'Fargo', state: 'ND', zip: '58103', departments: [['Administration', '000'], ['Production', '100'], ['Maintenance', '110'], ['Quality', '120']] },
  { name: 'Chicago Plant', externalId: 'CHICAGO', phone: '312-555-0140', street: '2200 W Fulton Street', city: 'Chicago', state: 'IL', zip: '60612', departments: [['Production', '200'], ['Maintenance', '210'], ['Quality', '220']] },
  { name: 'Dallas Plant', externalId: 'DALLAS', phone: '214-555-0180', street: '1500 Commerce Street', city: 'Dallas', state: 'TX', zip: '75201', departments: [['Production', '300'], ['Maintenance', '310'], ['Quality', '320']] },
];

const ACCOUNT_CODES: Array<[string, string, boolean]> = [
  ['1500', 'Machinery & Equipment', true],
  ['5100', 'Raw Materials', true],
  ['5200', 'Maintenance Supplies', true],
  ['6100', 'Office Supplies', true],
  ['6200', 'Safety Equipment', true],
  ['6300', 'Freight In', true],
  ['6999', 'Miscellaneous (retired)', false],
];

export interface OrganisationOptions {
  companyName: string;
  apiUserEmail: string;
  at: number;
}

export function seedOrganisation(data: TenantData, opts: OrganisationOptions): void {
  const { at } = opts;
  const usd = data.currencies.insert((id) => ({ id, name: 'USD', description: 'US Dollar', rate: '1.000000', base: true, active: true }));
  data.currencies.insert((id) => ({ id, name: 'CAD', description: 'Canadian Dollar', rate: '0.740000', base: false, active: true }));
  const address = (name: string, plant: PlantSpec, line: string) =>
    data.addresses.insert((id) => ({ id, name, addressLineOne: line, addressLineTwo: '', postalCode: plant.zip, city: plant.city, state_province: plant.state, country: 'United States', createdAt: at, updatedAt: at }));
  PLANTS.forEach((plant, index) => {
    const billing = address(`${opts.companyName} — Accounts Payable`, plant, plant.street);
    const shipping = address(`${plant.name} Receiving`, plant, `${plant.street}, Dock 2`);
    const location = data.locations.insert((id) => ({
      id,
      name: plant.name,
      external_id: plant.externalId,
      currencyId: usd.id,
      phoneOne: plant.phone,
      fax: null,
      email: `ap-${plant.externalId.toLowerCase()}@fabrikam-mfg.example`,
      url: null,
      billingAddressId: billing.id,
      shippingAddressId: shipping.id,
      headquarter: index === 0,
      active: true,
      createdAt: at,
    }));
    for (const [name, externalId] of plant.departments) data.departments.insert((id) => ({ id, locationId: location.id, name, external_id: externalId, active: true, punchout_email: null }));
  });
  for (const [code, description, active] of ACCOUNT_CODES) data.accountCodes.insert((id) => ({ id, code, description, account_type: 0, active, parent: null }));
  for (const department of data.departments.list()) {
    for (const code of data.accountCodes.list()) {
      data.accounts.insert((id) => ({ id, departmentId: department.id, accountCodeId: code.id, budget: DEPARTMENT_BUDGET, active: code.active }));
    }
  }
  const lookup = createLookups(data);
  let authUserId = 100;
  const user = (firstName: string, lastName: string, email: string, departmentId: number, position: string) =>
    data.users.insert((id) => ({ id, authUserId: (authUserId += 1), firstName, lastName, email, departmentId, position, phone: null, is_active: true, createdAt: at, updatedAt: at })).id;
  const admin = lookup.department('Fargo Plant', 'Administration');
  data.apiUserId = user('Integration', 'User', opts.apiUserEmail, admin, 'API integration');
  data.defaultApproverId = user('Sam', 'Okafor', 'sam.okafor@fabrikam-mfg.example', admin, 'Plant Controller');
  data.defaultBuyerId = user('Lee', 'Chen', 'lee.chen@fabrikam-mfg.example', admin, 'Purchasing Manager');
  user('Dana', 'Reyes', 'dana.reyes@fabrikam-mfg.example', lookup.department('Fargo Plant', 'Production'), 'Production Supervisor');
  user('Marcus', 'Hill', 'marcus.hill@fabrikam-mfg.example', lookup.department('Chicago Plant', 'Maintenance'), 'Maintenance Lead');

  const terms = (table: TenantData['paymentTerms'], names: string[]) => names.map((name) => table.insert((id) => ({ id, name, description: null, active: true })).id);
  const [net30, net45] = terms(data.paymentTerms, ['Net 30', 'Net 45', 'Due on receipt']);
  terms(data.shippingTerms, ['FOB Destination', 'FOB Origin']);
  const [ground, freight] = terms(data.shippingMethods, ['Ground', 'Freight LTL', 'Courier']);
  terms(data.paymentMethods, ['Cheque', 'ACH']);

  const vendor = (fields: Parameters<typeof insertVendor>[1]) => insertVendor(data, fields, at);
  vendor({ name: 'OTHER', type: VENDOR_TYPE.OTHER, addressLineOne: 'OTHER' });
  vendor({ name: 'Advanced Office Systems', type: VENDOR_TYPE.PREFERRED, addressLineOne: '1200 Commerce Park Drive', city: 'Fargo', state_province: 'ND', postalCode: '58104', country: 'United States', phoneOne: '701-555-0123', email: ['orders@advanced-office.example'], contact: 'Jordan Blake', payment_term_ref: net30 ?? null, shipping_method_ref: ground ?? null });
  vendor({ name: 'A Travel Company', type: VENDOR_TYPE.REGULAR, addressLineOne: '18 Harbor Road', city: 'Minneapolis', state_province: 'MN', postalCode: '55401', country: 'United States', email: ['bookings@a-travel.example'] });
  vendor({ name: 'Midwest Steel Supply', type: VENDOR_TYPE.PREFERRED, external_id: 'MIDWESTS0001', addressLineOne: '900 Foundry Street', city: 'Gary', state_province: 'IN', postalCode: '46402', country: 'United States', email: ['sales@midwest-steel.example'], payment_term_ref: net45 ?? null, shipping_method_ref: freight ?? null });
  vendor({ name: 'Precision Bearings Co.', type: VENDOR_TYPE.PREFERRED, addressLineOne: '75 Axle Way', city: 'Rockford', state_province: 'IL', postalCode: '61101', country: 'United States', email: ['orders@precision-bearings.example'], overall_score: '4.250' });
  vendor({ name: 'Great Lakes Industrial Gases', type: VENDOR_TYPE.REGULAR, addressLineOne: '310 Lakeshore Drive', city: 'Milwaukee', state_province: 'WI', postalCode: '53202', country: 'United States', email: ['service@gl-gases.example'] });
  vendor({ name: 'Northern Safety Supply', type: VENDOR_TYPE.PREFERRED, addressLineOne: '42 Guardian Lane', city: 'Bismarck', state_province: 'ND', postalCode: '58501', country: 'United States', email: ['orders@northern-safety.example'] });
  vendor({ name: 'Packaging Partners LLC', type: VENDOR_TYPE.REGULAR, active: false, addressLineOne: '5 Carton Court', city: 'Omaha', state_province: 'NE', postalCode: '68102', country: 'United States', email: [] });
}

type Line = [name: string, quantity: string, price: string, accountCode: string, vendor: string];

export function seedTransactions(data: TenantData, procurement: Procurement, now: number): void {
  const lookup = createLookups(data);
  const t = (daysAgo: number, hour = 10): number => now - daysAgo * DAY_MS + (hour - 12) * HOUR_MS;
  const request = (requester: string, plant: string, department: string, description: string, lines: Line[], at: number) =>
    procurement.createOrder(
      {
        requesterId: lookup.user(requester),
        departmentId: lookup.department(plant, department),
        description,
        dateRequired: at + 14 * DAY_MS,
        lines: lines.map(([name, quantity, price, code, vendor]) => ({ name, quantity, price, unit: 'Each', accountCodeId: lookup.accountCode(code), vendorId: lookup.vendor(vendor) })),
      },
      at,
    );
  const purchase = (orderId: number, at: number): number => {
    const itemIds = data.items.list().filter((i) => i.orderId === orderId).map((i) => i.id);
    return procurement.issuePurchaseOrder({ itemIds }, at).procurifyPO;
  };
  const dana = 'dana.reyes@fabrikam-mfg.example';
  const marcus = 'marcus.hill@fabrikam-mfg.example';

  const paid = request(marcus, 'Fargo Plant', 'Maintenance', 'Conveyor belts for line 2', [['V-belt B48', '20', '11.20', '5200', 'Precision Bearings Co.']], t(12));
  procurement.approveOrder(paid.id, undefined, t(12, 14));
  const paidPo = purchase(paid.id, t(11));
  procurement.receive(paidPo, [{ itemId: data.items.list().find((i) => i.orderId === paid.id)?.id as number, quantity: '20' }], t(9));
  procurement.markPaid(paidPo, t(5));

  const open = request(dana, 'Fargo Plant', 'Production', 'Steel for the Q3 frame run', [['Cold-rolled steel sheet 4x8 16ga', '40', '86.50', '5100', 'Midwest Steel Supply'], ['Welding wire ER70S-6 0.035 in, 33 lb spool', '12', '74.25', '5100', 'Midwest Steel Supply']], t(9));
  procurement.approveOrder(open.id, undefined, t(8));
  purchase(open.id, t(7));

  const partial = request(marcus, 'Chicago Plant', 'Maintenance', 'Bearing and hose stock', [['Deep-groove ball bearing 6205-2RS', '50', '6.80', '5200', 'Precision Bearings Co.'], ['Hydraulic hose 1/2 in x 10 ft', '8', '42.00', '5200', 'Precision Bearings Co.']], t(8));
  procurement.approveOrder(partial.id, undefined, t(7));
  const partialPo = purchase(partial.id, t(6));
  procurement.receive(partialPo, [{ itemId: data.items.list().find((i) => i.orderId === partial.id)?.id as number, quantity: '50' }], t(2));

  const closed = request(dana, 'Fargo Plant', 'Quality', 'Office supplies for the QA lab', [['Copy paper, letter, 10-ream case', '10', '45.99', '6100', 'Advanced Office Systems'], ['Toner cartridge 58A', '4', '119.00', '6100', 'Advanced Office Systems']], t(7, 9));
  procurement.approveOrder(closed.id, undefined, t(7, 15));
  const closedPo = purchase(closed.id, t(6, 11));
  procurement.receive(closedPo, data.items.list().filter((i) => i.orderId === closed.id).map((i) => ({ itemId: i.id, quantity: i.quantity })), t(4));
  procurement.closePurchaseOrder(closedPo, t(3));

  const cancelled = request(marcus, 'Dallas Plant', 'Production', 'Shielding gas', [['Argon cylinder refill, 300 cu ft', '10', '62.00', '5100', 'Great Lakes Industrial Gases']], t(6));
  procurement.approveOrder(cancelled.id, undefined, t(5));
  procurement.cancelPurchaseOrder(purchase(cancelled.id, t(5, 15)), t(4));

  const denied = request(dana, 'Dallas Plant', 'Quality', 'Calipers', [['Digital caliper 0–6 in', '3', '129.00', '1500', 'Precision Bearings Co.']], t(3));
  procurement.denyOrder(denied.id, undefined, t(2));

  const ready = request(marcus, 'Chicago Plant', 'Production', 'Pallet labels', [['Pallet labels 4x6 in, roll of 500', '15', '18.75', '6100', 'Advanced Office Systems']], t(2));
  procurement.approveOrder(ready.id, undefined, t(1));

  request(dana, 'Fargo Plant', 'Production', 'Safety glasses', [['Safety glasses, anti-fog, box of 12', '5', '54.00', '6200', 'Northern Safety Supply']], t(1));
}
