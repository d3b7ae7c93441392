/**
 * The standard tables a Dynamics 365 Sales org serves to this integration, with the columns the GP ↔ Sales
 * integration needs (account, contact), the currency and user tables behind lookups, and the platform tables of
 * webhook registration (serviceendpoint, sdkmessage, sdkmessagefilter, sdkmessageprocessingstep) and System Jobs
 * (asyncoperation). Column names, types, lengths, choice values and object type codes follow the published table
 * reference (powerapps-docs reference/entities/*.md) [V] for the columns listed; not every column of those tables
 * is emulated.
 * [U] which tables have "Track changes" on in a fresh Sales org: account and contact by default here, configurable.
 */
import type { ColumnInput, Schema } from './schema.ts';

const STATE_ACTIVE = [
  { value: 0, label: 'Active' },
  { value: 1, label: 'Inactive' },
];
const STATUS_ACTIVE = [
  { value: 1, label: 'Active' },
  { value: 2, label: 'Inactive' },
];

/** [V] account.paymenttermscode default options. */
export const PAYMENT_TERMS_OPTIONS = [
  { value: 1, label: 'Net 30' },
  { value: 2, label: '2% 10, Net 30' },
  { value: 3, label: 'Net 45' },
  { value: 4, label: 'Net 60' },
];

const CUSTOMER_TYPES = ['Competitor', 'Consultant', 'Customer', 'Investor', 'Partner', 'Influencer', 'Press', 'Prospect', 'Reseller', 'Supplier', 'Vendor', 'Other'].map(
  (label, i) => ({ value: i + 1, label }),
);

const readOnly = { validForCreate: false, validForUpdate: false } as const;

function systemColumns(opts: { money?: boolean } = {}): ColumnInput[] {
  const user = [{ table: 'systemuser', navigation: '' }];
  return [
    { logicalName: 'createdon', type: 'datetime', ...readOnly },
    { logicalName: 'modifiedon', type: 'datetime', ...readOnly },
    { logicalName: 'versionnumber', type: 'bigint', ...readOnly },
    { logicalName: 'createdby', type: 'lookup', targets: user.map((t) => ({ ...t, navigation: 'createdby' })), ...readOnly },
    { logicalName: 'modifiedby', type: 'lookup', targets: user.map((t) => ({ ...t, navigation: 'modifiedby' })), ...readOnly },
    { logicalName: 'ownerid', type: 'lookup', targets: user.map((t) => ({ ...t, navigation: 'ownerid' })) },
    ...(opts.money ? ([{ logicalName: 'transactioncurrencyid', type: 'lookup', targets: [{ table: 'transactioncurrency', navigation: 'transactioncurrencyid' }] }] as ColumnInput[]) : []),
  ];
}

function platformColumns(): ColumnInput[] {
  return [
    { logicalName: 'createdon', type: 'datetime', ...readOnly },
    { logicalName: 'modifiedon', type: 'datetime', ...readOnly },
    { logicalName: 'versionnumber', type: 'bigint', ...readOnly },
  ];
}

