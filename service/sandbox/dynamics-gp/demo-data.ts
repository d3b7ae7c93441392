/**
 * The sample company of GP-DOMAIN §1: "Fabrikam, Inc." in database TWO, its setup data and customers, plus a
 * deterministic generator of synthetic customers for benchmarks (ids: 8 letters of the name + 4 digits).
 * Ids and the Contoso row are documented ([V]/[C]); the other names, addresses, classes and setup values are
 * plausible fill-ins [U].
 */
import { roundToSqlDatetime, type GpClock } from './gp-clock.ts';
import { createGpCompany, type GpCompany } from './gp-company.ts';
import { addReference } from './reference-data.ts';
import { customerTable, seedCustomer } from './resources/customer-store.ts';

const MS_PER_DAY = 86_400_000;

interface DemoCustomer {
  id: string;
  name: string;
  contact: string;
  address1: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  classId: string;
  terms: string;
  creditLimit?: number;
}

const DEMO_CUSTOMERS: DemoCustomer[] = [
  { id: 'AARONFIT0001', name: 'Aaron Fitz Electrical', contact: 'Sam Steiner', address1: 'One Microsoft Way', city: 'Redmond', state: 'WA', zip: '98052-6399', phone: '42555501010000', classId: 'USA-WA-T1', terms: 'Net 30', creditLimit: 25000 },
  { id: 'ADAMPARK0001', name: 'Adam Park Resort', contact: 'Hazel Rivers', address1: '4567 Main Ave', city: 'Chicago', state: 'IL', zip: '60603-0776', phone: '31255501100000', classId: 'USA-ILMO-T1', terms: 'Net 30' },
  { id: 'ADVANCED0001', name: 'Advanced Paper Co.', contact: 'Nora Blake', address1: '2345 Kenwood Rd', city: 'Cincinnati', state: 'OH', zip: '45236-1234', phone: '51355501240000', classId: 'USA-OH-T1', terms: '2% 10/Net 30', creditLimit: 10000 },
  { id: 'ASTORSUI0001', name: 'Astor Suites', contact: 'Pat Coleman', address1: '12 Astor Plaza', city: 'New York', state: 'NY', zip: '10036-4012', phone: '21255501880000', classId: 'USA-NY-T1', terms: 'Net 30' },
  { id: 'ATMORERE0001', name: 'Atmore Retirement Center', contact: 'Lee Morgan', address1: '88 Magnolia St', city: 'Atmore', state: 'AL', zip: '36502-2201', phone: '25155501450000', classId: 'USA-ILMO-T1', terms: 'Net 30' },
  { id: 'BLUEYOND0001', name: 'Blue Yonder Airlines', contact: 'Eva Corets', address1: '1 Airport Blvd', city: 'Seattle', state: 'WA', zip: '98158-0001', phone: '20655501330000', classId: 'USA-WA-T1', terms: 'Net 30', creditLimit: 50000 },
  { id: 'CELLULAR0001', name: 'Cellular Express', contact: 'Tim Luchte', address1: '780 Market St', city: 'San Francisco', state: 'CA', zip: '94102-2301', phone: '41555501990000', classId: 'USA-CA-T1', terms: 'Net 15' },
  { id: 'COHOWINE0001', name: 'Coho Winery', contact: 'Rob Caron', address1: '300 Vineyard Ln', city: 'Napa', state: 'CA', zip: '94558-6010', phone: '70755501220000', classId: 'USA-CA-T1', terms: 'Net 30' },
  { id: 'CONTINEN0001', name: 'Continental Inn', contact: 'Ana Trujillo', address1: '500 Lakeshore Dr', city: 'Chicago', state: 'IL', zip: '60611-3333', phone: '31255501770000', classId: 'USA-ILMO-T1', terms: 'Net 30' },
  // Microsoft's eConnect sample row (GP-DOMAIN §1 [C]): contact Joe Healy, Aurora IL, terms Net 30, tax USASTCITY-6*.
  { id: 'CONTOSOL0001', name: 'Contoso, Ltd.', contact: 'Joe Healy', address1: '321 Oak Ave', city: 'Aurora', state: 'IL', zip: '60504-1234', phone: '63055501010000', classId: 'USA-ILMO-T1', terms: 'Net 30', creditLimit: 15000 },
  { id: 'DIRECTMA0001', name: 'Direct Mail Services', contact: 'Jo Berry', address1: '95 Post Rd', city: 'Boston', state: 'MA', zip: '02108-1000', phone: '61755501440000', classId: 'USA-MA-T1', terms: 'Net 30' },
  { id: 'EXECUTIV0001', name: 'Executive Resources', contact: 'Kim Akers', address1: '7 Commerce Ct', city: 'Dallas', state: 'TX', zip: '75201-4410', phone: '21455501660000', classId: 'USA-TX-T1', terms: 'Net 30' },
  { id: 'FRANCHIS0001', name: 'Franchise Foods', contact: 'Dan Park', address1: '44 Elm St', city: 'Denver', state: 'CO', zip: '80202-1212', phone: '30355501550000', classId: 'USA-CO-T1', terms: 'Net 30' },
  { id: 'GRAHAMAR0001', name: 'Graham Arts', contact: 'Ruth Graham', address1: '19 Gallery Row', city: 'Santa Fe', state: 'NM', zip: '87501-2000', phone: '50555501130000', classId: 'USA-NM-T1', terms: 'Net 30' },
  { id: 'GREENWAY0001', name: 'Greenway Landscaping', contact: 'Ken Myer', address1: '600 Garden Way', city: 'Portland', state: 'OR', zip: '97201-1010', phone: '50355501210000', classId: 'USA-OR-T1', terms: 'Net 30' },
  { id: 'HOMEFURN0001', name: 'Home Furnishings Limited', contact: 'Ty Loren', address1: '210 Oak St', city: 'Grand Rapids', state: 'MI', zip: '49503-3232', phone: '61655501340000', classId: 'USA-MI-T1', terms: 'Net 30' },
  { id: 'LASERMES0001', name: 'Laser Messenger Service', contact: 'Amy Rusko', address1: '15 Courier Ave', city: 'Atlanta', state: 'GA', zip: '30303-1717', phone: '40455501810000', classId: 'USA-GA-T1', terms: 'Net 15' },
  { id: 'MARGIEST0001', name: "Margie's Travel", contact: 'Margie Shoop', address1: '78 Harbor Dr', city: 'San Diego', state: 'CA', zip: '92101-2020', phone: '61955501920000', classId: 'USA-CA-T1', terms: 'Net 30' },
  { id: 'MIDCITYH0001', name: 'Mid-City Hospital', contact: 'Sean Chai', address1: '1200 Center St', city: 'Milwaukee', state: 'WI', zip: '53202-3000', phone: '41455501060000', classId: 'USA-WI-T1', terms: 'Net 30', creditLimit: 75000 },
  { id: 'NETWORKS0001', name: 'Networks Unlimited', contact: 'Ian Palangio', address1: '5 Fiber Loop', city: 'Austin', state: 'TX', zip: '78701-0505', phone: '51255501470000', classId: 'USA-TX-T1', terms: 'Net 30' },
  { id: 'NORTHCOL0001', name: 'North Colorado Health Care', contact: 'Ed Banti', address1: '400 Summit Rd', city: 'Fort Collins', state: 'CO', zip: '80521-4040', phone: '97055501390000', classId: 'USA-CO-T1', terms: 'Net 30' },
  { id: 'NORTHERN0001', name: 'Northern Light Electric', contact: 'Lia Berg', address1: '900 North Ave', city: 'Minneapolis', state: 'MN', zip: '55401-9000', phone: '61255501740000', classId: 'USA-MN-T1', terms: 'Net 30' },
  { id: 'UNIFIEDW0001', name: 'Unified Worldwide', contact: 'Max Benson', address1: '1 World Trade Ctr', city: 'Long Beach', state: 'CA', zip: '90831-0001', phone: '56255501280000', classId: 'USA-CA-T1', terms: 'Net 30' },
  { id: 'WESTSIDE0001', name: 'Westside Cinemas', contact: 'Jay Adams', address1: '2200 Sunset Blvd', city: 'Los Angeles', state: 'CA', zip: '90026-2200', phone: '32355501570000', classId: 'USA-CA-T1', terms: 'Net 30' },
];

