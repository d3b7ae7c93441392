/**
 * Fabrikam's ledger as the purchasing and CRM flows see it (seeds 001, 002, 004): the 3-4-2 account framework with
 * segment descriptions (1 Division, 2 Main Account, 3 Department = cost centre), the expense accounts a purchasing
 * flow codes lines to (`000-6100-<dept>` Office Supplies per department, travel, computer equipment, professional
 * services, an inactive one), and a few posted journal entries so that the open year has balances. Framework 3-4-2
 * and `000-1100-00` Cash are documented (GP-DOMAIN §1); every other value is a fill-in [U]. The seeded entries are
 * numbered from 9001 so that the journal-entry next number (GL40000) is unaffected.
 */
import type { GpClock } from './gp-clock.ts';
import type { GpCompany } from './gp-company.ts';
import { addAccountSegment, seedAccountFramework } from './resources/account-segments.ts';
import { addGlAccount } from './resources/gl-accounts.ts';
import { postGlTransaction } from './resources/gl-posting.ts';
import { createGlTransaction } from './resources/gl-transactions.ts';

const SEGMENTS: Array<[number, string, string]> = [
  [1, '000', 'Corporate'],
  [1, '100', 'Administration'],
  [1, '200', 'Field Sales'],
  [1, '300', 'Service'],
  [2, '1100', 'Cash'],
  [2, '1200', 'Accounts Receivable'],
  [2, '1300', 'Inventory'],
  [2, '2100', 'Accounts Payable'],
  [2, '2300', 'Sales Tax Payable'],
  [2, '4100', 'Sales'],
  [2, '4110', 'Sales Discounts'],
  [2, '4190', 'Discontinued Sales'],
  [2, '5100', 'Cost of Goods Sold'],
  [2, '6000', 'Purchases'],
  [2, '6100', 'Office Supplies'],
  [2, '6200', 'Travel and Entertainment'],
  [2, '6300', 'Computer Equipment'],
  [2, '6400', 'Professional Services'],
  [3, '00', 'General'],
  [3, '10', 'Finance'],
  [3, '20', 'Operations'],
  [3, '30', 'Purchasing'],
  [3, '40', 'Information Technology'],
];

const PURCHASING_ACCOUNTS: Array<[string, string, boolean?]> = [
  ['000-6000-00', 'Purchases'],
  ['000-6100-00', 'Office Supplies'],
  ['000-6100-10', 'Office Supplies - Finance'],
  ['000-6100-20', 'Office Supplies - Operations'],
  ['000-6100-30', 'Office Supplies - Purchasing'],
  ['000-6100-40', 'Office Supplies - IT'],
  ['100-6100-00', 'Office Supplies - Administration'],
  ['000-6200-00', 'Travel and Entertainment'],
  ['000-6200-20', 'Travel - Operations'],
  ['000-6300-40', 'Computer Equipment - IT'],
  ['000-6400-10', 'Professional Services - Finance'],
  ['000-6190-30', 'Office Supplies - Old Purchasing', false],
];

function firstOfMonth(date: string, monthsBack: number): string | undefined {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - monthsBack;
  return month >= 1 ? `${year}-${String(month).padStart(2, '0')}-01` : undefined;
}

export function seedLedger(company: GpCompany, clock: GpClock): void {
  seedAccountFramework(company);
  for (const [segment, id, description] of SEGMENTS) addAccountSegment(company, clock, segment, id, description);
  // All profit and loss accounts (PSTNGTYP 1).
  for (const [number, description, active] of PURCHASING_ACCOUNTS) addGlAccount(company, clock, number, description, 1, active ?? true);
  const today = clock.localDate();
  const entries: Array<[number, string | undefined, Array<[string, number, number]>]> = [
    [9001, firstOfMonth(today, 0), [['000-6100-10', 250, 0], ['000-6100-20', 125.5, 0], ['000-2100-00', 0, 375.5]]],
    [9002, today, [['000-6200-20', 1200, 0], ['000-1100-00', 0, 1200]]],
    [9003, firstOfMonth(today, 1), [['000-6300-40', 2400, 0], ['000-2100-00', 0, 2400]]],
  ];
  for (const [journalEntry, date, lines] of entries) {
    if (!date) continue;
    createGlTransaction(company, clock, {
      JournalEntry: journalEntry,
      BatchId: 'SEED',
      Reference: `Seeded entry ${journalEntry}`,
      TransactionDate: date,
      Lines: lines.map(([AccountNumber, DebitAmount, CreditAmount]) => ({ AccountNumber, DebitAmount, CreditAmount })),
    });
    postGlTransaction(company, clock, journalEntry);
  }
}