export function registerStandardTables(schema: Schema, changeTracking: { account: boolean; contact: boolean }): void {
  schema.addTable({
    logicalName: 'transactioncurrency',
    schemaName: 'TransactionCurrency',
    entitySetName: 'transactioncurrencies',
    objectTypeCode: 9105,
    primaryNameAttribute: 'currencyname',
    columns: [
      { logicalName: 'currencyname', type: 'string', maxLength: 100 },
      { logicalName: 'isocurrencycode', type: 'string', maxLength: 5 },
      { logicalName: 'currencysymbol', type: 'string', maxLength: 13 },
      { logicalName: 'exchangerate', type: 'decimal' },
      ...platformColumns(),
    ],
    alternateKeys: [{ name: 'isocurrencycode', attributes: ['isocurrencycode'] }],
  });
  schema.addTable({
    logicalName: 'systemuser',
    schemaName: 'SystemUser',
    entitySetName: 'systemusers',
    objectTypeCode: 8,
    primaryNameAttribute: 'fullname',
    columns: [
      { logicalName: 'fullname', type: 'string', maxLength: 200, ...readOnly },
      { logicalName: 'domainname', type: 'string', maxLength: 1024 },
      { logicalName: 'applicationid', type: 'uniqueidentifier' },
      { logicalName: 'azureactivedirectoryobjectid', type: 'uniqueidentifier' },
      { logicalName: 'isdisabled', type: 'boolean' },
      {
        logicalName: 'accessmode',
        type: 'picklist',
        options: ['Read-Write', 'Administrative', 'Read', 'Support User', 'Non-interactive', 'Delegated Admin'].map((label, value) => ({ value, label })),
      },
      ...platformColumns(),
    ],
    readOnly: true,
  });
  schema.addTable({
    logicalName: 'account',
    schemaName: 'Account',
    entitySetName: 'accounts',
    objectTypeCode: 1,
    primaryNameAttribute: 'name',
    columns: [
      { logicalName: 'name', type: 'string', maxLength: 160 },
      { logicalName: 'accountnumber', type: 'string', maxLength: 20 },
      { logicalName: 'address1_line1', type: 'string', maxLength: 250 },
      { logicalName: 'address1_line2', type: 'string', maxLength: 250 },
      { logicalName: 'address1_line3', type: 'string', maxLength: 250 },
      { logicalName: 'address1_city', type: 'string', maxLength: 80 },
      { logicalName: 'address1_stateorprovince', type: 'string', maxLength: 50 },
      { logicalName: 'address1_postalcode', type: 'string', maxLength: 20 },
      { logicalName: 'address1_country', type: 'string', maxLength: 80 },
      { logicalName: 'address1_latitude', type: 'double', minValue: -90, maxValue: 90 },
      { logicalName: 'telephone1', type: 'string', maxLength: 50 },
      { logicalName: 'fax', type: 'string', maxLength: 50 },
      { logicalName: 'emailaddress1', type: 'string', maxLength: 100 },
      { logicalName: 'websiteurl', type: 'string', maxLength: 200 },
      { logicalName: 'description', type: 'memo', maxLength: 2000 },
      { logicalName: 'numberofemployees', type: 'integer', minValue: 0, maxValue: 1_000_000_000 },
      { logicalName: 'creditonhold', type: 'boolean' },
      { logicalName: 'creditlimit', type: 'money', minValue: 0, maxValue: 100_000_000_000_000 },
      { logicalName: 'revenue', type: 'money', minValue: 0, maxValue: 100_000_000_000_000 },
      { logicalName: 'paymenttermscode', type: 'picklist', options: PAYMENT_TERMS_OPTIONS },
      { logicalName: 'customertypecode', type: 'picklist', options: CUSTOMER_TYPES },
      { logicalName: 'accountclassificationcode', type: 'picklist', options: [{ value: 1, label: 'Default Value' }] },
      { logicalName: 'accountcategorycode', type: 'picklist', options: [{ value: 1, label: 'Preferred Customer' }, { value: 2, label: 'Standard' }] },
      { logicalName: 'primarycontactid', type: 'lookup', targets: [{ table: 'contact', navigation: 'primarycontactid' }] },
      { logicalName: 'statecode', type: 'state', options: STATE_ACTIVE },
      { logicalName: 'statuscode', type: 'status', options: STATUS_ACTIVE },
      ...systemColumns({ money: true }),
    ],
    alternateKeys: [{ name: 'accountnumber', attributes: ['accountnumber'] }],
    changeTrackingEnabled: changeTracking.account,
  });
  schema.addTable({
    logicalName: 'contact',
    schemaName: 'Contact',
    entitySetName: 'contacts',
    objectTypeCode: 2,
    primaryNameAttribute: 'fullname',
    columns: [
      { logicalName: 'fullname', type: 'string', maxLength: 160, ...readOnly },
      { logicalName: 'firstname', type: 'string', maxLength: 50 },
      { logicalName: 'lastname', type: 'string', maxLength: 50 },
      { logicalName: 'jobtitle', type: 'string', maxLength: 100 },
      { logicalName: 'emailaddress1', type: 'string', maxLength: 100 },
      { logicalName: 'telephone1', type: 'string', maxLength: 50 },
      {
        logicalName: 'parentcustomerid',
        type: 'lookup',
        targets: [
          { table: 'account', navigation: 'parentcustomerid_account' },
          { table: 'contact', navigation: 'parentcustomerid_contact' },
        ],
        onDelete: 'cascade',
      },
      { logicalName: 'statecode', type: 'state', options: STATE_ACTIVE },
      { logicalName: 'statuscode', type: 'status', options: STATUS_ACTIVE },
      ...systemColumns(),
    ],
    changeTrackingEnabled: changeTracking.contact,
  });
  registerPlatformTables(schema);
}