function seedSetup(company: GpCompany): void {
  for (const cls of new Set(DEMO_CUSTOMERS.map((c) => c.classId))) addReference(company, 'RM00201', cls, `Customer class ${cls}`);
  addReference(company, 'RM00201', 'USA-GEN', 'General US customers');
  for (const [id, d] of [
    ['Net 30', 'Net 30 days'],
    ['Net 15', 'Net 15 days'],
    ['2% 10/Net 30', '2% discount in 10 days, net 30'],
    ['Due on Receipt', 'Due on receipt'],
  ] as const) addReference(company, 'SY03300', id, d);
  for (const s of ['GREG E.', 'PAUL W.', 'SANDRA M.']) addReference(company, 'RM00301', s, s);
  for (const t of ['TERRITORY 1', 'TERRITORY 2', 'TERRITORY 3']) addReference(company, 'RM00303', t, t);
  for (const t of ['USASTCITY-6*', 'USASTE-6*']) addReference(company, 'TX00101', t, t);
  for (const s of ['LOCAL DELIVERY', 'UPS GROUND', 'MAIL']) addReference(company, 'SY03000', s, s);
  for (const c of ['Z-US$', 'Z-C$', 'Z-EURO']) addReference(company, 'MC40200', c, c);
}

/** A UTC DEX_ROW_TS that falls on server-local date `date` (fraction = where in that local day). */
export function instantOnLocalDate(date: string, utcOffsetMinutes: number, fraction: number): number {
  const localMidnightUtc = Date.parse(`${date}T00:00:00Z`) - utcOffsetMinutes * 60_000;
  return roundToSqlDatetime(localMidnightUtc + Math.floor(fraction * (MS_PER_DAY - 1)));
}

