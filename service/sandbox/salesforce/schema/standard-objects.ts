import { completeField, type FieldDraft, type SObjectField } from './field-spec.ts';
import type { SObjectSchema } from './object-schema.ts';

/**
 * The standard objects the integrations touch, with their common standard fields (names, types and lengths as
 * in Salesforce's object reference). Key prefixes: 001 Account, 003 Contact, 006 Opportunity, 801 Order,
 * 802 OrderItem, 01t Product2.
 */

const readOnly = { createable: false, updateable: false } as const;

function systemFields(opts: { owner: boolean }): FieldDraft[] {
  const drafts: FieldDraft[] = [
    { name: 'Id', type: 'id', label: 'Record ID', nillable: false, ...readOnly, defaultedOnCreate: true },
    { name: 'IsDeleted', type: 'boolean', label: 'Deleted', ...readOnly },
    { name: 'CreatedDate', type: 'datetime', label: 'Created Date', nillable: false, ...readOnly, defaultedOnCreate: true },
    { name: 'CreatedById', type: 'reference', label: 'Created By ID', nillable: false, ...readOnly, defaultedOnCreate: true, referenceTo: ['User'], relationshipName: 'CreatedBy' },
    { name: 'LastModifiedDate', type: 'datetime', label: 'Last Modified Date', nillable: false, ...readOnly, defaultedOnCreate: true },
    { name: 'LastModifiedById', type: 'reference', label: 'Last Modified By ID', nillable: false, ...readOnly, defaultedOnCreate: true, referenceTo: ['User'], relationshipName: 'LastModifiedBy' },
    { name: 'SystemModstamp', type: 'datetime', label: 'System Modstamp', nillable: false, ...readOnly, defaultedOnCreate: true },
  ];
  if (opts.owner) {
    drafts.push({ name: 'OwnerId', type: 'reference', label: 'Owner ID', nillable: false, defaultedOnCreate: true, referenceTo: ['User'], relationshipName: 'Owner' });
  }
  return drafts;
}

function address(prefix: string, label: string): FieldDraft[] {
  return [
    { name: `${prefix}Street`, type: 'textarea', label: `${label} Street`, length: 255 },
    { name: `${prefix}City`, type: 'string', label: `${label} City`, length: 40 },
    { name: `${prefix}State`, type: 'string', label: `${label} State/Province`, length: 80 },
    { name: `${prefix}PostalCode`, type: 'string', label: `${label} Zip/Postal Code`, length: 20 },
    { name: `${prefix}Country`, type: 'string', label: `${label} Country`, length: 80 },
  ];
}

function defineObject(
  name: string,
  label: string,
  keyPrefix: string,
  drafts: FieldDraft[],
  extra: Partial<Pick<SObjectSchema, 'computed' | 'autoNumber'>> = {},
): SObjectSchema {
  const fields: SObjectField[] = drafts.map(completeField);
  return { name, label, keyPrefix, custom: false, fields, computed: extra.computed ?? {}, autoNumber: extra.autoNumber ?? {} };
}

const roundCurrency = (n: number): number => Math.round(n * 100) / 100;

