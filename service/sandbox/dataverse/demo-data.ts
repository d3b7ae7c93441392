/**
 * The demo org: a dozen accounts with contacts named like Dynamics 365 Sales' own sample data ("… (sample)"),
 * half of them with an account number (the alternate key the GP customer number maps to), half without, so both
 * the matched and the to-be-numbered paths exist from the start. Written through the platform rules as the Sales
 * manager (UI) user.
 */
import type { Row } from './record-store.ts';

export interface DemoAccount {
  name: string;
  accountnumber: string | null;
  city: string;
  state: string;
  postalcode: string;
  line1: string;
  telephone1: string;
  paymenttermscode: number | null;
  creditlimit: number | null;
  revenue: number | null;
  contacts: Array<[string, string]>;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { name: 'A. Datum Corporation (sample)', accountnumber: 'ADATUM0001', line1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalcode: '98052', telephone1: '555-0158', paymenttermscode: 1, creditlimit: 50000, revenue: 10000, contacts: [['Rene', 'Valdes (sample)']] },
  { name: 'Adventure Works (sample)', accountnumber: 'ADVENTUR0001', line1: '2 Adventure Lane', city: 'Santa Cruz', state: 'CA', postalcode: '95060', telephone1: '555-0152', paymenttermscode: 2, creditlimit: 25000, revenue: 60000, contacts: [['Nancy', 'Anderson (sample)'], ['Yvonne', 'McKay (sample)']] },
  { name: 'Alpine Ski House (sample)', accountnumber: null, line1: '34 Powder Road', city: 'Missoula', state: 'MT', postalcode: '59801', telephone1: '555-0157', paymenttermscode: null, creditlimit: null, revenue: 90000, contacts: [['Paul', 'Cannon (sample)']] },
  { name: 'Blue Yonder Airlines (sample)', accountnumber: 'BLUEYOND0001', line1: '12 Runway Drive', city: 'Los Angeles', state: 'CA', postalcode: '90045', telephone1: '555-0154', paymenttermscode: 3, creditlimit: 100000, revenue: 150000, contacts: [['Sidney', 'Higa (sample)']] },
  { name: 'City Power & Light (sample)', accountnumber: null, line1: '5 Grid Street', city: 'Redmond', state: 'WA', postalcode: '98052', telephone1: '555-0155', paymenttermscode: 1, creditlimit: null, revenue: 100000, contacts: [['Scott', 'Konersmann (sample)']] },
  { name: 'Coho Winery (sample)', accountnumber: 'COHOWINE0001', line1: '88 Vineyard Avenue', city: 'Phoenix', state: 'AZ', postalcode: '85001', telephone1: '555-0159', paymenttermscode: 4, creditlimit: 15000, revenue: 30000, contacts: [['Jim', 'Glynn (sample)']] },
  { name: 'Contoso Pharmaceuticals (sample)', accountnumber: null, line1: '700 Research Parkway', city: 'Redmond', state: 'WA', postalcode: '98053', telephone1: '555-0156', paymenttermscode: null, creditlimit: null, revenue: 120000, contacts: [['Robert', 'Lyon (sample)']] },
  { name: 'Fabrikam, Inc. (sample)', accountnumber: 'FABRIKAM0001', line1: '4567 Main Street', city: 'Lynnwood', state: 'WA', postalcode: '98036', telephone1: '555-0153', paymenttermscode: 1, creditlimit: 75000, revenue: 40000, contacts: [['Maria', 'Campbell (sample)']] },
  { name: 'Fourth Coffee (sample)', accountnumber: null, line1: '9 Roast Street', city: 'Renton', state: 'WA', postalcode: '98055', telephone1: '555-0150', paymenttermscode: 2, creditlimit: null, revenue: 5000, contacts: [['Yvonne', 'McKay (sample)']] },
  { name: 'Humongous Insurance (sample)', accountnumber: 'HUMONGOU0001', line1: '1000 Policy Plaza', city: 'Hartford', state: 'CT', postalcode: '06103', telephone1: '555-0151', paymenttermscode: 3, creditlimit: 200000, revenue: 250000, contacts: [['Patrick', 'Sands (sample)']] },
  { name: 'Litware, Inc. (sample)', accountnumber: null, line1: '300 Software Way', city: 'Dallas', state: 'TX', postalcode: '75201', telephone1: '555-0160', paymenttermscode: null, creditlimit: null, revenue: 20000, contacts: [['Susanna', 'Stubberod (sample)']] },
  { name: 'Lucerne Publishing (sample)', accountnumber: null, line1: '21 Press Row', city: 'New York', state: 'NY', postalcode: '10001', telephone1: '555-0161', paymenttermscode: 1, creditlimit: null, revenue: 45000, contacts: [['Susan', 'Burk (sample)'], ['Thomas', 'Andersen (sample)']] },
];

export function demoAccountBody(a: DemoAccount): Row {
  return {
    name: a.name,
    accountnumber: a.accountnumber,
    address1_line1: a.line1,
    address1_city: a.city,
    address1_stateorprovince: a.state,
    address1_postalcode: a.postalcode,
    address1_country: 'United States',
    telephone1: a.telephone1,
    paymenttermscode: a.paymenttermscode,
    creditlimit: a.creditlimit,
    revenue: a.revenue,
    customertypecode: 3,
  };
}

export function demoContactBody(first: string, last: string, accountId: string): Row {
  const slug = `${first}.${last.replace(/ \(sample\)$/, '')}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    firstname: first,
    lastname: last,
    emailaddress1: `${slug}@example.com`,
    telephone1: '555-0100',
    'parentcustomerid_account@odata.bind': `/accounts(${accountId})`,
  };
}
