/**
 * The standard modules the GP ↔ Zoho integration touches (seed 002), with the field API names Zoho uses
 * (Accounts `Account_Name`, `Billing_Street`…, Vendors `Vendor_Name`, `GL_Account`…, Sales_Orders with the
 * `Ordered_Items` line-item subform). System-defined duplicate-check fields for upsert are as listed in the v8
 * upsert documentation [V]: Accounts Account_Name, Contacts Email, Deals Deal_Name, Products Product_Name,
 * Vendors Vendor_Name, Sales_Orders Subject, Leads Email, custom modules Name. Field lengths and picklist values
 * are the common Zoho defaults [U].
 */
import type { FieldDataType } from './field-defs.ts';

export interface FieldSpec {
  apiName: string;
  label: string;
  dataType: FieldDataType;
  length?: number;
  mandatory?: boolean;
  readOnly?: boolean;
  unique?: boolean;
  lookupModule?: string;
  picklist?: string[];
  subformModule?: string;
  decimalPlace?: number;
}

export interface ModuleSpec {
  apiName: string;
  singularLabel: string;
  pluralLabel: string;
  /** The module part of a `ZohoCRM.modules.<name>.<op>` scope (`salesorders`, or `custom` for custom modules). */
  scopeName: string;
  displayField: string;
  duplicateCheckField: string | null;
  /** Lines of another module (a subform) rather than an API module of its own. */
  subformOf?: string;
  fields: FieldSpec[];
}

const f = (apiName: string, label: string, dataType: FieldDataType, opts: Omit<FieldSpec, 'apiName' | 'label' | 'dataType'> = {}): FieldSpec => ({ apiName, label, dataType, ...opts });

const address = (prefix: string, zipName: string, label: string): FieldSpec[] => [
  f(`${prefix}_Street`, `${label} Street`, 'text', { length: 250 }),
  f(`${prefix}_City`, `${label} City`, 'text', { length: 30 }),
  f(`${prefix}_State`, `${label} State`, 'text', { length: 30 }),
  f(`${prefix}_${zipName}`, `${label} ${zipName === 'Code' ? 'Code' : 'Zip'}`, 'text', { length: 30 }),
  f(`${prefix}_Country`, `${label} Country`, 'text', { length: 30 }),
];