export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

export function createFabrikamCompany(clock: GpClock): GpCompany {
  const company = createGpCompany({ name: 'Fabrikam, Inc.', database: 'TWO', currency: { id: 'Z-US$', decimals: 2 } });
  seedSetup(company);
  const today = clock.localDate();
  const offset = clock.state().utcOffsetMinutes;
  DEMO_CUSTOMERS.forEach((c, i) => {
    const modifiedDate = shiftDate(today, -(i % 10) - 1);
    seedCustomer(
      company,
      {
        CustomerId: c.id,
        Name: c.name,
        ShortName: c.name.slice(0, 15),
        StatementName: c.name,
        ClassId: c.classId,
        ContactPerson: c.contact,
        AddressCode: 'PRIMARY',
        Address1: c.address1,
        City: c.city,
        State: c.state,
        Zip: c.zip,
        Country: 'USA',
        Phone1: c.phone,
        PaymentTermsId: c.terms,
        SalespersonId: ['GREG E.', 'PAUL W.', 'SANDRA M.'][i % 3],
        SalesTerritoryId: `TERRITORY ${(i % 3) + 1}`,
        ShippingMethodId: 'UPS GROUND',
        TaxScheduleId: c.id === 'CONTOSOL0001' ? 'USASTCITY-6*' : 'USASTE-6*',
        CurrencyId: 'Z-US$',
        CreditLimitType: c.creditLimit === undefined ? 1 : 2,
        CreditLimitAmount: c.creditLimit ?? 0,
      },
      { createdDate: shiftDate(today, -400 - i), modifiedDate, lastModifiedMs: instantOnLocalDate(modifiedDate, offset, (i * 37) % 100 / 100) },
    );
  });
  return company;
}

