/**
 * Seed 003: Salesforce Accounts and their Contacts become Business Central customers. The customer No. is the one
 * the Account carries in its External Id BC_Customer_Number__c (Accounts without one are not sent to BC; an Order of
 * such an Account is parked naming it); the writer looks the No. up before creating, so a retried create never makes a second customer. The
 * Account's oldest Contact supplies the e-mail, and the phone when the Account has none.
 */
import { BC_SYSTEM_ID, SF_ACCOUNTS_TO_BC_CUSTOMERS, SF_SOURCE_INTERVAL_MS, SF_SYSTEM_ID } from './flow-ids.ts';
import type { FlowTemplate } from '../template.ts';

export const SF_ACCOUNTS_TO_BC_CUSTOMERS_TEMPLATE: FlowTemplate = {
  id: SF_ACCOUNTS_TO_BC_CUSTOMERS,
  sourceSystem: SF_SYSTEM_ID,
  targetSystem: BC_SYSTEM_ID,
  build: ({ source, target }) => ({
    id: SF_ACCOUNTS_TO_BC_CUSTOMERS,
    name: 'Salesforce accounts + contacts → BC customers',
    description: 'Salesforce Accounts (with their Contacts) to Business Central customers, matched on Account.BC_Customer_Number__c.',
    source: {
      connection: source,
      entity: 'Account',
      // An Account is a BC customer once it carries a BC customer No. (others may belong to another ERP).
      where: [{ field: 'BC_Customer_Number__c', notIn: [''] }],
      include: [{ entity: 'Contact', parentField: 'AccountId', as: 'contacts', fields: ['Email', 'Phone'] }],
    },
    target: { connection: target, entity: 'customers', matchField: 'number' },
    matchKey: { source: 'BC_Customer_Number__c', transforms: ['trim', 'upper'] },
    mapping: [
      { target: 'displayName', source: 'Name', transforms: ['trim'], required: true, maxLength: 100 },
      { target: 'type', value: 'Company' },
      { target: 'addressLine1', source: 'BillingStreet', transforms: ['trim', 'nullIfBlank', { name: 'truncate', arg: 100 }] },
      { target: 'city', source: 'BillingCity', transforms: ['trim', 'nullIfBlank', { name: 'truncate', arg: 30 }] },
      { target: 'state', source: 'BillingState', transforms: ['trim', 'nullIfBlank', { name: 'truncate', arg: 30 }] },
      { target: 'postalCode', source: 'BillingPostalCode', transforms: ['trim', 'nullIfBlank'], maxLength: 20 },
      { target: 'phoneNumber', source: ['Phone', 'contacts.0.Phone'], transforms: ['coalesce', 'trim'], maxLength: 30 },
      { target: 'email', source: 'contacts.0.Email', transforms: ['trim', 'nullIfBlank'], maxLength: 80 },
      { target: 'website', source: 'Website', transforms: ['trim', 'nullIfBlank'], maxLength: 80 },
    ],
    schedule: { intervalMs: SF_SOURCE_INTERVAL_MS },
    pageSize: 200,
  }),
};