const LEAD_SOURCES = ['Advertisement', 'Cold Call', 'Employee Referral', 'External Referral', 'Online Store', 'Partner', 'Public Relations', 'Sales Email Alias', 'Seminar Partner', 'Internal Seminar', 'Trade Show', 'Web Download', 'Web Research', 'Chat'];
const INDUSTRIES = ['ASP (Application Service Provider)', 'Data/Telecom OEM', 'ERP (Enterprise Resource Planning)', 'Government/Military', 'Large Enterprise', 'ManagementISV', 'MSP (Management Service Provider)', 'Network Equipment Enterprise', 'Non-management ISV', 'Optical Networking', 'Service Provider', 'Small/Medium Enterprise', 'Storage Equipment', 'Storage Service Provider', 'Systems Integrator', 'Wireless Industry', 'Communications', 'Education', 'Financial Services', 'Manufacturing', 'Retail', 'Technology'];
const DEAL_STAGES = ['Qualification', 'Needs Analysis', 'Value Proposition', 'Identify Decision Makers', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost', 'Closed Lost to Competition'];
const GL_ACCOUNTS = ['Sales-Software', 'Sales-Hardware', 'Rental-Income', 'Interest-Income', 'Sales Software Support', 'Sales-Other', 'Interest Sales', 'Service-Hardware'];

export const STANDARD_MODULES: readonly ModuleSpec[] = [
  {
    apiName: 'Leads',
    singularLabel: 'Lead',
    pluralLabel: 'Leads',
    scopeName: 'leads',
    displayField: 'Full_Name',
    duplicateCheckField: 'Email',
    fields: [
      f('First_Name', 'First Name', 'text', { length: 40 }),
      f('Last_Name', 'Last Name', 'text', { length: 80, mandatory: true }),
      f('Full_Name', 'Full Name', 'text', { length: 120, readOnly: true }),
      f('Company', 'Company', 'text', { length: 200 }),
      f('Email', 'Email', 'email'),
      f('Phone', 'Phone', 'phone'),
      f('Lead_Status', 'Lead Status', 'picklist', { picklist: ['Attempted to Contact', 'Contact in Future', 'Contacted', 'Junk Lead', 'Lost Lead', 'Not Contacted', 'Pre-Qualified', 'Not Qualified'] }),
      f('Lead_Source', 'Lead Source', 'picklist', { picklist: LEAD_SOURCES }),
      f('Description', 'Description', 'textarea'),
    ],
  },
  {
    apiName: 'Accounts',
    singularLabel: 'Account',
    pluralLabel: 'Accounts',
    scopeName: 'accounts',
    displayField: 'Account_Name',
    duplicateCheckField: 'Account_Name',
    fields: [
      f('Account_Name', 'Account Name', 'text', { length: 200, mandatory: true }),
      f('Account_Number', 'Account Number', 'text', { length: 40 }),
      f('Account_Site', 'Account Site', 'text', { length: 30 }),
      f('Parent_Account', 'Parent Account', 'lookup', { lookupModule: 'Accounts' }),
      f('Account_Type', 'Account Type', 'picklist', { picklist: ['Analyst', 'Competitor', 'Customer', 'Distributor', 'Integrator', 'Investor', 'Other', 'Partner', 'Press', 'Prospect', 'Reseller', 'Supplier', 'Vendor'] }),
      f('Industry', 'Industry', 'picklist', { picklist: INDUSTRIES }),
      f('Annual_Revenue', 'Annual Revenue', 'currency', { decimalPlace: 2 }),
      f('Employees', 'Employees', 'integer'),
      f('Phone', 'Phone', 'phone'),
      f('Fax', 'Fax', 'phone'),
      f('Website', 'Website', 'website'),
      f('Ticker_Symbol', 'Ticker Symbol', 'text', { length: 30 }),
      ...address('Billing', 'Code', 'Billing'),
      ...address('Shipping', 'Code', 'Shipping'),
      f('Description', 'Description', 'textarea'),
    ],
  },
  {
    apiName: 'Contacts',
    singularLabel: 'Contact',
    pluralLabel: 'Contacts',
    scopeName: 'contacts',
    displayField: 'Full_Name',
    duplicateCheckField: 'Email',
    fields: [
      f('First_Name', 'First Name', 'text', { length: 40 }),
      f('Last_Name', 'Last Name', 'text', { length: 80, mandatory: true }),
      f('Full_Name', 'Full Name', 'text', { length: 120, readOnly: true }),
      f('Account_Name', 'Account Name', 'lookup', { lookupModule: 'Accounts' }),
      f('Vendor_Name', 'Vendor Name', 'lookup', { lookupModule: 'Vendors' }),
      f('Email', 'Email', 'email'),
      f('Secondary_Email', 'Secondary Email', 'email'),
      f('Phone', 'Phone', 'phone'),
      f('Mobile', 'Mobile', 'phone'),
      f('Title', 'Title', 'text', { length: 100 }),
      f('Department', 'Department', 'text', { length: 100 }),
      f('Lead_Source', 'Lead Source', 'picklist', { picklist: LEAD_SOURCES }),
      f('Date_of_Birth', 'Date of Birth', 'date'),
      f('Email_Opt_Out', 'Email Opt Out', 'boolean'),
      ...address('Mailing', 'Zip', 'Mailing'),
      f('Description', 'Description', 'textarea'),
    ],
  },
  {
    apiName: 'Vendors',
    singularLabel: 'Vendor',
    pluralLabel: 'Vendors',
    scopeName: 'vendors',
    displayField: 'Vendor_Name',
    duplicateCheckField: 'Vendor_Name',
    fields: [
      f('Vendor_Name', 'Vendor Name', 'text', { length: 120, mandatory: true }),
      f('Email', 'Email', 'email'),
      f('Phone', 'Phone', 'phone'),
      f('Website', 'Website', 'website'),
      f('GL_Account', 'GL Account', 'picklist', { picklist: GL_ACCOUNTS }),
      f('Category', 'Category', 'text', { length: 30 }),
      f('Street', 'Street', 'text', { length: 250 }),
      f('City', 'City', 'text', { length: 30 }),
      f('State', 'State', 'text', { length: 30 }),
      f('Zip_Code', 'Zip Code', 'text', { length: 30 }),
      f('Country', 'Country', 'text', { length: 30 }),
      f('Description', 'Description', 'textarea'),
    ],
  },
  {
    apiName: 'Products',
    singularLabel: 'Product',
    pluralLabel: 'Products',
    scopeName: 'products',
    displayField: 'Product_Name',
    duplicateCheckField: 'Product_Name',
    fields: [
      f('Product_Name', 'Product Name', 'text', { length: 200, mandatory: true }),
      f('Product_Code', 'Product Code', 'text', { length: 40 }),
      f('Product_Active', 'Product Active', 'boolean'),
      f('Product_Category', 'Product Category', 'picklist', { picklist: ['Hardware', 'Software', 'CRM Applications'] }),
      f('Vendor_Name', 'Vendor Name', 'lookup', { lookupModule: 'Vendors' }),
      f('Unit_Price', 'Unit Price', 'currency', { decimalPlace: 2 }),
      f('Qty_in_Stock', 'Qty in Stock', 'double', { decimalPlace: 2 }),
      f('Taxable', 'Taxable', 'boolean'),
      f('Description', 'Description', 'textarea'),
    ],
  },
  {
    apiName: 'Deals',
    singularLabel: 'Deal',
    pluralLabel: 'Deals',
    scopeName: 'deals',
    displayField: 'Deal_Name',
    duplicateCheckField: 'Deal_Name',
    fields: [
      f('Deal_Name', 'Deal Name', 'text', { length: 120, mandatory: true }),
      f('Account_Name', 'Account Name', 'lookup', { lookupModule: 'Accounts' }),
      f('Contact_Name', 'Contact Name', 'lookup', { lookupModule: 'Contacts' }),
      f('Amount', 'Amount', 'currency', { decimalPlace: 2 }),
      f('Stage', 'Stage', 'picklist', { picklist: DEAL_STAGES, mandatory: true }),
      f('Closing_Date', 'Closing Date', 'date', { mandatory: true }),
      f('Probability', 'Probability (%)', 'percent'),
      f('Type', 'Type', 'picklist', { picklist: ['Existing Business', 'New Business'] }),
      f('Lead_Source', 'Lead Source', 'picklist', { picklist: LEAD_SOURCES }),
      f('Next_Step', 'Next Step', 'text', { length: 100 }),
      f('Description', 'Description', 'textarea'),
    ],
  },
  {
    apiName: 'Sales_Orders',
    singularLabel: 'Sales Order',
    pluralLabel: 'Sales Orders',
    scopeName: 'salesorders',
    displayField: 'Subject',
    duplicateCheckField: 'Subject',
    fields: [
      f('Subject', 'Subject', 'text', { length: 255, mandatory: true }),
      f('SO_Number', 'SO Number', 'autonumber', { readOnly: true }),
      f('Account_Name', 'Account Name', 'lookup', { lookupModule: 'Accounts', mandatory: true }),
      f('Deal_Name', 'Deal Name', 'lookup', { lookupModule: 'Deals' }),
      f('Contact_Name', 'Contact Name', 'lookup', { lookupModule: 'Contacts' }),
      f('Status', 'Status', 'picklist', { picklist: ['Created', 'Approved', 'Delivered', 'Cancelled'] }),
      f('Due_Date', 'Due Date', 'date'),
      f('Customer_No', 'Customer No', 'text', { length: 50 }),
      f('Purchase_Order', 'Purchase Order', 'text', { length: 50 }),
      f('Ordered_Items', 'Ordered Items', 'subform', { subformModule: 'Ordered_Items', mandatory: true }),
      f('Sub_Total', 'Sub Total', 'currency', { readOnly: true, decimalPlace: 2 }),
      f('Discount', 'Discount', 'currency', { decimalPlace: 2 }),
      f('Tax', 'Tax', 'currency', { decimalPlace: 2 }),
      f('Adjustment', 'Adjustment', 'currency', { decimalPlace: 2 }),
      f('Grand_Total', 'Grand Total', 'currency', { readOnly: true, decimalPlace: 2 }),
      ...address('Billing', 'Code', 'Billing'),
      ...address('Shipping', 'Code', 'Shipping'),
      f('Terms_and_Conditions', 'Terms and Conditions', 'textarea'),
      f('Description', 'Description', 'textarea'),
    ],
  },
  {
    apiName: 'Ordered_Items',
    singularLabel: 'Ordered Item',
    pluralLabel: 'Ordered Items',
    scopeName: 'salesorders',
    displayField: 'Product_Name',
    duplicateCheckField: null,
    subformOf: 'Sales_Orders',
    fields: [
      f('Product_Name', 'Product Name', 'lookup', { lookupModule: 'Products', mandatory: true }),
      f('Quantity', 'Quantity', 'double', { mandatory: true, decimalPlace: 2 }),
      f('List_Price', 'List Price', 'currency', { decimalPlace: 2 }),
      f('Discount', 'Discount', 'currency', { decimalPlace: 2 }),
      f('Total', 'Total', 'currency', { readOnly: true, decimalPlace: 2 }),
      f('Net_Total', 'Net Total', 'currency', { readOnly: true, decimalPlace: 2 }),
      f('Product_Description', 'Product Description', 'textarea'),
    ],
  },
];