/** mulberry32: small, seedable, good enough for test data. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAME_FIRST = ['Alpine', 'Bayside', 'Cedar', 'Delta', 'Evergreen', 'Frontier', 'Granite', 'Harbor', 'Ironwood', 'Juniper', 'Keystone', 'Lakeside', 'Meridian', 'Northgate', 'Oakridge', 'Pinnacle', 'Quarry', 'Riverbend', 'Summit', 'Timber', 'Union', 'Valley', 'Westfield', 'Yellowstone'];
const NAME_SECOND = ['Analytics', 'Builders', 'Copper', 'Dental', 'Electric', 'Foods', 'Graphics', 'Hardware', 'Imaging', 'Logistics', 'Machining', 'Nursery', 'Optics', 'Plumbing', 'Roofing', 'Software', 'Textiles', 'Vending'];
const NAME_SUFFIX = ['Inc.', 'LLC', 'Co.', 'Group', 'Partners', 'Ltd.'];
const CITIES = [['Chicago', 'IL', '606'], ['Aurora', 'IL', '605'], ['Seattle', 'WA', '981'], ['Denver', 'CO', '802'], ['Austin', 'TX', '787'], ['Boston', 'MA', '021'], ['Atlanta', 'GA', '303'], ['Phoenix', 'AZ', '850']] as const;

export interface GenerateCustomersOptions {
  count: number;
  seed?: number;
  /** Every generated customer gets this ModifiedDate (a tie), or they spread over `spreadDays` before today. */
  modifiedDate?: string;
  spreadDays?: number;
}

/** Adds `count` synthetic customers; returns their ids. Ids never collide with existing ones. */
export function generateCustomers(company: GpCompany, clock: GpClock, opts: GenerateCustomersOptions): string[] {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new RangeError('count must be a non-negative integer');
  const random = createRandom(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const table = customerTable(company);
  const today = clock.localDate();
  const offset = clock.state().utcOffsetMinutes;
  const nextSequence = new Map<string, number>();
  const ids: string[] = [];
  for (let n = 0; n < opts.count; n += 1) {
    const name = `${pick(NAME_FIRST)} ${pick(NAME_SECOND)} ${pick(NAME_SUFFIX)}`;
    const prefix = name.replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 8).padEnd(8, 'X');
    let seq = nextSequence.get(prefix) ?? 1;
    while (table.get(`${prefix}${String(seq).padStart(4, '0')}`)) seq += 1;
    if (seq > 9999) throw new RangeError(`no free customer number left for prefix ${prefix}`);
    nextSequence.set(prefix, seq + 1);
    const id = `${prefix}${String(seq).padStart(4, '0')}`;
    const [city, state, zip3] = pick(CITIES);
    const modifiedDate = opts.modifiedDate ?? shiftDate(today, -Math.floor(random() * (opts.spreadDays ?? 30)));
    const limited = random() < 0.5;
    seedCustomer(
      company,
      {
        CustomerId: id,
        Name: name,
        StatementName: name,
        ClassId: 'USA-GEN',
        Address1: `${100 + Math.floor(random() * 9800)} ${pick(NAME_FIRST)} St`,
        City: city,
        State: state,
        Zip: `${zip3}${String(Math.floor(random() * 100)).padStart(2, '0')}`,
        Country: 'USA',
        Phone1: `${Math.floor(2e9 + random() * 7e9)}0000`,
        PaymentTermsId: 'Net 30',
        CurrencyId: 'Z-US$',
        CreditLimitType: limited ? 2 : 1,
        CreditLimitAmount: limited ? 1000 * (1 + Math.floor(random() * 50)) : 0,
      },
      {
        createdDate: shiftDate(modifiedDate, -Math.floor(random() * 365)),
        modifiedDate,
        lastModifiedMs: instantOnLocalDate(modifiedDate, offset, random()),
      },
    );
    ids.push(id);
  }
  return ids;
}