export function createStandardObjects(): SObjectSchema[] {
  const account = defineObject('Account', 'Account', '001', [
    ...systemFields({ owner: true }),
    { name: 'Name', type: 'string', label: 'Account Name', nillable: false },
    { name: 'AccountNumber', type: 'string', label: 'Account Number', length: 40 },
    { name: 'Type', type: 'picklist', label: 'Account Type', picklistValues: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other'] },
    { name: 'Industry', type: 'picklist', label: 'Industry' },
    { name: 'ParentId', type: 'reference', label: 'Parent Account ID', referenceTo: ['Account'], relationshipName: 'Parent' },
    { name: 'Phone', type: 'phone', label: 'Account Phone', length: 40 },
    { name: 'Fax', type: 'phone', label: 'Account Fax', length: 40 },
    { name: 'Website', type: 'url', label: 'Website', length: 255 },
    { name: 'Site', type: 'string', label: 'Account Site', length: 80 },
    { name: 'Description', type: 'textarea', label: 'Account Description', length: 32000 },
    { name: 'AnnualRevenue', type: 'currency', label: 'Annual Revenue', precision: 18, scale: 0 },
    { name: 'NumberOfEmployees', type: 'int', label: 'Employees', precision: 8 },
    ...address('Billing', 'Billing'),
    ...address('Shipping', 'Shipping'),
  ]);

  const contact = defineObject(
    'Contact',
    'Contact',
    '003',
    [
      ...systemFields({ owner: true }),
      { name: 'AccountId', type: 'reference', label: 'Account ID', referenceTo: ['Account'], relationshipName: 'Account' },
      { name: 'FirstName', type: 'string', label: 'First Name', length: 40 },
      { name: 'LastName', type: 'string', label: 'Last Name', length: 80, nillable: false },
      { name: 'Name', type: 'string', label: 'Full Name', length: 121, ...readOnly },
      { name: 'Title', type: 'string', label: 'Title', length: 128 },
      { name: 'Email', type: 'email', label: 'Email', length: 80 },
      { name: 'Phone', type: 'phone', label: 'Business Phone', length: 40 },
      { name: 'MobilePhone', type: 'phone', label: 'Mobile Phone', length: 40 },
      { name: 'Description', type: 'textarea', label: 'Contact Description', length: 32000 },
      ...address('Mailing', 'Mailing'),
    ],
    { computed: { Name: (r) => [r.FirstName, r.LastName].filter((v) => typeof v === 'string' && v !== '').join(' ') } },
  );

  const opportunity = defineObject('Opportunity', 'Opportunity', '006', [
    ...systemFields({ owner: true }),
    { name: 'AccountId', type: 'reference', label: 'Account ID', referenceTo: ['Account'], relationshipName: 'Account' },
    { name: 'Name', type: 'string', label: 'Name', length: 120, nillable: false },
    { name: 'Description', type: 'textarea', label: 'Description', length: 32000 },
    { name: 'StageName', type: 'picklist', label: 'Stage', nillable: false, restrictedPicklist: true, picklistValues: ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'] },
    { name: 'Amount', type: 'currency', label: 'Amount', precision: 18, scale: 2 },
    { name: 'Probability', type: 'percent', label: 'Probability (%)', precision: 3, scale: 0 },
    { name: 'CloseDate', type: 'date', label: 'Close Date', nillable: false },
    { name: 'Type', type: 'picklist', label: 'Opportunity Type', picklistValues: ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer'] },
    { name: 'NextStep', type: 'string', label: 'Next Step', length: 255 },
  ]);

  const order = defineObject(
    'Order',
    'Order',
    '801',
    [
      ...systemFields({ owner: true }),
      { name: 'AccountId', type: 'reference', label: 'Account ID', referenceTo: ['Account'], relationshipName: 'Account', nillable: false },
      { name: 'OpportunityId', type: 'reference', label: 'Opportunity ID', referenceTo: ['Opportunity'], relationshipName: 'Opportunity' },
      { name: 'Pricebook2Id', type: 'reference', label: 'Price Book ID', referenceTo: ['Pricebook2'], relationshipName: 'Pricebook2' },
      { name: 'EffectiveDate', type: 'date', label: 'Order Start Date', nillable: false },
      { name: 'EndDate', type: 'date', label: 'Order End Date' },
      { name: 'Status', type: 'picklist', label: 'Status', nillable: false, defaultedOnCreate: true, defaultValue: 'Draft', restrictedPicklist: true, picklistValues: ['Draft', 'Activated'] },
      { name: 'OrderNumber', type: 'string', label: 'Order Number', length: 30, ...readOnly, nillable: false, defaultedOnCreate: true },
      { name: 'Type', type: 'picklist', label: 'Order Type' },
      { name: 'PoNumber', type: 'string', label: 'PO Number', length: 80 },
      { name: 'Description', type: 'textarea', label: 'Description', length: 32000 },
      { name: 'TotalAmount', type: 'currency', label: 'Order Amount', precision: 18, scale: 2, ...readOnly },
      { name: 'ActivatedDate', type: 'datetime', label: 'Activated Date' },
      ...address('Billing', 'Billing'),
      ...address('Shipping', 'Shipping'),
    ],
    {
      autoNumber: { OrderNumber: { width: 8 } },
      computed: {
        TotalAmount: (r, lookup) =>
          roundCurrency(
            lookup
              .childrenOf('OrderItem', 'OrderId', String(r.Id))
              .reduce((sum, item) => sum + Number(item.Quantity ?? 0) * Number(item.UnitPrice ?? 0), 0),
          ),
      },
    },
  );

  const orderItem = defineObject(
    'OrderItem',
    'Order Product',
    '802',
    [
      ...systemFields({ owner: false }),
      { name: 'OrderId', type: 'reference', label: 'Order ID', referenceTo: ['Order'], relationshipName: 'Order', nillable: false, updateable: false },
      { name: 'Product2Id', type: 'reference', label: 'Product ID', referenceTo: ['Product2'], relationshipName: 'Product2', updateable: false },
      // Real orgs require a PricebookEntryId; the emulator has no price books, so it is optional here.
      { name: 'PricebookEntryId', type: 'reference', label: 'Price Book Entry ID', referenceTo: ['PricebookEntry'], relationshipName: 'PricebookEntry', updateable: false },
      { name: 'OrderItemNumber', type: 'string', label: 'Order Product Number', length: 30, ...readOnly, nillable: false, defaultedOnCreate: true },
      { name: 'Quantity', type: 'double', label: 'Quantity', precision: 18, scale: 2, nillable: false },
      { name: 'UnitPrice', type: 'currency', label: 'Unit Price', precision: 18, scale: 2, nillable: false },
      { name: 'ListPrice', type: 'currency', label: 'List Price', precision: 18, scale: 2 },
      { name: 'TotalPrice', type: 'currency', label: 'Total Price', precision: 18, scale: 2, ...readOnly },
      { name: 'ServiceDate', type: 'date', label: 'Start Date' },
      { name: 'EndDate', type: 'date', label: 'End Date' },
      { name: 'Description', type: 'string', label: 'Line Description', length: 255 },
    ],
    {
      autoNumber: { OrderItemNumber: { width: 10 } },
      computed: { TotalPrice: (r) => roundCurrency(Number(r.Quantity ?? 0) * Number(r.UnitPrice ?? 0)) },
    },
  );

  const product = defineObject('Product2', 'Product', '01t', [
    ...systemFields({ owner: false }),
    { name: 'Name', type: 'string', label: 'Product Name', nillable: false },
    { name: 'ProductCode', type: 'string', label: 'Product Code', length: 255 },
    { name: 'Description', type: 'textarea', label: 'Product Description', length: 4000 },
    { name: 'IsActive', type: 'boolean', label: 'Active' },
    { name: 'Family', type: 'picklist', label: 'Product Family', picklistValues: ['None'] },
    { name: 'StockKeepingUnit', type: 'string', label: 'Product SKU', length: 180 },
    { name: 'QuantityUnitOfMeasure', type: 'picklist', label: 'Quantity Unit Of Measure', picklistValues: ['Each'] },
  ]);

  return [account, contact, opportunity, order, orderItem, product];
}
