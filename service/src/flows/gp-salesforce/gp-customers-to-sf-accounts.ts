/**
 * Seed 000: "New customers in Dynamics GP appear in Salesforce Accounts" — polled by ModifiedDate on a schedule
 * the customer controls (start daily, speed up only if needed), upserted on the Account's GP customer number
 * External Id so a re-run or a replay never creates a second Account.
 */
import type { FlowTemplate } from '../template.ts';

export const GP_CUSTOMERS_TO_SF_ACCOUNTS: FlowTemplate = {
  id: 'gp-customers-to-sf-accounts',
  sourceSystem: 'dynamics-gp',
  targetSystem: 'salesforce',
  build: ({ source, target }) => ({
    id: 'gp-customers-to-sf-accounts',
    name: 'GP customers → Salesforce Accounts',
    description: 'Dynamics GP customer master (RM00101) to Salesforce Accounts, matched on GP_Customer_Number__c.',
    source: { connection: source, entity: 'customers' },
    target: { connection: target, entity: 'Account', matchField: 'GP_Customer_Number__c' },
    // GP keys are upper-cased by eConnect and compared case-insensitively (GP-DOMAIN §2).
    matchKey: { source: 'CustomerId', transforms: ['trim', 'upper'] },
    mapping: [
      { target: 'Name', source: 'Name', transforms: ['trim'], required: true, maxLength: 255 },
      { target: 'BillingStreet', source: ['Address1', 'Address2', 'Address3'], transforms: ['joinLines'], maxLength: 255 },
      { target: 'BillingCity', source: 'City', transforms: ['trim', 'nullIfBlank'], maxLength: 40 },
      { target: 'BillingState', source: 'State', transforms: ['trim', 'nullIfBlank'], maxLength: 80 },
      { target: 'BillingPostalCode', source: 'Zip', transforms: ['trim', 'nullIfBlank'], maxLength: 20 },
      { target: 'BillingCountry', source: 'Country', transforms: ['trim', 'nullIfBlank'], maxLength: 80 },
      { target: 'Phone', source: 'Phone1', transforms: ['phone'], maxLength: 40 },
      { target: 'Fax', source: 'Fax', transforms: ['phone'], maxLength: 40 },
      { target: 'GP_Customer_Class__c', source: 'Class', transforms: ['trim', 'nullIfBlank'] },
      { target: 'ERP_Payment_Terms__c', source: 'PaymentTerms', transforms: ['trim', 'nullIfBlank'] },
      { target: 'ERP_Credit_Limit__c', source: ['CreditLimitType', 'CreditLimitAmount'], transforms: ['gpCreditLimit'] },
      { target: 'ERP_On_Hold__c', source: 'OnHold', transforms: ['boolean'] },
      { target: 'ERP_Last_Synced_At__c', value: null, transforms: ['now'], excludeFromHash: true },
    ],
    schedule: { intervalMs: 5 * 60_000 },
    pageSize: 500,
  }),
};