function registerPlatformTables(schema: Schema): void {
  schema.addTable({
    logicalName: 'sdkmessage',
    schemaName: 'SdkMessage',
    entitySetName: 'sdkmessages',
    objectTypeCode: 4606,
    primaryNameAttribute: 'name',
    columns: [{ logicalName: 'name', type: 'string', maxLength: 256 }, ...platformColumns()],
    readOnly: true,
  });
  schema.addTable({
    logicalName: 'sdkmessagefilter',
    schemaName: 'SdkMessageFilter',
    entitySetName: 'sdkmessagefilters',
    objectTypeCode: 4607,
    primaryNameAttribute: 'name',
    columns: [
      { logicalName: 'name', type: 'string', maxLength: 256 },
      { logicalName: 'primaryobjecttypecode', type: 'string', maxLength: 100 },
      { logicalName: 'sdkmessageid', type: 'lookup', targets: [{ table: 'sdkmessage', navigation: 'sdkmessageid' }] },
      ...platformColumns(),
    ],
    readOnly: true,
  });
  schema.addTable({
    logicalName: 'serviceendpoint',
    schemaName: 'ServiceEndpoint',
    entitySetName: 'serviceendpoints',
    objectTypeCode: 4618,
    primaryNameAttribute: 'name',
    columns: [
      { logicalName: 'name', type: 'string', maxLength: 256 },
      { logicalName: 'description', type: 'memo', maxLength: 2000 },
      { logicalName: 'url', type: 'string', maxLength: 2000 },
      { logicalName: 'contract', type: 'picklist', options: ['OneWay', 'Queue', 'Rest', 'TwoWay', 'Topic', 'Queue (Persistent)', 'Event Hub', 'Webhook', 'Event Grid', 'Managed Data Lake'].map((label, i) => ({ value: i + 1, label })) },
      { logicalName: 'authtype', type: 'picklist', options: ['ACS', 'SAS Key', 'SAS Token', 'Webhook Key', 'Http Header', 'Http Query String', 'Connection String', 'Access Key'].map((label, i) => ({ value: i + 1, label })) },
      // [V] serviceendpoint.authvalue: IsValidForRead False — the secret never comes back through the API.
      { logicalName: 'authvalue', type: 'string', maxLength: 2048, validForRead: false },
      { logicalName: 'messageformat', type: 'picklist', options: ['Binary XML', 'Json', 'Text XML'].map((label, i) => ({ value: i + 1, label })) },
      { logicalName: 'userclaim', type: 'picklist', options: ['None', 'UserId', 'UserInfo'].map((label, i) => ({ value: i + 1, label })) },
      { logicalName: 'connectionmode', type: 'picklist', options: [{ value: 1, label: 'Normal' }, { value: 2, label: 'Federated' }] },
      ...platformColumns(),
    ],
  });
  schema.addTable({
    logicalName: 'sdkmessageprocessingstep',
    schemaName: 'SdkMessageProcessingStep',
    entitySetName: 'sdkmessageprocessingsteps',
    objectTypeCode: 4608,
    primaryNameAttribute: 'name',
    columns: [
      { logicalName: 'name', type: 'string', maxLength: 256 },
      { logicalName: 'description', type: 'string', maxLength: 256 },
      { logicalName: 'mode', type: 'picklist', options: [{ value: 0, label: 'Synchronous' }, { value: 1, label: 'Asynchronous' }] },
      { logicalName: 'stage', type: 'picklist', options: [{ value: 10, label: 'Pre-validation' }, { value: 20, label: 'Pre-operation' }, { value: 40, label: 'Post-operation' }] },
      { logicalName: 'rank', type: 'integer', minValue: 0, maxValue: 2_147_483_647 },
      { logicalName: 'supporteddeployment', type: 'picklist', options: [{ value: 0, label: 'Server Only' }, { value: 1, label: 'Microsoft Dynamics 365 Client for Outlook Only' }, { value: 2, label: 'Both' }] },
      { logicalName: 'filteringattributes', type: 'string', maxLength: 100_000 },
      { logicalName: 'asyncautodelete', type: 'boolean' },
      { logicalName: 'configuration', type: 'memo', maxLength: 1_073_741_823 },
      { logicalName: 'statecode', type: 'state', options: [{ value: 0, label: 'Enabled' }, { value: 1, label: 'Disabled' }] },
      { logicalName: 'statuscode', type: 'status', options: [{ value: 1, label: 'Enabled' }, { value: 2, label: 'Disabled' }] },
      { logicalName: 'sdkmessageid', type: 'lookup', targets: [{ table: 'sdkmessage', navigation: 'sdkmessageid' }] },
      { logicalName: 'sdkmessagefilterid', type: 'lookup', targets: [{ table: 'sdkmessagefilter', navigation: 'sdkmessagefilterid' }] },
      { logicalName: 'eventhandler', type: 'lookup', targets: [{ table: 'serviceendpoint', navigation: 'eventhandler_serviceendpoint' }] },
      ...platformColumns(),
    ],
  });
  schema.addTable({
    logicalName: 'asyncoperation',
    schemaName: 'AsyncOperation',
    entitySetName: 'asyncoperations',
    objectTypeCode: 4700,
    primaryNameAttribute: 'name',
    columns: [
      { logicalName: 'name', type: 'string', maxLength: 256 },
      { logicalName: 'operationtype', type: 'picklist', options: [{ value: 1, label: 'System Event' }] },
      { logicalName: 'messagename', type: 'string', maxLength: 160 },
      { logicalName: 'primaryentitytype', type: 'string', maxLength: 64 },
      { logicalName: 'message', type: 'memo', maxLength: 1_073_741_823 },
      { logicalName: 'friendlymessage', type: 'memo', maxLength: 1_073_741_823 },
      { logicalName: 'errorcode', type: 'integer' },
      { logicalName: 'correlationid', type: 'uniqueidentifier' },
      { logicalName: 'depth', type: 'integer' },
      { logicalName: 'retrycount', type: 'integer' },
      { logicalName: 'completedon', type: 'datetime' },
      { logicalName: 'statecode', type: 'state', options: ['Ready', 'Suspended', 'Locked', 'Completed'].map((label, value) => ({ value, label })) },
      {
        logicalName: 'statuscode',
        type: 'status',
        options: [
          [0, 'Waiting For Resources'],
          [10, 'Waiting'],
          [20, 'In Progress'],
          [21, 'Pausing'],
          [22, 'Canceling'],
          [30, 'Succeeded'],
          [31, 'Failed'],
          [32, 'Canceled'],
        ].map(([value, label]) => ({ value: value as number, label: label as string })),
      },
      { logicalName: 'owningextensionid', type: 'lookup', targets: [{ table: 'sdkmessageprocessingstep', navigation: 'owningextensionid_sdkmessageprocessingstep' }] },
      {
        logicalName: 'regardingobjectid',
        type: 'lookup',
        targets: [
          { table: 'account', navigation: 'regardingobjectid_account' },
          { table: 'contact', navigation: 'regardingobjectid_contact' },
        ],
      },
      ...platformColumns(),
    ],
    readOnly: true,
  });
}
